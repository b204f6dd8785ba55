// Intercom, FullStory, Heap and HubSpot end to end: the snippet loads the bundle, CDN settings
// enable the four, each plugin file comes from /plugins/<slug>.js and loads a fake vendor script
// that records what the plugin asked of it (e2e/fixtures/destinations/vendors).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

const SLUGS = ['intercom', 'fullstory', 'heap', 'hubspot'] as const
type Slug = (typeof SLUGS)[number]
type Calls = Record<string, unknown[][]>

const MONOPOLY = { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games' }
const UNO = { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' }
const ORDER = {
  checkout_id: 'fksdjfsdjfisjf9sdfjsd9f',
  order_id: '50314b8e9bcf000000000000',
  affiliation: 'Google Store',
  total: 27.5,
  subtotal: 22.5,
  revenue: 22.5,
  shipping: 3,
  tax: 2,
  discount: 2.5,
  coupon: 'hasbros',
  currency: 'USD',
  products: [MONOPOLY, UNO],
}
const { products: _products, revenue: _revenue, currency: _currency, ...ORDER_SCALARS } = ORDER
const TRAITS = { email: 'jane@example.com', name: 'Jane Kim', plan: 'pro' }

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

const vendorUrl = (slug: string) => `${server.url}/e2e/fixtures/destinations/vendors/${slug}.js`

/** CDN settings enabling the four under their classic catalog names and settings keys. */
function settings(writeKey: string, scriptUrl: (slug: Slug) => string = vendorUrl) {
  const entry = (slug: Slug, keys: Record<string, unknown>) => ({ type: 'browser', ...keys, scriptUrl: scriptUrl(slug) })
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      Intercom: entry('intercom', { appId: 'ic-e2e', activator: '#IntercomDefaultWidget' }),
      FullStory: entry('fullstory', { org: 'o-E2E-na1', debug: false }),
      Heap: entry('heap', { appId: '1234567' }),
      HubSpot: entry('hubspot', { portalId: '123456', loadFormsSdk: false }),
    },
    plan: {},
    remotePlugins: [],
  }
}

/** A page with the snippet (its page()), an identify and an Order Completed; collects page errors. */
async function openShop(writeKey: string, prepare?: (page: Page) => Promise<void>): Promise<{ page: Page; errors: string[]; plugins: string[] }> {
  const page = await browser.newPage()
  const errors: string[] = []
  const plugins: string[] = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('request', (req) => {
    if (/\/plugins\/[a-z0-9-]+\.js$/.test(req.url())) plugins.push(req.url())
  })
  await prepare?.(page)
  const url = `${server.url}/shop/checkout-complete`
  const recorder = `<script src="${server.url}/e2e/fixtures/destinations/vendors/recorder.js"></script>`
  const calls = `analytics.identify('user-42', ${JSON.stringify(TRAITS)}); analytics.track('Order Completed', ${JSON.stringify(ORDER)});`
  await servePage(page, url, html(`${recorder}<script>${renderSnippet({ writeKey, host: server.url })}; ${calls}</script>`))
  await page.goto(url)
  return { page, errors, plugins }
}

/** Waits (bounded) until each listed fake vendor recorded a call that satisfies `has`. */
async function vendorCalls(page: Page, slugs: readonly string[], has: (calls: unknown[][]) => boolean): Promise<Calls> {
  const deadline = Date.now() + 15_000
  let calls: Calls = {}
  while (Date.now() < deadline) {
    calls = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__vendorCalls ?? {})))
    if (slugs.every((s) => calls[s] && has(calls[s]))) return calls
    await page.waitForTimeout(100)
  }
  throw new Error(`vendors did not record the expected calls: ${JSON.stringify(calls)}`)
}

const hasOrder = (calls: unknown[][]) => /"Order Completed"|order_completed/.test(JSON.stringify(calls))

