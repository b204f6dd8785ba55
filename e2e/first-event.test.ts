// The first event of a page: nothing on its path but the bundle, the settings and the request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { collected, control, holdBundle, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'
// @ts-expect-error plain ESM module without types
import { segmentShapedSettings } from './fixtures/settings/segment-shaped.mjs'
// @ts-expect-error plain ESM module without types
import { startServer } from '../dev/server.mjs'
// @ts-expect-error the official snippet ships without ESM types for this path
import * as segmentSnippet from '@segment/snippet'

let server: Server
/** A second CDN that puts each write key's settings in front of the bundle. */
let inlining: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  // The main server's bundle route leaves the settings out, so the settings request is real.
  ;({ server, browser } = env = await startEnvironment({ inlineSettings: false }))
  inlining = await startServer({ port: 0, quiet: true })
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await inlining?.close()
  await env?.close()
})

const apiHost = () => `${server.url.replace('http://', '')}/v1`
const TRACKING = /\/v1\/(batch|b|t|p|i|g|a|s|track|page|identify|group|alias|screen)$/

interface Seen {
  url: string
  type: string
}

/** Every request the page makes, in the order the browser issued them. */
function recordRequests(page: Page): Seen[] {
  const seen: Seen[] = []
  page.on('request', (r) => seen.push({ url: r.url(), type: r.resourceType() }))
  return seen
}

/** What was requested before the first request to the tracking API. */
function beforeFirstEvent(seen: Seen[]): Seen[] {
  const first = seen.findIndex((r) => r.url.startsWith(server.url) && TRACKING.test(new URL(r.url).pathname))
  expect(first, 'no tracking request was made').toBeGreaterThan(-1)
  return seen.slice(0, first)
}

