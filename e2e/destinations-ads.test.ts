// The ad destinations end to end: the snippet loads the bundle, the settings enable Google Ads
// (with GA4 Web beside it), TikTok Pixel, LinkedIn Insight Tag and Pinterest Tag, each plugin file
// loads a fake vendor script, and page / identify / Order Completed reach each vendor as its
// golden table (test/plugins/<slug>.test.ts) says.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

type Calls = Record<string, unknown[][]>

const MONOPOLY = { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games' }
const UNO = { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' }
const ORDER = { order_id: '50314b8e9bcf000000000000', total: 27.5, revenue: 22.5, shipping: 3, tax: 2, coupon: 'hasbros', currency: 'USD', products: [MONOPOLY, UNO] }
const { order_id: _orderId, revenue: _revenue, ...ORDER_REST } = ORDER
const TRAITS = { email: 'Jane.Doe@Example.com', phone: '+1 (555) 123-4567', firstName: 'Jane' }

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

/** CDN settings with the ad destinations and GA4 Web, each loading its fake vendor script. */
function settings(writeKey: string, scriptUrl: (file: string) => string = vendorUrl) {
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      'Google Analytics 4 Web': { type: 'browser', measurementID: 'G-E2E', scriptUrl: scriptUrl('google-analytics-4-web') },
      'Google AdWords New': {
        type: 'browser',
        accountId: 'AW-E2E',
        clickConversions: [{ value: { event: 'Order Completed', id: 'purchase-label', accountId: '' } }],
        defaultPageConversion: 'page-label',
        scriptUrl: scriptUrl('google-ads-gtag'),
      },
      'TikTok Pixel': { type: 'browser', pixelCode: 'C4E2E', scriptUrl: scriptUrl('tiktok-pixel') },
      'LinkedIn Insight Tag': { type: 'browser', partnerId: '123456', conversions: { 'Order Completed': '9001' }, scriptUrl: scriptUrl('linkedin-insight-tag') },
      'Pinterest Tag': { type: 'browser', tid: '2620795819800', mapMessageIdToEventId: true, scriptUrl: scriptUrl('pinterest-tag') },
    },
    plan: {},
    remotePlugins: [],
  }
}

/** Opens a page with the snippet (its page()), an identify and an Order Completed; collects page errors and script requests. */
async function openShop(writeKey: string, before?: (page: Page) => Promise<void>): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('request', (req) => requests.push(req.url()))
  await before?.(page)
  const url = `${server.url}/shop/checkout-complete`
  const recorder = `<script src="${vendorUrl('recorder')}"></script>`
  const calls = `analytics.identify('user-42', ${JSON.stringify(TRAITS)}); analytics.track('Order Completed', ${JSON.stringify(ORDER)});`
  await servePage(page, url, html(`${recorder}<script>${renderSnippet({ writeKey, host: server.url })}; ${calls}</script>`))
  await page.goto(url)
  return { page, errors, requests }
}

/** Every gtag call on the page, from dataLayer's Arguments objects (GA4 and Google Ads share them). */
const gtagCalls = (page: Page): Promise<unknown[][]> =>
  page.evaluate(() =>
    JSON.parse(JSON.stringify(((window as any).dataLayer ?? []).filter((x: unknown) => Object.prototype.toString.call(x) === '[object Arguments]').map((a: ArrayLike<unknown>) => Array.from(a)))),
  )

