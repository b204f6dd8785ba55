// Segment's own browser destinations (the Actions bundles of @segment/browser-destinations,
// served at the CDN path Segment's settings name) run unmodified under Switchboard: plugins
// that change events apply from the snippet's first call, and the vendors get what they get
// under Analytics.js 2.0.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Message, type Server } from './fixtures/snippet/harness'
import { remotePlugin, serveBundles, serveFakeVendors } from './fixtures/browser-destinations/harness'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

const segmentio = (writeKey: string) => ({ apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' })

async function installSettings(writeKey: string, remotePlugins: unknown[]): Promise<void> {
  await control(server, 'PUT', `/settings/${writeKey}`, { integrations: { 'Segment.io': segmentio(writeKey) }, remotePlugins })
}

/** A context that gets the bundles from the dev server as its CDN and the fake vendor scripts. */
async function newContext(opts: { delayMs?: number } = {}): Promise<{ context: BrowserContext; served: string[] }> {
  const context = await browser.newContext()
  const served = await serveBundles(context, server.url, opts)
  await serveFakeVendors(context)
  return { context, served }
}

/** Opens `path` on the dev server's origin with Switchboard's snippet (with its page call) and `calls`. */
async function openWithSnippet(page: Page, writeKey: string, calls: string, load: Record<string, unknown> | boolean = true, path = '/store'): Promise<void> {
  const url = `${server.url}${path}`
  await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url, load })}\n${calls}</script>`))
  await page.goto(url, { waitUntil: 'domcontentloaded' })
}

/** The bundles among the files served (each bundle also loads webpack's shared chunk, `<id>/<hash>.js`). */
const bundles = (served: string[]) => served.filter((path) => !/^\d+\//.test(path))
const names = (messages: Message[]) => messages.map((m) => m.event ?? m.type)

describe('Amplitude (Actions) session ids', () => {
  const amplitude = () => remotePlugin('amplitude-plugins', { creationName: 'Actions Amplitude', actions: ['sessionId'] })
  const CALLS = `analytics.identify('user-1', { plan: 'pro' }); analytics.track('First Track'); analytics.group('group-1'); analytics.track('Second Track')`

  it('are on every event from the snippet\'s first page call on, and the same after a reload', async () => {
    const writeKey = uniqueKey('amp')
    await installSettings(writeKey, [amplitude()])
    const { context, served } = await newContext()
    const page = await context.newPage()
    await openWithSnippet(page, writeKey, CALLS)
    const first = (await waitForMessages(server, (m) => m.length >= 5))
    expect(names(first)).toEqual(['page', 'identify', 'First Track', 'group', 'Second Track'])
    const ids = first.map((m) => (m.integrations as any)?.['Actions Amplitude']?.session_id)
    expect(typeof ids[0]).toBe('number')
    expect(new Set(ids)).toEqual(new Set([ids[0]]))
    expect(bundles(served)).toEqual([expect.stringMatching(/^amplitude-plugins\/[0-9a-f]{20}\.js$/)])

    await page.reload({ waitUntil: 'domcontentloaded' })
    const after = (await waitForMessages(server, (m) => m.length >= 10)).slice(5)
    expect(names(after)).toEqual(['page', 'identify', 'First Track', 'group', 'Second Track'])
    expect(after.map((m) => (m.integrations as any)?.['Actions Amplitude']?.session_id)).toEqual(Array(5).fill(ids[0]))
    await context.close()
  })

  it('with obfuscate: true, come from the base64-named bundle, or from the plain one when that copy is missing', async () => {
    for (const missing of [false, true]) {
      await control(server, 'POST', '/reset')
      const writeKey = uniqueKey('obf')
      await installSettings(writeKey, [amplitude()])
      const { context, served } = await newContext()
      if (missing) await context.route(`${server.url}/next-integrations/actions/YW1wbGl0dWRlLXBsdWdpbnM/**`, (route) => route.fulfill({ status: 404, body: '' }))
      const page = await context.newPage()
      await openWithSnippet(page, writeKey, `analytics.track('Hidden From Blockers')`, { obfuscate: true })
      const messages = (await waitForMessages(server, (m) => m.length >= 2))
      expect(messages.every((m) => typeof (m.integrations as any)?.['Actions Amplitude']?.session_id === 'number')).toBe(true)
      expect(bundles(served)).toEqual([expect.stringMatching(missing ? /^amplitude-plugins\// : /^YW1wbGl0dWRlLXBsdWdpbnM\//)])
      await context.close()
    }
  })
})

describe('plugins that change events apply from the first event', () => {
  it("Segment Utilities' throttle: past the pass-through count, an event name goes no further than the browser", async () => {
    // Segment Utilities Web, throttle action (`lifecycleHook: 'before'`): within `throttleWindow`
    // ms, events of one name beyond `passThroughCount` get integrations['Segment.io'] = false.
    const writeKey = uniqueKey('throttle')
    await installSettings(writeKey, [remotePlugin('segment-utilities-web', { settings: { throttleWindow: 60_000, passThroughCount: 1 }, actions: ['throttle'] })])
    const { context } = await newContext()
    const page = await context.newPage()
    await openWithSnippet(page, writeKey, `for (var i = 0; i < 5; i++) analytics.track('Scrolled', { i: i }); analytics.track('Clicked'); analytics.track('Scrolled', { i: 5 }); analytics.track('Done')`)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Done'))
    expect(names(messages)).toEqual(['page', 'Scrolled', 'Clicked', 'Done'])
    expect(messages[1].properties).toEqual({ i: 0 })
    await context.close()
  })

  it("Braze's debounce: an identify that changes no trait is kept from Braze, from the first identify on", async () => {
    // Braze Web Mode (Actions), debounce action (`lifecycleHook: 'before'`): sets
    // integrations['Braze Web Mode (Actions)'] (and its Cloud Mode and Appboy names) to whether a
    // trait or id changed since the last identify or group; Segment.io gets every identify.
    const writeKey = uniqueKey('braze')
    const braze = remotePlugin('braze', { settings: { api_key: 'braze-key', endpoint: 'sdk.iad-01.braze.com' }, actions: ['debounce'] })
    await installSettings(writeKey, [braze])
    const { context } = await newContext()
    const page = await context.newPage()
    await openWithSnippet(page, writeKey, `analytics.identify('user-1', { plan: 'pro' }); analytics.identify('user-1', { plan: 'pro' }); analytics.track('Done')`)
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Done'))
    await page.evaluate(() => (window as any).analytics.identify('user-1', { plan: 'team' }))
    const identifies = (await waitForMessages(server, (m) => m.filter((x) => x.type === 'identify').length >= 3)).filter((m) => m.type === 'identify')
    const flags = (send: boolean) => ({ 'Braze Web Mode (Actions)': send, 'Braze Cloud Mode (Actions)': send, Appboy: send })
    expect(identifies.map((m) => m.integrations)).toEqual([flags(true), flags(false), flags(true)])
    // What the Braze SDK was asked to do: the two changes, not the repeat.
    await page.waitForFunction(() => JSON.stringify((window as any).__brazeCalls ?? []).includes('"team"'))
    const attributes = await page.evaluate(() => (window as any).__brazeCalls.filter((c: unknown[]) => c[0] === 'user.setCustomUserAttribute'))
    expect(attributes).toEqual([
      ['user.setCustomUserAttribute', 'plan', 'pro'],
      ['user.setCustomUserAttribute', 'plan', 'team'],
    ])
    await context.close()
  })
})

describe('vendors get what they get under Analytics.js 2.0', () => {
  /** The same calls on the same page URL, under each library in its own browser context. */
  async function sideBySide<T>(remotePlugins: unknown[], calls: string, read: (page: Page) => Promise<T>, done: (value: T) => boolean) {
    const results: Record<'switchboard' | 'ajs', T> = {} as never
    for (const lib of ['switchboard', 'ajs'] as const) {
      const writeKey = uniqueKey(lib)
      await installSettings(writeKey, remotePlugins)
      const { context } = await newContext()
      const page = await context.newPage()
      const url = `${server.url}/shop/checkout`
      const head =
        lib === 'switchboard'
          ? `<script>${renderSnippet({ writeKey, host: server.url, page: false })}\n${calls}</script>`
          : // The real Analytics.js 2.0 (devDependency), pointed at the same CDN.
            `<script src="${server.url}/node_modules/@segment/analytics-next/dist/umd/index.js"></script>
             <script>window.analytics = AnalyticsNext.AnalyticsBrowser.load({ writeKey: '${writeKey}', cdnURL: '${server.url}' });\n${calls}</script>`
      await servePage(page, url, html(head))
      await page.goto(url, { waitUntil: 'domcontentloaded' })
      const deadline = Date.now() + 15_000
      let value = await read(page)
      while (!done(value) && Date.now() < deadline) {
        await page.waitForTimeout(100)
        value = await read(page)
      }
      // Anything still on its way arrives now, so both sides are read when settled.
      await page.waitForTimeout(300)
      results[lib] = await read(page)
      await context.close()
    }
    return results
  }

  // One call after the other: Analytics.js 2.0 replays calls made before it loaded grouped by
  // method, and each of a bundle's actions runs on its own, so only calls that wait for each other
  // reach its vendors in call order (Switchboard keeps call order either way).
  const CALLS = `(async function () {
    await analytics.page('Shop', 'Checkout', { title: 'Checkout' });
    await analytics.identify('user-1', { email: 'ada@example.com', firstName: 'Ada', company: { name: 'Engines' }, address: { city: 'London', country: 'UK' } });
    await analytics.track('Product Added', { product_id: 'p1', sku: 'SKU-1', name: 'Monopoly', price: 19, quantity: 1, currency: 'USD' });
    await analytics.track('Order Completed', { order_id: 'o1', total: 27.5, revenue: 22.5, currency: 'USD', products: [{ product_id: 'p1', sku: 'SKU-1', name: 'Monopoly', price: 19, quantity: 1 }] });
    await analytics.track('Video Played', { title: 'Intro', seconds: 30 });
  })()`

  it('GA4 Web: the same gtag calls, in the same order', async () => {
    // GA4 Web's presets plus the e-commerce actions a site maps, each with its default mapping.
    const ga4 = remotePlugin('google-analytics-4-web', { settings: { measurementID: 'G-SIDEBYSIDE' }, actions: ['addToCart', 'purchase'] })
    // `gtag('js', new Date())` differs by its time only.
    const read = (page: Page) =>
      page.evaluate(() => ((window as any).dataLayer ?? []).map((args: ArrayLike<unknown>) => Array.from(args, (a) => (a instanceof Date ? 'a Date' : a))))
    const { switchboard, ajs } = await sideBySide([ga4], CALLS, read, (calls) => JSON.stringify(calls).includes('"purchase"'))
    expect(JSON.stringify(ajs)).toContain('"add_to_cart"')
    expect(switchboard).toEqual(ajs)
  })

  it('HubSpot Web: the same _hsq commands, in the same order', async () => {
    const hubspot = remotePlugin('hubspot-web', { settings: { portalId: '1234567' } })
    const read = (page: Page) => page.evaluate(() => (window as any).__hsqCalls ?? [])
    const { switchboard, ajs } = await sideBySide([hubspot], CALLS, read, (calls) => JSON.stringify(calls).includes('Video Played'))
    expect(JSON.stringify(ajs)).toContain('ada@example.com')
    expect(switchboard).toEqual(ajs)
  })
})