async function open(page: Page, writeKey: string, body: string): Promise<void> {
  const url = `${server.url}/first-event-${writeKey}`
  await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url })}</script>`, `<script>${body}</script>`))
  await page.goto(url, { waitUntil: 'domcontentloaded' })
}

const isTracking = (url: string) => url.startsWith(server.url) && TRACKING.test(new URL(url).pathname)

/** A page of `context` that tracks `event`; resolves with ms from navigation start to its request being sent. */
async function timeFirstEvent(context: BrowserContext, writeKey: string, event: string): Promise<number> {
  const page = await context.newPage()
  const sent = page.waitForRequest((r) => isTracking(r.url()) && (r.postData() ?? '').includes(event), { timeout: 15_000 })
  const started = Date.now()
  await open(page, writeKey, `analytics.track(${JSON.stringify(event)})`)
  await sent
  const ms = Date.now() - started
  await page.close()
  return ms
}

/** The settings copy this browser keeps for a write key (as the page sees it). */
const keptCopy = (page: Page, writeKey: string) =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(`sb_settings:${k}`) ?? 'null'), writeKey)

const settingsFor = (writeKey: string, plan?: object) => segmentShapedSettings({ writeKey, apiHost: apiHost(), protocol: 'http', plan })
const blocking = (event: string) => ({ track: { __default: { enabled: true, integrations: {} }, [event]: { enabled: false } } })

describe('the first event', () => {
  it('a plan with only the defaults every source has loads no second script', async () => {
    const writeKey = uniqueKey('plan-defaults')
    await control(server, 'PUT', `/settings/${writeKey}`, segmentShapedSettings({ writeKey, apiHost: apiHost(), protocol: 'http' }))
    const page = await browser.newPage()
    const seen = recordRequests(page)
    await open(page, writeKey, `analytics.track('Viewed Pricing')`)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Viewed Pricing'))
    expect(messages.find((m) => m.event === 'Viewed Pricing')!.integrations).toEqual({})
    const scripts = beforeFirstEvent(seen).filter((r) => r.type === 'script')
    expect(scripts.map((r) => new URL(r.url).pathname)).toEqual([`/analytics.js/v1/${writeKey}/analytics.min.js`])
    // Nor after it: nothing on this page needs the on-demand parts.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)))
    expect(seen.filter((r) => r.type === 'script')).toHaveLength(1)
    await page.close()
  })

  it('a plan with rules is enforced by the bundle itself: still one script before the first event', async () => {
    const writeKey = uniqueKey('plan-rules')
    const plan = { track: { __default: { enabled: true, integrations: {} }, 'Blocked Event': { enabled: false } } }
    await control(server, 'PUT', `/settings/${writeKey}`, segmentShapedSettings({ writeKey, apiHost: apiHost(), protocol: 'http', plan }))
    const page = await browser.newPage()
    const seen = recordRequests(page)
    await open(page, writeKey, `analytics.track('Blocked Event'); analytics.track('Allowed Event')`)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Allowed Event') && m.some((x) => x.event === 'Blocked Event'))
    expect(messages.find((m) => m.event === 'Blocked Event')!.integrations).toEqual({ All: false, 'Segment.io': true })
    expect(messages.find((m) => m.event === 'Allowed Event')!.integrations).toEqual({})
    expect(beforeFirstEvent(seen).filter((r) => r.type === 'script')).toHaveLength(1)
    expect(seen.some((r) => r.url.includes('/plugins/extras.js'))).toBe(false)
    await page.close()
  })

  it("Switchboard's snippet requests the settings alongside the bundle, and the bundle uses that request", async () => {
    const writeKey = uniqueKey('parallel')
    await control(server, 'PUT', `/settings/${writeKey}`, settingsFor(writeKey))
    const page = await browser.newPage()
    // The bundle is held back: whatever asks for the settings meanwhile is the snippet.
    const release = await holdBundle(page, /\/analytics\.js\/v1\/.*\/analytics\.min\.js$/)
    const settingsRequested = page.waitForRequest((r) => r.url().endsWith(`/v1/projects/${writeKey}/settings`), { timeout: 10_000 })
    await open(page, writeKey, `analytics.track('In Parallel')`)
    await settingsRequested
    release()
    await waitForMessages(server, (m) => m.some((x) => x.event === 'In Parallel'))
    // The bundle asked no second time.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)))
    expect((await collected(server)).settingsRequests).toHaveLength(1)
    await page.close()
  })

  it('a stale kept settings copy is used at once, and replaced for the next page', async () => {
    const writeKey = uniqueKey('stale')
    const context = await browser.newContext()
    // First visit: the copy in force blocks 'Promo Viewed' from device mode.
    await control(server, 'PUT', `/settings/${writeKey}`, settingsFor(writeKey, blocking('Promo Viewed')))
    const first = await context.newPage()
    await open(first, writeKey, `analytics.track('Promo Viewed')`)
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Promo Viewed'))
    await first.close()

    // The CDN changes its settings, and now answers slowly.
    await control(server, 'POST', '/reset')
    await control(server, 'PUT', `/settings/${writeKey}`, settingsFor(writeKey))
    await control(server, 'POST', '/faults', { target: 'settings', mode: 'delay', delayMs: 8000, count: 1 })
    const second = await context.newPage()
    await open(second, writeKey, `analytics.track('Promo Viewed')`)
    const [onStale] = (await waitForMessages(server, (m) => m.some((x) => x.event === 'Promo Viewed'), 7000)).filter((m) => m.event === 'Promo Viewed')
    // Delivered under the kept copy, while the fresh one is still on its way.
    expect(onStale.integrations).toEqual({ All: false, 'Segment.io': true })
    expect((await keptCopy(second, writeKey)).settings.plan).toEqual(blocking('Promo Viewed'))
    // The fresh copy replaces it in the background...
    await second.waitForFunction((k) => !JSON.parse(localStorage.getItem(`sb_settings:${k}`)!).settings.plan.track['Promo Viewed'], writeKey, { timeout: 15_000 })
    await second.close()

    // ...and is in force on the next page.
    await control(server, 'POST', '/reset')
    const third = await context.newPage()
    await open(third, writeKey, `analytics.track('Promo Viewed')`)
    const [onFresh] = (await waitForMessages(server, (m) => m.some((x) => x.event === 'Promo Viewed'))).filter((m) => m.event === 'Promo Viewed')
    expect(onFresh.integrations).toEqual({})
    await context.close()
  })

  it('with a kept copy, a failing settings CDN delivers the first event as fast as a working one', async () => {
    const writeKey = uniqueKey('failing-cdn')
    await control(server, 'PUT', `/settings/${writeKey}`, settingsFor(writeKey))
    const context = await browser.newContext()
    await timeFirstEvent(context, writeKey, 'First Visit')
    // Best of two each, so one slow moment of a busy machine does not decide.
    const working = Math.min(await timeFirstEvent(context, writeKey, 'Working 1'), await timeFirstEvent(context, writeKey, 'Working 2'))
    // A CDN that hangs is the worst case: without a young copy the page would wait settingsTimeout (2 s).
    await control(server, 'POST', '/faults', { target: 'settings', mode: 'delay', delayMs: 15_000, count: 2 })
    const failing = Math.min(await timeFirstEvent(context, writeKey, 'Failing 1'), await timeFirstEvent(context, writeKey, 'Failing 2'))
    expect(failing, `working CDN ${working} ms, hanging CDN ${failing} ms`).toBeLessThan(working + 1000)
    await control(server, 'DELETE', '/faults')
    await context.close()
  })

  it('the inlined-settings bundle route delivers the first event with no settings request before it', async () => {
    const writeKey = uniqueKey('inlined')
    await control(inlining, 'PUT', `/settings/${writeKey}`, segmentShapedSettings({ writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' }))
    const page = await browser.newPage()
    const seen = recordRequests(page)
    // The official snippet, as a site that only changed the host would have it; the host is the inlining CDN.
    const host = 'cdn.inlined.test'
    await page.route(`https://${host}/**`, async (route) =>
      route.fulfill({ response: await route.fetch({ url: route.request().url().replace(`https://${host}`, inlining.url) }) }),
    )
    const url = `${server.url}/inlined-${writeKey}`
    await servePage(page, url, html(`<script>${segmentSnippet.min({ apiKey: writeKey, host, page: false })}; analytics.track('Inlined')</script>`))
    await page.goto(url, { waitUntil: 'domcontentloaded' })
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Inlined'))
    const before = beforeFirstEvent(seen).map((r) => new URL(r.url).pathname)
    expect(before.filter((p) => p.includes('/settings'))).toEqual([])
    expect(before.filter((p) => p.endsWith('.js'))).toEqual([`/analytics.js/v1/${writeKey}/analytics.min.js`])
    // The settings are still refreshed, in the background, after the first event.
    await page.waitForFunction((k) => JSON.parse(localStorage.getItem(`sb_settings:${k}`) ?? 'null')?.at > 0, writeKey, { timeout: 10_000 })
    expect(seen.some((r) => r.url.endsWith(`/v1/projects/${writeKey}/settings`))).toBe(true)
    await page.close()
  })
})
