// Page context in a real Chromium: what every event carries, the ajs_ query-string API,
// initialPageview and single-page-app page views.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { collectedMessages, startEnvironment, waitForCollected, type Environment } from './helpers/environment'

const PAGE = '/e2e/fixtures/identity/page.html'

interface Message {
  type: string
  event?: string
  name?: string
  userId?: string | null
  anonymousId?: string
  traits?: Record<string, unknown>
  properties?: Record<string, unknown>
  context: Record<string, any>
}

let server: { url: string; close(): Promise<void> }
let browser: Browser
let env: Environment
let context: BrowserContext
let page: Page
let errors: string[]

const messages = () => collectedMessages<Message>(server)
const waitForMessages = (match: (m: Message) => boolean, count = 1, timeoutMs = 10_000) => waitForCollected<Message>(server, match, count, timeoutMs)

const withOptions = (options: object, extra = '') => `?opts=${encodeURIComponent(JSON.stringify(options))}${extra}`

async function open(p: Page, query = ''): Promise<void> {
  await p.goto(server.url + PAGE + query)
  await p.waitForFunction(() => (window as any).analytics?.initialized === true, undefined, { timeout: 15_000 })
}

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})

afterAll(async () => {
  await env?.close()
})

beforeEach(async () => {
  await context?.close()
  context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  page = await context.newPage()
  errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  await fetch(`${server.url}/__sb/reset`, { method: 'POST' })
})

describe('event context in Chromium', () => {
  it('carries page, userAgent, userAgentData, locale, timezone, library and campaign', async () => {
    await open(page, '?utm_source=news&utm_campaign=spring+sale&utm_medium=email&x=1#top')
    await page.evaluate(() => (window as any).analytics.track('Context Check'))
    const [m] = await waitForMessages((x) => x.event === 'Context Check')
    const ua = await page.evaluate(() => navigator.userAgent)
    expect(m.context.page).toEqual({
      path: PAGE,
      referrer: '',
      search: '?utm_source=news&utm_campaign=spring+sale&utm_medium=email&x=1',
      title: 'Identity fixture',
      url: `${server.url}${PAGE}?utm_source=news&utm_campaign=spring+sale&utm_medium=email&x=1`,
    })
    expect(m.context.campaign).toEqual({ source: 'news', name: 'spring sale', medium: 'email' })
    expect(m.context.userAgent).toBe(ua)
    expect(m.context.userAgentData).toMatchObject({ brands: expect.any(Array), mobile: false, platform: expect.any(String) })
    expect(m.context.locale).toBe('de-DE')
    expect(m.context.timezone).toBe('Europe/Berlin')
    expect(m.context.library).toEqual({ name: 'analytics.js', version: expect.stringMatching(/^switchboard-\d/) })
    expect(errors).toEqual([])
  })

  it('high-entropy client hints when asked for', async () => {
    await open(page, withOptions({ highEntropyValuesClientHints: ['architecture', 'platformVersion'] }))
    await page.evaluate(() => (window as any).analytics.track('Hints'))
    const [m] = await waitForMessages((x) => x.event === 'Hints')
    expect(m.context.userAgentData).toMatchObject({ brands: expect.any(Array), architecture: expect.any(String), platformVersion: expect.any(String) })
  })

  it('ad click ids become context.referrer and stick for later pages', async () => {
    await open(page, '?btid=click-1')
    await page.evaluate(() => (window as any).analytics.track('Ad One'))
    await open(page)
    await page.evaluate(() => (window as any).analytics.track('Ad Two'))
    const sent = await waitForMessages((x) => x.event === 'Ad One' || x.event === 'Ad Two', 2)
    for (const m of sent) expect(m.context.referrer).toEqual({ id: 'click-1', type: 'dataxu' })
  })
})

describe('ajs_ query string in Chromium', () => {
  it('sets the anonymousId, identifies, then tracks, on load', async () => {
    await open(page, '?ajs_aid=qs-anon&ajs_uid=qs-user&ajs_trait_plan=pro&ajs_event=Clicked+Email&ajs_prop_campaign=x')
    const [identify] = await waitForMessages((m) => m.type === 'identify')
    const [track] = await waitForMessages((m) => m.event === 'Clicked Email')
    expect(identify).toMatchObject({ userId: 'qs-user', anonymousId: 'qs-anon', traits: { plan: 'pro' } })
    expect(track).toMatchObject({ userId: 'qs-user', anonymousId: 'qs-anon', properties: { campaign: 'x' } })
    expect(track.context.campaign).toEqual({})
  })

  it('works for hash routers (#/route?ajs_…)', async () => {
    await open(page, '#/route?ajs_event=From+Hash')
    const [m] = await waitForMessages((x) => x.event === 'From Hash')
    expect(m.type).toBe('track')
  })

  it('useQueryString:false turns it off; patterns restrict values', async () => {
    await open(page, withOptions({ useQueryString: false }, '&ajs_event=Ignored'))
    await open(page, withOptions({ initialPageview: true }, '&ajs_event=Accepted'))
    await waitForMessages((x) => x.event === 'Accepted')
    expect((await messages()).filter((x) => x.event === 'Ignored')).toEqual([])
  })
})

describe('page views in Chromium', () => {
  it('initialPageview sends one page() with the load-time context', async () => {
    await open(page, withOptions({ initialPageview: true }))
    const pages = await waitForMessages((m) => m.type === 'page')
    expect(pages).toHaveLength(1)
    expect(pages[0].context.page.path).toBe(PAGE)
    expect(pages[0].properties).toMatchObject({ path: PAGE, title: 'Identity fixture' })
  })

  it('trackPageChanges: pushState and back send page(); replaceState does not', async () => {
    await open(page, withOptions({ trackPageChanges: true }))
    await page.evaluate(() => {
      history.pushState(null, '', '/app/one')
      document.title = 'One'
    })
    await waitForMessages((m) => m.type === 'page' && m.context.page.path === '/app/one')
    await page.evaluate(() => history.replaceState(null, '', '/app/one?tab=2'))
    await page.evaluate(() => history.pushState(null, '', '/app/two'))
    await waitForMessages((m) => m.type === 'page' && m.context.page.path === '/app/two')
    await page.goBack()
    const pages = await waitForMessages((m) => m.type === 'page', 3)
    expect(pages.map((m) => m.context.page.path + m.context.page.search)).toEqual(['/app/one', '/app/two', '/app/one?tab=2'])
    expect(pages[0].context.page.title).toBe('One')
    expect(errors).toEqual([])
  })
})