describe('a slow remote destination', () => {
  it('is not given up on: events reach the collector without waiting for it, and its vendor once it is ready', async () => {
    const writeKey = uniqueKey('slow')
    await installSettings(writeKey, [remotePlugin('hubspot-web', { settings: { portalId: '1234567' } })])
    // HubSpot's own script takes 10.5 s: its load is over any 10 s limit.
    const { context } = await newContext()
    await context.route('https://js.hs-scripts.com/**', async (route) => {
      await new Promise((r) => setTimeout(r, 10_500))
      await route.fallback()
    })
    const page = await context.newPage()
    const started = Date.now()
    await openWithSnippet(page, writeKey, `analytics.track('Early Event')`)
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Early Event'))
    // Segment.io did not wait for it.
    expect(await page.evaluate(() => (window as any).__hsqCalls)).toBeUndefined()
    await page.evaluate(() => (window as any).analytics.track('While Loading'))
    await page.waitForFunction(() => JSON.stringify((window as any).__hsqCalls ?? []).includes('While Loading'), undefined, { timeout: 20_000 })
    expect(Date.now() - started).toBeGreaterThan(10_500)
    const calls = await page.evaluate(() => (window as any).__hsqCalls)
    expect(calls.map((c: any[]) => c[1]?.name ?? c[0])).toEqual(['trackPageView', 'Early Event', 'While Loading'])
    await context.close()
  })
})
