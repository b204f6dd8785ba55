// Every built-in destination at once, end to end: the snippet loads the bundle, the CDN settings
// enable all of them, each plugin file comes from /plugins/<slug>.js and loads its fake vendor
// script (e2e/fixtures/destinations/vendors), and page / identify / Order Completed reach each
// vendor as its golden table (test/plugins/<slug>.test.ts) says. One vendor script 404ing (or
// stopped by an ad blocker) costs only the destinations that load it: one for every script but
// gtag.js, which GA4 Web and Google Ads share.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Message, type Server } from './fixtures/snippet/harness'

const MONOPOLY = { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games' }
const UNO = { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' }
const ORDER = { order_id: '50314b8e9bcf000000000000', total: 27.5, revenue: 22.5, shipping: 3, tax: 2, coupon: 'hasbros', currency: 'USD', products: [MONOPOLY, UNO] }
const TRAITS = { email: 'jane@example.com', name: 'Jane Kim', phone: '+15551234567' }
const PATH = '/shop/checkout-complete'

/** What the page recorded, and the collector's copies of the three calls. */
interface Seen {
  /** Per fake vendor script, `[method, ...args]` (window.__vendorCalls). */
  calls: Record<string, unknown[][]>
  /** gtag's Arguments objects on dataLayer (GA4 Web and Google Ads share them and one gtag.js). */
  gtag: unknown[][]
  pageUrl: string
  page: Message
  order: Message
}

interface Destination {
  /** The `integrations` key of the CDN settings. */
  name: string
  /** The plugin's own name, when the settings use another of its names. */
  plugin?: string
  /** Plugin folder, and its fake vendor script unless `script` says otherwise. */
  slug: string
  script?: string
  settings: Record<string, unknown>
  /** What its page(), identify() and Order Completed produce (expect() calls). */
  check(seen: Seen): void
  /** Whether the Order Completed reached it (polled). */
  hasOrder(seen: Seen): boolean
}

const calls = (seen: Seen, slug: string) => seen.calls[slug] ?? []
const json = (v: unknown) => JSON.stringify(v)
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')
const gtagHas = (seen: Seen, needle: string) => seen.gtag.some((c) => json(c).includes(needle))

const DESTINATIONS: Destination[] = [
  {
    name: 'Google Analytics 4 Web',
    slug: 'google-analytics-4-web',
    script: 'gtag',
    settings: { measurementID: 'G-E2E' },
    check: (s) => {
      expect(s.gtag).toContainEqual(['config', 'G-E2E', expect.objectContaining({ page_location: s.pageUrl })])
      expect(s.gtag).toContainEqual(['set', { user_id: 'user-42' }])
      expect(s.gtag).toContainEqual(['event', 'purchase', expect.objectContaining({ transaction_id: ORDER.order_id, value: 27.5, send_to: 'G-E2E' })])
    },
    hasOrder: (s) => gtagHas(s, '"G-E2E"') && s.gtag.some((c) => c[0] === 'event' && c[1] === 'purchase'),
  },
  {
    name: 'Google AdWords New',
    slug: 'google-ads-gtag',
    script: 'gtag',
    settings: { accountId: 'AW-E2E', clickConversions: [{ value: { event: 'Order Completed', id: 'purchase-label', accountId: '' } }], defaultPageConversion: 'page-label' },
    check: (s) => {
      expect(s.gtag).toContainEqual(['config', 'AW-E2E', {}])
      expect(s.gtag).toContainEqual(['event', 'conversion', { ...s.page.properties, send_to: 'AW-E2E/page-label' }])
      expect(s.gtag).toContainEqual(['event', 'Order Completed', expect.objectContaining({ transaction_id: ORDER.order_id, value: 22.5, send_to: 'AW-E2E/purchase-label' })])
    },
    hasOrder: (s) => gtagHas(s, 'AW-E2E/purchase-label'),
  },
  {
    name: 'TikTok Pixel',
    slug: 'tiktok-pixel',
    settings: { pixelCode: 'C4E2E' },
    check: (s) => {
      expect(calls(s, 'tiktok-pixel')).toContainEqual(['track', 'Pageview', expect.any(Object), expect.any(Object)])
      expect(calls(s, 'tiktok-pixel')).toContainEqual(['identify', expect.objectContaining({ external_id: sha256('user-42') })])
      expect(calls(s, 'tiktok-pixel')).toContainEqual(['track', 'CompletePayment', expect.objectContaining({ order_id: ORDER.order_id, value: 22.5, currency: 'USD' }), { event_id: s.order.messageId }])
    },
    hasOrder: (s) => json(calls(s, 'tiktok-pixel')).includes('"CompletePayment"'),
  },
  {
    name: 'LinkedIn Insight Tag',
    slug: 'linkedin-insight-tag',
    settings: { partnerId: '123456', conversions: { 'Order Completed': '9001' } },
    check: (s) => {
      // The tag records page views itself; identify → nothing; the mapped Order Completed → its conversion.
      expect(calls(s, 'linkedin-insight-tag')).toEqual([
        ['partners', '123456', ['123456']],
        ['track', { conversion_id: 9001, event_id: s.order.messageId }],
      ])
    },
    hasOrder: (s) => json(calls(s, 'linkedin-insight-tag')).includes('9001'),
  },
  {
    name: 'Pinterest Tag',
    slug: 'pinterest-tag',
    settings: { tid: '2620795819800', mapMessageIdToEventId: true },
    check: (s) => {
      expect(calls(s, 'pinterest-tag')).toContainEqual(['track', 'PageVisit', expect.objectContaining({ event_id: s.page.messageId })])
      expect(calls(s, 'pinterest-tag')).toContainEqual(['set', { np: 'segment', em: TRAITS.email }])
      expect(calls(s, 'pinterest-tag')).toContainEqual(['track', 'Checkout', expect.objectContaining({ order_id: ORDER.order_id, currency: 'USD', event_id: s.order.messageId })])
    },
    hasOrder: (s) => json(calls(s, 'pinterest-tag')).includes('"Checkout"'),
  },
  {
    name: 'Google Tag Manager',
    slug: 'google-tag-manager',
    settings: { containerId: 'GTM-E2E', trackAllPages: true },
    check: (s) => {
      expect(calls(s, 'google-tag-manager')).toContainEqual(['push', expect.objectContaining({ event: 'Loaded a Page', url: s.pageUrl })])
      expect(calls(s, 'google-tag-manager')).toContainEqual(['push', expect.objectContaining({ event: 'Order Completed', order_id: ORDER.order_id, userId: 'user-42' })])
    },
    hasOrder: (s) => json(calls(s, 'google-tag-manager')).includes('"Order Completed"'),
  },
  {
    name: 'Facebook Pixel',
    slug: 'facebook-pixel',
    settings: { pixelId: '1234567890' },
    check: (s) => {
      expect(calls(s, 'facebook-pixel')).toContainEqual(['track', 'PageView', {}, { eventID: s.page.messageId }])
      expect(calls(s, 'facebook-pixel')).toContainEqual(['trackSingle', '1234567890', 'Purchase', expect.objectContaining({ value: '22.50', currency: 'USD' }), { eventID: s.order.messageId }])
    },
    hasOrder: (s) => json(calls(s, 'facebook-pixel')).includes('"Purchase"'),
  },
  {
    name: 'Mixpanel',
    slug: 'mixpanel',
    settings: { token: 'mp-e2e', consolidatedPageCalls: true },
    check: (s) => {
      expect(calls(s, 'mixpanel')).toContainEqual(['track', 'Loaded a Page', expect.objectContaining({ url: s.pageUrl })])
      expect(calls(s, 'mixpanel')).toContainEqual(['identify', 'user-42'])
      expect(calls(s, 'mixpanel')).toContainEqual(['track', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, products_skus: [MONOPOLY.sku, UNO.sku] })])
    },
    hasOrder: (s) => json(calls(s, 'mixpanel')).includes('"Order Completed"'),
  },
  {
    name: 'Amplitude',
    slug: 'amplitude',
    settings: { apiKey: 'amp-e2e', trackAllPages: true },
    check: (s) => {
      expect(calls(s, 'amplitude')).toContainEqual(['track', 'Loaded a Page', expect.objectContaining({ url: s.pageUrl })])
      expect(calls(s, 'amplitude')).toContainEqual(['setUserId', 'user-42'])
      expect(calls(s, 'amplitude')).toContainEqual(['track', 'Product Purchased', UNO])
    },
    hasOrder: (s) => json(calls(s, 'amplitude')).includes('"Order Completed"'),
  },
  {
    name: 'Hotjar',
    slug: 'hotjar',
    settings: { hjid: 123456 },
    check: (s) => {
      expect(calls(s, 'hotjar')).toContainEqual(['identify', 'user-42', TRAITS])
      expect(calls(s, 'hotjar')).toContainEqual(['event', 'Order Completed'])
    },
    hasOrder: (s) => json(calls(s, 'hotjar')).includes('"Order Completed"'),
  },
  {
    name: 'PostHog',
    slug: 'posthog',
    settings: { apiKey: 'phc_e2e' },
    check: (s) => {
      expect(calls(s, 'posthog')).toContainEqual(['capture', '$pageview', expect.objectContaining({ $current_url: s.pageUrl })])
      expect(calls(s, 'posthog')).toContainEqual(['identify', 'user-42', TRAITS])
      expect(calls(s, 'posthog')).toContainEqual(['capture', 'Order Completed', ORDER])
    },
    hasOrder: (s) => json(calls(s, 'posthog')).includes('"Order Completed"'),
  },
  {
    name: 'Intercom Web (Actions)',
    slug: 'intercom',
    settings: { appId: 'ic-e2e' },
    check: (s) => {
      expect(calls(s, 'intercom')[0]).toEqual(['boot', expect.objectContaining({ app_id: 'ic-e2e' })])
      expect(calls(s, 'intercom')).toContainEqual(['update', expect.objectContaining({ user_id: 'user-42', email: TRAITS.email, name: TRAITS.name, phone: TRAITS.phone })])
      expect(calls(s, 'intercom')).toContainEqual(['trackEvent', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, price: { amount: 2250, currency: 'USD' } })])
    },
    hasOrder: (s) => json(calls(s, 'intercom')).includes('"Order Completed"'),
  },
  {
    name: 'FullStory',
    plugin: 'Fullstory (Actions)',
    slug: 'fullstory',
    settings: { org: 'o-E2E-na1' },
    check: (s) => {
      expect(calls(s, 'fullstory')).toContainEqual(['setProperties', { type: 'page', properties: expect.objectContaining({ url: s.pageUrl }) }, 'segment-browser-actions'])
      expect(calls(s, 'fullstory')).toContainEqual(['setIdentity', { uid: 'user-42', properties: expect.objectContaining({ email: TRAITS.email, displayName: TRAITS.name }) }, 'segment-browser-actions'])
      expect(calls(s, 'fullstory')).toContainEqual(['trackEvent', { name: 'Order Completed', properties: ORDER }, 'segment-browser-actions'])
    },
    hasOrder: (s) => json(calls(s, 'fullstory')).includes('"Order Completed"'),
  },
  {
    name: 'Heap Web (Actions)',
    slug: 'heap',
    settings: { appId: '1234567' },
    check: (s) => {
      // Heap records page views itself: no call for page().
      expect(calls(s, 'heap')).toContainEqual(['identify', 'user-42'])
      expect(calls(s, 'heap')).toContainEqual(['addUserProperties', TRAITS])
      expect(calls(s, 'heap')).toContainEqual(['track', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, total: '27.5', products: JSON.stringify(ORDER.products) })])
    },
    hasOrder: (s) => json(calls(s, 'heap')).includes('"Order Completed"'),
  },
  {
    name: 'HubSpot',
    plugin: 'Hubspot Web (Actions)',
    slug: 'hubspot',
    settings: { portalId: '123456' },
    check: (s) => {
      expect(calls(s, 'hubspot')).toContainEqual(['setPath', PATH])
      expect(calls(s, 'hubspot')).toContainEqual(['identify', expect.objectContaining({ email: TRAITS.email, id: 'user-42' })])
      expect(calls(s, 'hubspot')).toContainEqual(['trackCustomBehavioralEvent', { name: 'pe123456_order_completed', properties: expect.objectContaining({ order_id: ORDER.order_id }) }])
    },
    hasOrder: (s) => json(calls(s, 'hubspot')).includes('pe123456_order_completed'),
  },
]