/** Polls (bounded) until `has` holds for what `read` returns. */
async function until<T>(read: () => Promise<T>, has: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000
  let value = await read()
  while (!has(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const vendorCalls = (page: Page): Promise<Calls> => page.evaluate(() => JSON.parse(JSON.stringify((window as any).__vendorCalls ?? {})))
const GTAG_FAKES = /\/vendors\/(google-analytics-4-web|google-ads-gtag)\.js$/

describe('ad destinations in Chromium', () => {
  it('page, identify and Order Completed reach each vendor as its table says; GA4 and Google Ads load gtag.js once', async () => {
    const writeKey = uniqueKey('ads')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const { page, errors, requests } = await openShop(writeKey)
    const hasOrder = (c: unknown[][]) => JSON.stringify(c).includes('purchase-label') && JSON.stringify(c).includes('"purchase"')
    const gtag = await until(() => gtagCalls(page), hasOrder, 'gtag calls')
    const calls = await until(() => vendorCalls(page), (c) => ['tiktok-pixel', 'pinterest-tag'].every((slug) => JSON.stringify(c[slug] ?? []).includes(ORDER.order_id)) && JSON.stringify(c['linkedin-insight-tag'] ?? []).includes('9001'), 'vendor calls')
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed') && m.some((x) => x.type === 'page'))
    const pageMessage = messages.find((m) => m.type === 'page')!
    const orderMessage = messages.find((m) => m.event === 'Order Completed')!
    const contents = [MONOPOLY, UNO].map((p) => ({ price: p.price, quantity: p.quantity, content_category: p.category, content_id: p.product_id, content_name: p.name }))

    // Google Ads (test/plugins/google-ads-gtag.test.ts): config at load; the unnamed page → the
    // default page conversion; Order Completed → its click conversion, revenue as value.
    expect(gtag).toContainEqual(['config', 'AW-E2E', {}])
    expect(gtag).toContainEqual(['event', 'conversion', { ...pageMessage.properties, send_to: 'AW-E2E/page-label' }])
    expect(gtag).toContainEqual(['event', 'Order Completed', { ...ORDER_REST, transaction_id: ORDER.order_id, value: 22.5, send_to: 'AW-E2E/purchase-label' }])
    // GA4 Web beside it, in the same dataLayer.
    expect(gtag).toContainEqual(['event', 'purchase', expect.objectContaining({ transaction_id: ORDER.order_id, send_to: 'G-E2E' })])
    // TikTok Pixel (test/plugins/tiktok-pixel.test.ts): the pixel and its page view at load; the
    // page → Pageview; identify → nothing; Order Completed → identify (hashed) and CompletePayment.
    expect(calls['tiktok-pixel']).toEqual([
      ['load', 'C4E2E', { limited_data_use: false }],
      ['page'],
      ['track', 'Pageview', { contents: [], currency: 'USD' }, { event_id: '' }],
      ['identify', { external_id: sha256('user-42') }],
      ['track', 'CompletePayment', { contents, content_type: 'product', currency: 'USD', value: 22.5, order_id: ORDER.order_id }, { event_id: orderMessage.messageId }],
    ])
    // LinkedIn Insight Tag (test/plugins/linkedin-insight-tag.test.ts): the partner id; the tag's
    // own page view; identify → nothing; the mapped Order Completed → its conversion.
    expect(calls['linkedin-insight-tag']).toEqual([
      ['partners', '123456', ['123456']],
      ['track', { conversion_id: 9001, event_id: orderMessage.messageId }],
    ])
    // Pinterest Tag (test/plugins/pinterest-tag.test.ts): load and the tag's page at load; the
    // unnamed page → PageVisit; identify → enhanced match; Order Completed → Checkout with line items.
    const lineItems = [MONOPOLY, UNO].map((p) => ({ product_name: p.name, product_id: p.sku, product_category: p.category, product_price: p.price, product_quantity: p.quantity }))
    expect(calls['pinterest-tag']).toEqual([
      ['load', '2620795819800'],
      ['page'],
      ['track', 'PageVisit', { name: '', event_id: pageMessage.messageId }],
      ['set', { np: 'segment', em: TRAITS.email }],
      ['track', 'Checkout', { order_id: ORDER.order_id, coupon: 'hasbros', currency: 'USD', event_id: orderMessage.messageId, line_items: lineItems }],
    ])
    // One gtag.js for both, whichever plugin came first.
    await until(async () => (await vendorCalls(page))['google-ads-gtag'] ?? (await vendorCalls(page))['google-analytics-4-web'], (c) => !!c, 'a gtag fake ran')
    expect(requests.filter((r) => GTAG_FAKES.test(r))).toHaveLength(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it.each([
    ['Pinterest’s script 404s and an ad blocker stops TikTok’s', ['pinterest-tag'], ['tiktok-pixel'], ['Pinterest Tag', 'TikTok Pixel']],
    ['gtag.js 404s (GA4 Web and Google Ads both stand down)', ['google-analytics-4-web', 'google-ads-gtag'], [], ['Google Analytics 4 Web', 'Google AdWords New']],
  ])('%s: the others and the tracking API are unaffected, with no page error', async (_, missing, blocked, failed) => {
    const writeKey = uniqueKey('ads-fail')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, (file) => (missing.includes(file) ? vendorUrl('does-not-exist') : vendorUrl(file))))
    const { page, errors } = await openShop(writeKey, async (p) => {
      for (const file of blocked) await p.route(`**/vendors/${file}.js`, (route) => route.abort('blockedbyclient'))
    })
    const working = ['tiktok-pixel', 'linkedin-insight-tag', 'pinterest-tag'].filter((slug) => !missing.includes(slug) && !blocked.includes(slug))
    const calls = await until(() => vendorCalls(page), (c) => working.every((slug) => /9001|"CompletePayment"|"Checkout"/.test(JSON.stringify(c[slug] ?? []))), 'working vendors')
    for (const slug of [...missing, ...blocked]) expect(calls[slug]).toBeUndefined()
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed'))
    expect(messages.filter((m) => m.event === 'Order Completed')).toMatchObject([{ type: 'track', properties: ORDER }])

    // Later events still reach the collector and the working vendors; the failed ones say why.
    const logs: string[] = await page.evaluate(async () => (await (window as any).analytics.track('After Failure')).logs().map((l: any) => l.message))
    for (const name of failed) expect(logs).toContainEqual(expect.stringMatching(new RegExp(`^${name} is not loaded \\(script failed to load`)))
    await waitForMessages(server, (m) => m.some((x) => x.event === 'After Failure'))
    if (working.includes('pinterest-tag')) await until(() => vendorCalls(page), (c) => JSON.stringify(c['pinterest-tag']).includes('After Failure'), 'Pinterest after the failure')
    expect(errors).toEqual([])
    await page.close()
  })
})
