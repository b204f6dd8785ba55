// Tracked links and forms in Chromium: the page moves on at once whatever the tracking API does,
// and the event still arrives exactly once, from the leaving page or from the next one.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { arrived, control, ready, uniqueKey, waitFor, type Server } from './fixtures/delivery/harness'

const FIXTURE = '/e2e/fixtures/clicks'
const EVENT = { link: 'Clicked Link', form: 'Submitted Form' } as const
type Kind = keyof typeof EVENT

let env: Environment
let server: Server
let browser: Browser
let context: BrowserContext | undefined
/** Further contexts a test opened, closed with it. */
const extra: BrowserContext[] = []
let errors: string[]

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
  await control(server, 'DELETE', '/faults')
  context = await browser.newContext()
  errors = []
})
afterEach(async () => {
  for (const c of extra.splice(0)) await c.close()
  await context?.close()
})
afterAll(async () => {
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function open(writeKey: string, in_: BrowserContext = context!): Promise<Page> {
  const page = await in_.newPage()
  page.on('pageerror', (err) => errors.push(String(err)))
  await page.goto(`${server.url}${FIXTURE}/page.html?wk=${encodeURIComponent(writeKey)}`)
  await ready(page)
  return page
}

/** Points the link or the form at `target` (its query kept as form fields) and tracks it, with `n` in the properties. */
function track(page: Page, kind: Kind, target: string, n = 0): Promise<unknown> {
  return page.evaluate(
    ([kind, target, event, n]) => {
      const analytics = (window as any).analytics
      if (kind === 'link') {
        const a = document.getElementById('link')!
        a.setAttribute('href', target)
        return analytics.trackLink(a, event, { kind, n }).then(() => true)
      }
      const form = document.getElementById('form') as HTMLFormElement
      const url = new URL(target, location.href)
      form.setAttribute('action', url.pathname)
      for (const [name, value] of url.searchParams) {
        const input = Object.assign(document.createElement('input'), { type: 'hidden', name, value })
        form.appendChild(input)
      }
      return analytics.trackForm(form, event, { kind, n }).then(() => true)
    },
    [kind, target, EVENT[kind], n] as const,
  )
}

/**
 * Clicks the link (or the form's submit button) and waits for the next page. Times come from the
 * pages themselves: the click's timestamp, kept in sessionStorage, against the next page's
 * navigation start (performance.timeOrigin), both on this machine's high-resolution clock.
 */
async function clickThrough(page: Page, kind: Kind, next: RegExp) {
  await Promise.all([page.waitForURL(next), page.click(kind === 'link' ? '#link' : '#send')])
  await page.waitForSelector('#arrived')
  return page.evaluate(() => {
    const clickAt = Number(sessionStorage.getItem('clickAt'))
    return {
      clickAt,
      toNavigation: performance.timeOrigin - clickAt,
      toLeave: Number(sessionStorage.getItem('leaveAt')) - clickAt,
      toPagehide: Number(sessionStorage.getItem('pagehideAt')) - clickAt,
    }
  })
}

/**
 * Click-throughs per test. The machine running the suite is shared and often overloaded, which
 * can stretch one sample by tens of milliseconds; the fastest of three shows what the library
 * does (waiting for the API would make every sample slower than the API's answer).
 */
const SAMPLES = 3

describe.each(['link', 'form'] as const)('a tracked %s', (kind) => {
  it('navigates within 50 ms while the API answers after 1 s; each event arrives exactly once', async () => {
    const writeKey = uniqueKey(`slow-${kind}`)
    await control(server, 'POST', '/faults', { target: 'api', mode: 'delay', delayMs: 1000, count: 1000 })
    const samples: Awaited<ReturnType<typeof clickThrough>>[] = []
    for (let n = 0; n < SAMPLES; n++) {
      // A fresh browser context each time (a page of the same site would take over the outbox), kept
      // open: closing it would cut the keepalive request still waiting for the API.
      const fresh = n ? await browser.newContext() : context!
      if (n) extra.push(fresh)
      const page = await open(writeKey, fresh)
      await track(page, kind, `${FIXTURE}/next.html?from=${kind}`, n) // the next page has no analytics
      samples.push(await clickThrough(page, kind, /next\.html/))
      if (kind === 'form') expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ email: 'a@b.c', go: 'yes' })
    }
    const ms = samples.map((t) => `${t.toLeave.toFixed(1)}/${t.toNavigation.toFixed(1)}`).join(', ')
    console.log(`${kind}, API answering after 1 s: click → navigate event / next page's navigation start: ${ms} ms`)
    expect(Math.min(...samples.map((t) => t.toNavigation))).toBeLessThan(50)

    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= SAMPLES, 15_000)
    // Each leaving page handed its event over: it reached the API a second after the page had gone.
    for (const m of got.messages) expect(Date.parse(m.receivedAt) - samples[m.properties.n].clickAt).toBeGreaterThanOrEqual(900)
    await sleep(1500) // a second copy would have arrived by now
    const final = await arrived(server, writeKey)
    expect(final.messages.map((m) => [m.event, m.properties]).sort((a, b) => a[1].n - b[1].n)).toEqual(
      samples.map((_, n) => [EVENT[kind], { kind, n }]),
    )
    expect(final.duplicates).toBe(0)
    expect(errors).toEqual([])
  }, 60_000)

  it('navigates within 50 ms with the API down; the next page sends the event once the API is back', async () => {
    const writeKey = uniqueKey(`down-${kind}`)
    await control(server, 'POST', '/faults', { target: 'api', mode: 'drop', count: 100_000 })
    // Page after page of the same site, each running Switchboard, each left through the tracked link or form.
    let page = await open(writeKey)
    const samples: Awaited<ReturnType<typeof clickThrough>>[] = []
    for (let n = 0; n < SAMPLES; n++) {
      await track(page, kind, `${FIXTURE}/page.html?wk=${encodeURIComponent(writeKey)}&from=${kind}${n}`, n)
      samples.push(await clickThrough(page, kind, new RegExp(`from=${kind}${n}`)))
      await ready(page)
    }
    const ms = samples.map((t) => `${t.toLeave.toFixed(1)}/${t.toNavigation.toFixed(1)}`).join(', ')
    console.log(`${kind}, API down: click → navigate event / next page's navigation start: ${ms} ms`)
    expect(Math.min(...samples.map((t) => t.toNavigation))).toBeLessThan(50)

    // Every attempt fails while the API is down; the last page has taken over what the others left.
    const stats = () => page.evaluate(() => (window as any).analytics.plugins.find((p: any) => p.name === 'Segment.io').stats)
    await waitFor(stats, (s) => s.adopted >= 1 && s.requests >= 1, 15_000)
    const down = await arrived(server, writeKey)
    expect(down.messages).toHaveLength(0)
    expect(down.requests.length).toBeGreaterThan(SAMPLES)
    expect(down.requests.every((r) => r.status === 0)).toBe(true)

    await control(server, 'DELETE', '/faults')
    await waitFor(() => arrived(server, writeKey), (a) => a.unique >= SAMPLES, 30_000)
    await sleep(1500)
    const final = await arrived(server, writeKey)
    expect(final.messages.map((m) => [m.event, m.properties]).sort((a, b) => a[1].n - b[1].n)).toEqual(
      samples.map((_, n) => [EVENT[kind], { kind, n }]),
    )
    expect(final.duplicates).toBe(0)
    expect(errors).toEqual([])
  }, 90_000)
})

describe('clicks the page does not leave on', () => {
  it('a click that opens a new tab is tracked and not held back', async () => {
    const writeKey = uniqueKey('blank')
    const page = await open(writeKey)
    await page.evaluate(() => (window as any).analytics.trackLink(document.getElementById('blank'), 'Opened Tab').then(() => true))
    const [popup] = await Promise.all([context!.waitForEvent('page'), page.click('#blank')])
    await popup.waitForLoadState()
    expect(page.url()).toContain('/page.html')
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 1, 10_000)
    expect(got.messages.map((m) => m.event)).toEqual(['Opened Tab'])
  })
})
