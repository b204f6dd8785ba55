// Consent in Chromium: the snippet with the OneTrust adapter and Google Consent Mode, a fake
// OneTrust banner SDK and fake vendor scripts. What leaves the page is read from the browser's
// own request log and the collector; what is stored, from the browser's cookies and storage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, collected, html, servePage, uniqueKey, waitForMessages, type Message, type Server } from './fixtures/snippet/harness'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
// The collector is emptied before each test (they run one at a time), so every message is the test's own.
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

const vendorUrl = (slug: string) => `${server.url}/e2e/fixtures/destinations/vendors/${slug}.js`

/** Amplitude and GA4 need OneTrust's performance group (C0002), the Pixel its targeting group (C0004). */
function settings(writeKey: string, hasUnmappedDestinations = false) {
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      Amplitude: { type: 'browser', apiKey: 'amp-e2e', scriptUrl: vendorUrl('amplitude'), consentSettings: { categories: ['C0002'] } },
      'Google Analytics 4 Web': { type: 'browser', measurementID: 'G-E2E', scriptUrl: vendorUrl('google-analytics-4-web'), consentSettings: { categories: ['C0002'] } },
      'Facebook Pixel': { type: 'browser', pixelId: '1234567890', scriptUrl: vendorUrl('facebook-pixel'), consentSettings: { categories: ['C0004'] } },
    },
    consentSettings: { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations },
    plan: {},
    remotePlugins: [],
  }
}

interface Opened {
  page: Page
  requests: string[]
  errors: string[]
  /** Requests to the tracking API (not the settings). */
  apiRequests(): string[]
  /** Vendor scripts and destination plugin files fetched. */
  vendorFetches(): string[]
  stored(): Promise<{ cookies: string[]; localStorage: string[]; sessionStorage: string[] }>
  vendorCalls(slug: string): Promise<unknown[][]>
}

/**
 * The snippet page: OneTrust (configured by `oneTrust`), the adapter files, and a page() and a
 * track() made at once. `consent` is the script expression for the consent option.
 */
async function open(
  writeKey: string,
  oneTrust: Record<string, unknown>,
  consent = 'switchboardOneTrust({ extensions: [switchboardGoogleConsentMode()] })',
  url = `${server.url}/consent/page`,
  alsoAt: string[] = [],
): Promise<Opened> {
  const page = await browser.newPage()
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (req) => requests.push(req.url()))
  page.on('pageerror', (err) => errors.push(String(err)))
  const snippet = renderSnippet({ writeKey, host: server.url, load: false, page: false })
  const served = (at: string) => servePage(
    page,
    at,
    html(
      `<script src="${server.url}/e2e/fixtures/destinations/vendors/recorder.js"></script>
       <script>window.__oneTrustConfig = ${JSON.stringify(oneTrust)}</script>
       <script src="${server.url}/e2e/fixtures/consent/fake-onetrust.js"></script>
       <script src="${server.url}/plugins/consent-onetrust.js"></script>
       <script src="${server.url}/plugins/consent-google.js"></script>
       <script>${snippet}
         analytics.load(${JSON.stringify(writeKey)}, { consent: ${consent} });
         analytics.page();
         analytics.track('Viewed Home', { section: 'hero' });
       </script>`,
    ),
  )
  for (const at of [url, ...alsoAt]) await served(at)
  await page.goto(url)
  const api = new RegExp(`^${server.url}/v1/(?!projects/)`)
  return {
    page,
    requests,
    errors,
    apiRequests: () => requests.filter((u) => api.test(u)),
    // Vendor scripts and destination plugin files (not Switchboard's own on-demand parts: consent, extras).
    vendorFetches: () => requests.filter((u) => u.includes('/destinations/vendors/') ? !u.endsWith('/recorder.js') : /\/plugins\/(?!consent|extras\.js)[a-z0-9-]+\.js$/.test(u)),
    /** What the page stored, but the consent manager's own cookies (OneTrust's choice). */
    async stored() {
      const cookies = (await page.context().cookies()).filter((c) => !c.name.startsWith('Optanon')).map((c) => `${c.name}=${c.value}`)
      const [local, session] = await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)])
      return { cookies, localStorage: local, sessionStorage: session }
    },
    vendorCalls: (slug) => page.evaluate((s) => JSON.parse(JSON.stringify((window as any).__vendorCalls?.[s] ?? [])), slug),
  }
}