/** The fake vendor script a destination loads (GA4 Web and Google Ads: one gtag.js, recorded under GA4's name). */
const scriptOf = (d: Destination) => (d.script === 'gtag' ? 'google-analytics-4-web' : d.slug)
const SCRIPTS = [...new Set(DESTINATIONS.map(scriptOf))]

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

const vendorUrl = (file: string) => `${server.url}/e2e/fixtures/destinations/vendors/${file}.js`

function settings(writeKey: string, missing?: string) {
  const integrations: Record<string, unknown> = {
    'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
  }
  for (const d of DESTINATIONS) {
    const script = scriptOf(d)
    integrations[d.name] = { type: 'browser', ...d.settings, scriptUrl: vendorUrl(script === missing ? 'does-not-exist' : script) }
  }
  return { integrations, plan: {}, remotePlugins: [] }
}

async function openShop(writeKey: string, blocked?: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage()
  // An ad blocker: the request for that vendor script never completes.
  if (blocked) await page.route(`**/vendors/${blocked}.js`, (route) => route.abort('blockedbyclient'))
  const errors: string[] = []
  const requests: string[] = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('request', (req) => requests.push(req.url()))
  const url = `${server.url}${PATH}`
  const recorder = `<script src="${vendorUrl('recorder')}"></script>`
  const calls = `analytics.identify('user-42', ${JSON.stringify(TRAITS)}); analytics.track('Order Completed', ${JSON.stringify(ORDER)});`
  await servePage(page, url, html(`${recorder}<script>${renderSnippet({ writeKey, host: server.url })}; ${calls}</script>`))
  await page.goto(url)
  return { page, errors, requests }
}