describe('Intercom, FullStory, Heap and HubSpot in Chromium', () => {
  it('page, identify and Order Completed reach each vendor as its mapping says, and the collector as spec messages', async () => {
    const writeKey = uniqueKey('tools')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const { page, errors, plugins } = await openShop(writeKey)
    const calls = await vendorCalls(page, SLUGS, hasOrder)
    // One file per destination, and the on-demand parts that run them.
    expect(plugins.sort()).toEqual([...SLUGS, 'extras'].map((slug) => `${server.url}/plugins/${slug}.js`).sort())

    const messages = await waitForMessages(server, (m) => ['page', 'identify'].every((t) => m.some((x) => x.type === t)) && m.some((x) => x.event === 'Order Completed'))
    const order = messages.find((m) => m.event === 'Order Completed')!
    expect(order).toMatchObject({ type: 'track', properties: ORDER, userId: 'user-42' })
    const pageUrl = `${server.url}/shop/checkout-complete`

    // Intercom: booted at load, page → update, identify → update with the user, track → trackEvent with price in cents.
    const intercom = calls.intercom
    expect(intercom[0]).toEqual(['boot', expect.objectContaining({ app_id: 'ic-e2e', installation_type: 's' })])
    expect(intercom).toContainEqual(['update', expect.objectContaining({ user_id: 'user-42', email: TRAITS.email, name: TRAITS.name, plan: 'pro' })])
    expect(intercom).toContainEqual(['trackEvent', 'Order Completed', { ...ORDER_SCALARS, price: { amount: 2250, currency: 'USD' } }])
    expect(intercom).toContainEqual(['settings', { app_id: 'ic-e2e', installation_type: 's', custom_launcher_selector: '#IntercomDefaultWidget' }])

    // FullStory (classic `org` key): page properties, setIdentity, trackEvent.
    const fullstory = calls.fullstory
    expect(fullstory[0]).toEqual(['settings', { host: 'fullstory.com', script: 'edge.fullstory.com/s/fs.js', org: 'o-E2E-na1', namespace: 'FS' }])
    expect(fullstory).toContainEqual(['setProperties', { type: 'page', properties: expect.objectContaining({ url: pageUrl, path: '/shop/checkout-complete' }) }, 'segment-browser-actions'])
    expect(fullstory).toContainEqual(['setIdentity', { uid: 'user-42', properties: { ...TRAITS, segmentAnonymousId: order.anonymousId, displayName: TRAITS.name } }, 'segment-browser-actions'])
    expect(fullstory).toContainEqual(['trackEvent', { name: 'Order Completed', properties: ORDER }, 'segment-browser-actions'])

    // Heap: no page call (Heap records page views), identify + user properties, flattened track.
    const heap = calls.heap
    expect(heap[0]).toEqual(['load', '1234567', { disableTextCapture: false, secureCookie: false, shouldFetchServerConfig: false }])
    expect(heap).toContainEqual(['identify', 'user-42'])
    expect(heap).toContainEqual(['addUserProperties', TRAITS])
    expect(heap).toContainEqual([
      'track',
      'Order Completed',
      { ...Object.fromEntries(Object.entries(ORDER).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])), segment_library: 'browser-destination' },
    ])
    expect(heap).toContainEqual(['addUserProperties', { anonymous_id: order.anonymousId }])
    expect(heap.map((c) => c[0])).not.toContain('trackPageview')

    // HubSpot: the first page sets the path for the view the tracking code records itself; identify by email; a custom behavioural event.
    const hubspot = calls.hubspot
    expect(hubspot.slice(0, hubspot.findIndex((c) => c[0] === 'automatic page view'))).toContainEqual(['setPath', '/shop/checkout-complete'])
    expect(hubspot.map((c) => c[0]).filter((c) => c === 'trackPageView')).toEqual([])
    expect(hubspot).toContainEqual(['identify', { ...TRAITS, id: 'user-42' }])
    expect(hubspot).toContainEqual(['trackCustomBehavioralEvent', { name: 'pe123456_order_completed', properties: expect.objectContaining({ order_id: ORDER.order_id, products_1_sku: UNO.sku, total: 27.5 }) }])

    // A later page() (a single-page app's route change) is tracked by HubSpot and Intercom.
    await page.evaluate(() => (window as any).analytics.page('Docs', 'Install', { path: '/docs/install' }))
    const later = await vendorCalls(page, ['hubspot'], (c) => JSON.stringify(c).includes('trackPageView'))
    expect(later.hubspot.slice(-2)).toEqual([['setPath', '/docs/install'], ['trackPageView']])
    expect(errors).toEqual([])
    await page.close()
  })

  it('settings may name each by its Actions name, with the Actions settings keys, in integrations or as a remote plugin', async () => {
    const writeKey = uniqueKey('tools-actions')
    const entry = (slug: Slug, keys: Record<string, unknown>) => ({ ...keys, scriptUrl: vendorUrl(slug) })
    await control(server, 'PUT', `/settings/${writeKey}`, {
      integrations: {
        'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
        'Intercom Web (Actions)': { type: 'browser', ...entry('intercom', { appId: 'ic-e2e' }) },
        'Fullstory (Actions)': { type: 'browser', ...entry('fullstory', { orgId: 'o-ACT-na1' }) },
        // Actions destinations come as remote plugins, their `integrations` entries without a browser component.
        'Heap Web (Actions)': { versionSettings: { componentTypes: [] } },
        'Hubspot Web (Actions)': { versionSettings: { componentTypes: [] } },
      },
      plan: {},
      remotePlugins: [
        { name: 'Heap Web (Actions)', creationName: 'Heap Web (Actions)', libraryName: 'heapDestination', url: `${server.url}/plugins/heap-web-actions.js`, settings: entry('heap', { appId: '7654321' }) },
        { name: 'Hubspot Web (Actions)', creationName: 'Hubspot Web (Actions)', libraryName: 'hubspot-webDestination', url: `${server.url}/plugins/hubspot.js`, settings: entry('hubspot', { portalId: '654321', formatCustomBehavioralEventNames: true }) },
      ],
    })
    const { page, errors, plugins } = await openShop(writeKey)
    const calls = await vendorCalls(page, SLUGS, hasOrder)
    expect(plugins.sort()).toEqual(['extras', 'fullstory-actions', 'heap-web-actions', 'hubspot', 'intercom-web-actions'].map((slug) => `${server.url}/plugins/${slug}.js`))
    expect(calls.intercom).toContainEqual(['trackEvent', 'Order Completed', { ...ORDER_SCALARS, price: { amount: 2250, currency: 'USD' } }])
    expect(calls.fullstory[0]).toEqual(['settings', expect.objectContaining({ org: 'o-ACT-na1' })])
    expect(calls.fullstory).toContainEqual(['trackEvent', { name: 'Order Completed', properties: ORDER }, 'segment-browser-actions'])
    expect(calls.heap[0]).toEqual(['load', '7654321', expect.any(Object)])
    expect(calls.heap).toContainEqual(['identify', 'user-42'])
    expect(calls.hubspot).toContainEqual(['trackCustomBehavioralEvent', { name: 'pe654321_order_completed', properties: expect.objectContaining({ order_id: ORDER.order_id }) }])
    expect(calls.hubspot).toContainEqual(['identify', { ...TRAITS, id: 'user-42' }])

    // Per call, either name turns a destination off.
    await page.evaluate(() => {
      const a = (window as any).analytics
      a.track('Not For Intercom', {}, { integrations: { Intercom: false } })
      a.track('Not For Heap', {}, { integrations: { 'Heap Web (Actions)': false, HubSpot: false } })
      a.track('Last')
    })
    const later = await vendorCalls(page, SLUGS, (c) => /"Last"|pe\d+_last/.test(JSON.stringify(c)))
    const got = (slug: Slug, name: RegExp) => name.test(JSON.stringify(later[slug]))
    expect(SLUGS.filter((s) => got(s, /not_for_intercom|Not For Intercom/))).toEqual(['fullstory', 'heap', 'hubspot'])
    expect(SLUGS.filter((s) => got(s, /not_for_heap|Not For Heap/))).toEqual(['intercom', 'fullstory'])
    expect(errors).toEqual([])
    await page.close()
  })

  it('logout: analytics.reset() shuts Intercom down and boots it anonymous, anonymizes FullStory, resets Heap', async () => {
    const writeKey = uniqueKey('tools-reset')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const { page, errors } = await openShop(writeKey)
    await vendorCalls(page, SLUGS, hasOrder)
    await page.evaluate(() => (window as any).analytics.reset())
    const calls = await vendorCalls(page, ['heap'], (c) => JSON.stringify(c).includes('resetIdentity'))
    expect(calls.intercom.slice(-2)).toEqual([['shutdown'], ['boot', { app_id: 'ic-e2e', installation_type: 's' }]])
    expect(calls.fullstory.at(-1)).toEqual(['setIdentity', { anonymous: true }, 'segment-browser-actions'])
    expect(calls.heap.at(-1)).toEqual(['resetIdentity'])
    expect(errors).toEqual([])
    await page.close()
  })

  it.each(SLUGS)('%s: a vendor script that 404s leaves the other three and the collector unaffected, with no page error', async (missing) => {
    const writeKey = uniqueKey(`tools-404-${missing}`)
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, (slug) => (slug === missing ? vendorUrl('does-not-exist') : vendorUrl(slug))))
    const { page, errors } = await openShop(writeKey)
    const working = SLUGS.filter((s) => s !== missing)
    const calls = await vendorCalls(page, working, hasOrder)
    expect(calls[missing]).toBeUndefined()
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed'))

    const logs: string[] = await page.evaluate(async () => {
      const ctx = await (window as any).analytics.track('After Failure')
      return ctx.logs().map((l: any) => l.message)
    })
    expect(logs).toContainEqual(expect.stringMatching(/is not loaded \(script failed to load: .*does-not-exist\.js\)/))
    await waitForMessages(server, (m) => m.some((x) => x.event === 'After Failure'))
    await vendorCalls(page, working, (c) => /After Failure|after_failure/.test(JSON.stringify(c)))
    expect(errors).toEqual([])
    await page.close()
  })

  it('a vendor script an ad blocker stops leaves the others and the collector unaffected, with no page error', async () => {
    const writeKey = uniqueKey('tools-blocked')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const { page, errors } = await openShop(writeKey, (p) => p.route('**/vendors/intercom.js', (route) => route.abort('blockedbyclient')))
    const calls = await vendorCalls(page, ['fullstory', 'heap', 'hubspot'], hasOrder)
    expect(calls.intercom).toBeUndefined()
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed'))
    expect(errors).toEqual([])
    await page.close()
  })
})