/** Polls the page until `check` holds (bounded). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

const named = (m: Message) => m.event ?? (m.type === 'page' ? 'page' : m.type)
const consentReady = (p: Page) => until(() => p.evaluate(() => typeof (window as any).analytics?.consent?.update === 'function'), Boolean, 'consent part on the page')
const recorded = (calls: unknown[][]) => JSON.stringify(calls)

describe('consent in Chromium', () => {
  it('opt-in: nothing leaves the page, loads or is stored before the decision; then the held events arrive once, consented vendors load without a reload, a later grant loads the next', async () => {
    const writeKey = uniqueKey('consent-in')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const o = await open(writeKey, { model: 'opt-in' })
    await consentReady(o.page)
    // Give a would-be leak every chance to happen.
    await o.page.waitForTimeout(1000)
    expect(o.apiRequests()).toEqual([])
    expect(o.vendorFetches()).toEqual([])
    expect(await o.stored()).toEqual({ cookies: [], localStorage: [], sessionStorage: [] })
    expect((await collected(server)).messages).toEqual([])

    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001', 'C0002']))
    const messages = await waitForMessages(server, (all) => all.length >= 3)
    const mine = messages
    expect(mine.map(named)).toEqual(['page', 'Viewed Home', 'Segment Consent Preference Updated'])
    const preferences = { C0001: true, C0002: true, C0003: false, C0004: false }
    for (const m of mine) expect(m.context.consent).toEqual({ categoryPreferences: preferences })
    // Held with the page they were made on, and each delivered once.
    expect(mine[1].context.page.url).toBe(`${server.url}/consent/page`)
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(3)

    // The consented vendors loaded on this page and got the held events; the Pixel did not load.
    await until(() => o.vendorCalls('amplitude'), (c) => recorded(c).includes('Viewed Home'), 'Amplitude got the held track')
    await until(() => o.vendorCalls('google-analytics-4-web'), (c) => recorded(c).includes('Viewed_Home'), 'GA4 got the held track')
    expect(o.vendorFetches().some((u) => u.includes('facebook-pixel'))).toBe(false)

    // Google Consent Mode: the default (all denied) went first, the update with the decision before GA4's first call.
    const gtag = await o.vendorCalls('google-analytics-4-web')
    expect(gtag[0]).toEqual(['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }])
    expect(gtag[1]).toEqual(['consent', 'update', { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }])
    expect(gtag[2][0]).toBe('js')

    // A later grant: the Pixel loads now and gets the held events it was kept from.
    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001', 'C0002', 'C0004']))
    const pixel = await until(() => o.vendorCalls('facebook-pixel'), (c) => recorded(c).includes('Viewed Home'), 'Pixel got the held track after the grant')
    expect(recorded(pixel)).toContain('PageView')
    await until(() => o.vendorCalls('google-analytics-4-web'), (c) => recorded(c).includes('"ad_storage":"granted"'), 'Consent Mode update for the grant')
    await waitForMessages(server, (all) => all.length >= 4)
    await o.page.waitForTimeout(500)
    // The held events went to the collector once, whatever happened later.
    const after = (await collected(server)).messages
    expect(after.filter((m) => m.event === 'Viewed Home')).toHaveLength(1)
    expect(o.errors).toEqual([])
    await o.page.close()
  })

  it('opt-in refusal: nothing is sent or stored, and the drops are counted', async () => {
    const writeKey = uniqueKey('consent-refuse')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const o = await open(writeKey, { model: 'opt-in' })
    await consentReady(o.page)
    // Only the strictly necessary group, which no destination is mapped to: Segment is disabled.
    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001']))
    const stats = await until(
      () => o.page.evaluate(() => (window as any).analytics?.consent?.stats),
      (s) => s?.dropped === 3,
      'drops counted (page, track, preference event)',
    )
    await o.page.evaluate(() => (window as any).analytics.track('After Refusal'))
    await until(() => o.page.evaluate(() => (window as any).analytics.consent.stats.dropped), (n) => n === 4, 'the next event dropped too')
    await o.page.waitForTimeout(1000)
    expect(stats.dropped).toBe(3)
    expect(o.apiRequests()).toEqual([])
    expect(o.vendorFetches()).toEqual([])
    expect(await o.stored()).toEqual({ cookies: [], localStorage: [], sessionStorage: [] })
    expect((await collected(server)).messages).toEqual([])
    await o.page.close()
  })

  it('opt-out: everything flows until a category is refused; then that vendor stops at once', async () => {
    const writeKey = uniqueKey('consent-out')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const o = await open(writeKey, { model: 'opt-out', banner: true, active: ',C0001,C0002,C0004,' })
    const first = await waitForMessages(server, (all) => all.length >= 2)
    expect(first.map(named)).toEqual(['page', 'Viewed Home'])
    await until(() => o.vendorCalls('facebook-pixel'), (c) => recorded(c).includes('Viewed Home'), 'Pixel got the event before any refusal')

    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001', 'C0002']))
    await o.page.evaluate(() => (window as any).analytics.track('After Refusal'))
    const all = await waitForMessages(server, (m) => m.some((x) => x.event === 'After Refusal'))
    const mine = all
    expect(mine.map(named)).toEqual(['page', 'Viewed Home', 'Segment Consent Preference Updated', 'After Refusal'])
    expect(mine[3].context.consent.categoryPreferences).toEqual({ C0001: true, C0002: true, C0003: false, C0004: false })
    await until(() => o.vendorCalls('amplitude'), (c) => recorded(c).includes('After Refusal'), 'Amplitude still gets events')
    expect(recorded(await o.vendorCalls('facebook-pixel'))).not.toContain('After Refusal')
    const stats = await o.page.evaluate(() => (window as any).analytics.consent.stats)
    expect(stats.kept['Facebook Pixel']).toBeGreaterThanOrEqual(2)
    expect(o.errors).toEqual([])
    await o.page.close()
  })

  it('storage starts in memory and moves to cookies when the storage category is granted, with the same anonymousId (after a reload too)', async () => {
    const writeKey = uniqueKey('consent-storage')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, true))
    const consent = "switchboardOneTrust({ storageCategory: 'C0003' })"
    const url = `${server.url}/consent/storage`
    const o = await open(writeKey, { model: 'opt-out', active: ',C0001,C0002,' }, consent, url)
    const first = (await waitForMessages(server, (all) => all.length >= 2))
    const anonymousId = first[0].anonymousId
    expect(anonymousId).toBeTruthy()
    expect(first[1].anonymousId).toBe(anonymousId)
    expect(await o.stored()).toEqual({ cookies: [], localStorage: [], sessionStorage: [] })

    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001', 'C0002', 'C0003']))
    const stored = await until(() => o.stored(), (s) => s.cookies.some((c) => c.startsWith('ajs_anonymous_id=')), 'the anonymousId cookie')
    expect(stored.cookies).toContain(`ajs_anonymous_id=${anonymousId}`)
    await o.page.evaluate(() => (window as any).analytics.track('Stored'))
    const stored1 = (await waitForMessages(server, (all) => all.some((m) => m.event === 'Stored'))).find((m) => m.event === 'Stored')!
    expect(stored1.anonymousId).toBe(anonymousId)

    // The next page reads it back: the visitor is still the same.
    await o.page.goto(url)
    const again = await waitForMessages(server, (all) => all.filter((m) => m.type === 'page').length >= 2)
    const pages = again.filter((m) => m.type === 'page')
    expect(pages[1].anonymousId).toBe(anonymousId)
    await o.page.close()
  })

  it('the demo shop\'s banner tries opt-in; the debugger shows each event\'s consent and the destinations it kept the event from', async () => {
    const context = await browser.newContext()
    const shop = await context.newPage()
    await shop.goto(`${server.url}/`)
    // Without the demo, events flow as always.
    const before = (await waitForMessages(server, (all) => all.some((m) => m.event === 'Product List Viewed'))).length
    await shop.click('[data-testid=consent-model-opt-in]')
    await shop.locator('[data-testid=consent-banner]', { hasText: 'opt-in' }).waitFor()
    await shop.waitForTimeout(1500)
    // The reloaded page's events were made, and are held.
    expect((await collected(server)).messages).toHaveLength(before)

    const debuggerPage = await context.newPage()
    await debuggerPage.goto(`${server.url}/debugger`)
    await debuggerPage.locator('[data-testid=connection]', { hasText: 'live' }).waitFor({ timeout: 10_000 })

    await shop.click('[data-testid=consent-analytics]')
    const arrived = (await waitForMessages(server, (all) => all.some((m) => m.event === 'Segment Consent Preference Updated'))).slice(before)
    const listViewed = arrived.find((m) => m.event === 'Product List Viewed')!
    expect(listViewed.context.consent).toEqual({ categoryPreferences: { C0001: true, C0002: true, C0004: false } })
    const row = debuggerPage.locator('[data-testid=entry][data-event="Product List Viewed"]', { has: debuggerPage.locator('[data-kept-from]') }).first()
    await row.waitFor({ timeout: 15_000 })
    const cell = row.locator('[data-testid=consent]')
    expect(await cell.getAttribute('data-kept-from')).toBe('Facebook Pixel')
    expect(await cell.innerText()).toContain('✗ C0004')
    expect(await cell.innerText()).toContain('kept from Facebook Pixel')
    await context.close()
  })

  it('holdIn: sessionStorage — a visitor who moves on before deciding takes the held events to the next page, where the decision delivers them', async () => {
    const writeKey = uniqueKey('consent-hold')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const next = `${server.url}/consent/next`
    const o = await open(writeKey, { model: 'opt-in' }, "switchboardOneTrust({ holdIn: 'sessionStorage' })", `${server.url}/consent/page`, [next])
    await consentReady(o.page)
    await o.page.goto(next)
    await consentReady(o.page)
    expect(o.apiRequests()).toEqual([])
    await o.page.evaluate(() => (window as any).__oneTrust.choose(['C0001', 'C0002']))
    const mine = await waitForMessages(server, (all) => all.length >= 5)
    expect(mine.map((m) => `${named(m)} @ ${m.context.page.path}`)).toEqual([
      'page @ /consent/page',
      'Viewed Home @ /consent/page',
      'page @ /consent/next',
      'Viewed Home @ /consent/next',
      'Segment Consent Preference Updated @ /consent/next',
    ])
    expect(await o.page.evaluate(() => Object.keys(sessionStorage))).toEqual([])
    await o.page.close()
  })
})
