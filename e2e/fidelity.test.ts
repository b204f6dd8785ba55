// Device-mode fidelity end to end: the snippet with all seven destinations enabled, each loading
// the dev server's stand-in vendor (dev/vendors/fake-vendor.js), which records every call the
// plugin made on the vendor's own queue. page('Docs', 'Index') and an Order Completed must reach
// each vendor exactly as the golden tables in test/plugins/ say (Segment's own destinations).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Message, type Server } from './fixtures/snippet/harness'

const MONOPOLY = { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games' }
const UNO = { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' }
const ORDER = { order_id: '50314b8e9bcf000000000000', affiliation: 'Google Store', total: 27.5, revenue: 22.5, shipping: 3, tax: 2, coupon: 'hasbros', currency: 'USD', products: [MONOPOLY, UNO] }
const { products: _products, ...ORDER_ONLY } = ORDER

/** Which stand-in each destination loads (fake-vendor.js?vendor=…) and the settings its table row uses. */
const DESTINATIONS: Record<string, [vendor: string, settings: Record<string, unknown>]> = {
  'Google Analytics 4 Web': ['gtag', { measurementID: 'G-E2E' }],
  'Google Tag Manager': ['gtm', { containerId: 'GTM-E2E', trackNamedPages: true, trackCategorizedPages: true }],
  'Facebook Pixel': ['fbq', { pixelId: '1234567890' }],
  Mixpanel: ['mixpanel', { token: 'mp-e2e', trackNamedPages: true, trackCategorizedPages: true }],
  Amplitude: ['amplitude', { apiKey: 'amp-e2e' }],
  Hotjar: ['hotjar', { hjid: 123456 }],
  PostHog: ['posthog', { apiKey: 'phc_e2e' }],
}

type Call = [name: string, ...args: unknown[]]

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

/** JSON with object keys sorted, so two calls compare by content whatever their key order. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x))
const same = (a: unknown, b: unknown) => canon(a) === canon(b)

/** `expected` appears in `calls` in this order (other calls may sit between). */
function inOrder(calls: Call[], expected: Call[]): boolean {
  let i = 0
  for (const c of calls) if (i < expected.length && same(c, expected[i])) i++
  return i === expected.length
}

describe('device-mode fidelity in Chromium', () => {
  it("page('Docs', 'Index') and Order Completed reach the seven vendors exactly as the golden tables say", async () => {
    const writeKey = uniqueKey('fidelity')
    const integrations: Record<string, unknown> = {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
    }
    for (const [name, [vendor, settings]] of Object.entries(DESTINATIONS)) {
      integrations[name] = { type: 'browser', ...settings, scriptUrl: `${server.url}/dev/vendors/fake-vendor.js?vendor=${vendor}` }
    }
    await control(server, 'PUT', `/settings/${writeKey}`, { integrations, plan: {}, remotePlugins: [] })

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(String(err)))
    const url = `${server.url}/shop/docs-index`
    const snippet = renderSnippet({ writeKey, host: server.url, page: { category: 'Docs', name: 'Index' } })
    await servePage(page, url, html(`<script>${snippet}; analytics.track('Order Completed', ${JSON.stringify(ORDER)});</script>`))
    await page.goto(url)

    const messages = await waitForMessages(server, (m) => m.some((x) => x.type === 'page') && m.some((x) => x.event === 'Order Completed'))
    const pageMessage = messages.find((m) => m.type === 'page') as Message
    const order = messages.find((m) => m.event === 'Order Completed') as Message
    expect(pageMessage).toMatchObject({ name: 'Index', category: 'Docs', properties: { name: 'Index', category: 'Docs' } })
    const P = pageMessage.properties as Record<string, any>
    const anon = order.anonymousId

    const expected: Record<string, { init: Call[]; page: Call[]; order: Call[]; people?: Call[] }> = {
      gtag: {
        init: [],
        page: [['config', 'G-E2E', { page_title: P.title, page_location: P.url, page_referrer: P.referrer, content_group: 'Docs', allow_google_signals: true, allow_ad_personalization_signals: true }]],
        order: [
          [
            'event',
            'purchase',
            {
              transaction_id: ORDER.order_id,
              value: 27.5,
              currency: 'USD',
              tax: 2,
              shipping: 3,
              coupon: 'hasbros',
              affiliation: 'Google Store',
              items: [
                { item_id: MONOPOLY.product_id, item_name: MONOPOLY.name, item_category: 'Games', price: 19, quantity: 1 },
                { item_id: UNO.product_id, item_name: UNO.name, item_category: 'Games', price: 3, quantity: 2 },
              ],
              send_to: 'G-E2E',
            },
          ],
        ],
      },
      gtm: {
        init: [],
        page: [
          ['Viewed Docs Page', { ...P, event: 'Viewed Docs Page', segmentAnonymousId: anon }],
          ['Viewed Docs Index Page', { ...P, event: 'Viewed Docs Index Page', segmentAnonymousId: anon }],
        ],
        order: [['Order Completed', { ...ORDER, event: 'Order Completed', segmentAnonymousId: anon }]],
      },
      fbq: {
        init: [['dataProcessingOptions', ['LDU'], 0, 0], ['init', '1234567890']],
        // The PageView's eventID is the page call's messageId: Meta de-duplicates it against the Conversions API.
        page: [['track', 'PageView', {}, { eventID: pageMessage.messageId }]],
        order: [
          [
            'trackSingle',
            '1234567890',
            'Purchase',
            {
              content_ids: [MONOPOLY.product_id, UNO.product_id],
              content_type: ['product'],
              currency: 'USD',
              value: '22.50',
              contents: [{ id: MONOPOLY.product_id, quantity: 1, item_price: 19 }, { id: UNO.product_id, quantity: 2, item_price: 3 }],
              num_items: 2,
            },
            { eventID: order.messageId },
          ],
        ],
      },
      mixpanel: {
        init: [['init', 'mp-e2e', { cross_subdomain_cookie: true, secure_cookie: false, persistence: 'cookie' }, null], ['register', { mp_lib: 'Segment: web' }]],
        page: [['track', 'Viewed Docs Index Page', P]],
        // People calls wait in their own queue (mixpanel.people), so only their order among themselves is kept.
        people: [['people.track_charge', 22.5]],
        order: [
          [
            'track',
            'Order Completed',
            {
              ...ORDER_ONLY,
              products_product_ids: [MONOPOLY.product_id, UNO.product_id],
              products_skus: [MONOPOLY.sku, UNO.sku],
              products_names: [MONOPOLY.name, UNO.name],
              products_prices: [19, 3],
              products_quantitys: [1, 2],
              products_categorys: ['Games', 'Games'],
            },
          ],
        ],
      },
      amplitude: {
        init: [],
        page: [
          ['track', 'Viewed Docs Page', P],
          ['track', 'Viewed Docs Index Page', P],
        ],
        order: [
          ['track', 'Order Completed', ORDER_ONLY],
          ['revenue', { _q: [{ name: 'setPrice', args: [22.5] }, { name: 'setQuantity', args: [1] }, { name: 'setEventProperties', args: [ORDER_ONLY] }, { name: 'setRevenueType', args: ['Purchase'] }] }],
          ['track', 'Product Purchased', MONOPOLY],
          ['track', 'Product Purchased', UNO],
        ],
      },
      hotjar: { init: [], page: [], order: [['event', 'Order Completed']] },
      posthog: {
        init: [],
        page: [['capture', '$pageview', { $current_url: P.url, ...P }]],
        order: [['capture', 'Order Completed', ORDER]],
      },
    }

    // Every vendor recorded its init, the page and the order.
    const deadline = Date.now() + 15_000
    let calls: Record<string, Call[]> = {}
    const done = () => Object.entries(expected).every(([v, e]) => [[...e.init, ...e.order], e.page, e.people ?? []].every((part) => inOrder(calls[v] ?? [], part)))
    while (Date.now() < deadline) {
      const log: { vendor: string; name: string; args: unknown[] }[] = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__sbVendorCalls ?? [])))
      calls = {}
      for (const { vendor, name, args } of log) (calls[vendor] ??= []).push([name, ...args])
      if (done()) break
      await page.waitForTimeout(100)
    }

    for (const [vendor, e] of Object.entries(expected)) {
      const got = calls[vendor] ?? []
      const rest = got.filter((c) => ![...e.init, ...e.page, ...e.order, ...(e.people ?? [])].some((x) => same(x, c)))
      // Exactly these calls, page and order each in the table's order; besides them only the load-time init.
      for (const part of [e.init, e.page, e.order, e.people ?? []]) expect(inOrder(got, part), `${vendor}: ${JSON.stringify(part)} in ${JSON.stringify(got)}`).toBe(true)
      const init = rest.map((c) => c[0])
      expect(init, `${vendor} sent more than its init, page and order calls`).toEqual(
        { gtag: ['js'], gtm: ['gtm.js'], amplitude: ['init'], posthog: ['init'] }[vendor as 'gtag'] ?? [],
      )
    }
    // PostHog's anonymous distinct id is Switchboard's anonymousId.
    const posthogInit = calls.posthog.find((c) => c[0] === 'init') as Call
    expect(posthogInit[2]).toMatchObject({ capture_pageview: false, capture_pageleave: true, bootstrap: { distinctID: anon, isIdentifiedID: false } })
    expect(calls.amplitude.find((c) => c[0] === 'init')).toEqual(['init', 'amp-e2e', expect.objectContaining({ autocapture: expect.objectContaining({ pageViews: false, sessions: false }) })])
    expect(errors).toEqual([])
    await page.close()
  })
})