/** Polls (bounded) until every listed destination has the order. */
async function seen(page: Page, messages: Message[], want: Destination[]): Promise<Seen> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const { calls, gtag } = await page.evaluate(() => {
      const w = window as any
      const isArgs = (x: unknown) => Object.prototype.toString.call(x) === '[object Arguments]'
      return JSON.parse(JSON.stringify({ calls: w.__vendorCalls ?? {}, gtag: (w.dataLayer ?? []).filter(isArgs).map((a: ArrayLike<unknown>) => Array.from(a)) }))
    })
    const s: Seen = { calls, gtag, pageUrl: `${server.url}${PATH}`, page: messages.find((m) => m.type === 'page')!, order: messages.find((m) => m.event === 'Order Completed')! }
    const late = want.filter((d) => !d.hasOrder(s))
    if (!late.length) return s
    if (Date.now() > deadline) throw new Error(`no Order Completed at ${late.map((d) => d.name).join(', ')}: ${JSON.stringify(calls)}`)
    await page.waitForTimeout(100)
  }
}

const collectedAll = (server: Server) =>
  waitForMessages(server, (m) => m.some((x) => x.type === 'page') && m.some((x) => x.type === 'identify') && m.some((x) => x.event === 'Order Completed'))

describe(`all ${DESTINATIONS.length} destinations together in Chromium`, () => {
  it('page, identify and Order Completed reach each vendor as its table says, and the collector as spec messages', async () => {
    const writeKey = uniqueKey('all')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const { page, errors, requests } = await openShop(writeKey)
    const messages = await collectedAll(server)
    expect(messages.find((m) => m.event === 'Order Completed')).toMatchObject({ type: 'track', properties: ORDER, userId: 'user-42' })
    const s = await seen(page, messages, DESTINATIONS)
    for (const d of DESTINATIONS) d.check(s)
    // GA4 Web and Google Ads load gtag.js once between them; every other vendor script once too.
    const scriptRequests = requests.filter((r) => r.includes('/e2e/fixtures/destinations/vendors/') && !r.endsWith('/recorder.js'))
    expect(scriptRequests.sort()).toEqual(SCRIPTS.map(vendorUrl).sort())
    expect(errors).toEqual([])
    await page.close()
  })

  const failing = [...SCRIPTS.map((script) => [script, '404s'] as const), ...(['heap', 'tiktok-pixel'] as const).map((script) => [script, 'is blocked'] as const)]
  it.each(failing)('the %s vendor script %s: only the destinations that load it are off; the others and the collector are unaffected, no page error', async (missing, how) => {
    const writeKey = uniqueKey(`all-fail-${missing}`)
    const blocked = how === 'is blocked'
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, blocked ? undefined : missing))
    const { page, errors } = await openShop(writeKey, blocked ? missing : undefined)
    const messages = await collectedAll(server)
    const down = DESTINATIONS.filter((d) => scriptOf(d) === missing)
    const up = DESTINATIONS.filter((d) => !down.includes(d))
    const s = await seen(page, messages, up)
    for (const d of up) d.check(s)
    expect(s.calls[missing]).toBeUndefined()

    // Later calls: the collector and the working vendors get them; the failed ones say why.
    const logs: string[] = await page.evaluate(async () => {
      const ctx = await (window as any).analytics.track('After Failure')
      return ctx.logs().map((l: any) => l.message)
    })
    const file = blocked ? `${missing}\\.js` : 'does-not-exist\\.js'
    for (const d of down) expect(logs).toContainEqual(expect.stringMatching(new RegExp(`^${(d.plugin ?? d.name).replace(/[()]/g, '\\$&')} is not loaded \\(script failed to load: .*${file}\\)`)))
    await waitForMessages(server, (m) => m.some((x) => x.event === 'After Failure'))
    expect(errors).toEqual([])
    await page.close()
  })
})
