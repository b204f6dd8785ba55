// Device-mode destinations end to end: the snippet loads the bundle, the settings enable all
// seven destinations, each plugin file comes from /plugins/<slug>.js and loads a fake vendor
// script that records what the plugin asked of it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
// @ts-expect-error the official snippet ships without ESM types for this path
import * as segmentSnippet from '@segment/snippet'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

const SLUGS = ['google-analytics-4-web', 'google-tag-manager', 'facebook-pixel', 'mixpanel', 'amplitude', 'hotjar', 'posthog'] as const
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
const { products: _products, ...ORDER_ONLY } = ORDER

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

/** CDN settings enabling all seven destinations, each loading its fake vendor script. */
function settings(writeKey: string, scriptUrl: (slug: Slug) => string = vendorUrl) {
  const browserEntry = (slug: Slug, entry: Record<string, unknown>) => ({ type: 'browser', ...entry, scriptUrl: scriptUrl(slug) })
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      'Google Analytics 4 Web': browserEntry('google-analytics-4-web', { measurementID: 'G-E2E' }),
      'Google Tag Manager': browserEntry('google-tag-manager', { containerId: 'GTM-E2E' }),
      'Facebook Pixel': browserEntry('facebook-pixel', { pixelId: '1234567890' }),
      Mixpanel: browserEntry('mixpanel', { token: 'mp-e2e' }),
      Amplitude: browserEntry('amplitude', { apiKey: 'amp-e2e' }),
      Hotjar: browserEntry('hotjar', { hjid: 123456 }),
      PostHog: browserEntry('posthog', { apiKey: 'phc_e2e' }),
    },
    plan: {},
    remotePlugins: [],
  }
}

/** The official snippet only knows https hosts: this one is answered by the dev server. */
const OFFICIAL_HOST = 'cdn.switchboard.test'

/** Opens a page with the snippet and an Order Completed call; collects page errors. */
async function openShop(writeKey: string, extra = '', snippetKind: 'own' | 'official' = 'own'): Promise<{ page: Page; errors: string[]; plugins: string[] }> {
  const page = await browser.newPage()
  const errors: string[] = []
  const plugins: string[] = []
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('request', (req) => {
    if (/\/plugins\/[a-z0-9-]+\.js$/.test(req.url())) plugins.push(req.url())
  })
  const url = `${server.url}/shop/checkout-complete`
  const recorder = `<script src="${server.url}/e2e/fixtures/destinations/vendors/recorder.js"></script>`
  let snippet = renderSnippet({ writeKey, host: server.url })
  if (snippetKind === 'official') {
    snippet = segmentSnippet.min({ apiKey: writeKey, host: OFFICIAL_HOST, page: true })
    // Settings, the bundle and the plugin files all come from that "CDN".
    await page.route(`https://${OFFICIAL_HOST}/**`, async (route) =>
      route.fulfill({ response: await route.fetch({ url: route.request().url().replace(`https://${OFFICIAL_HOST}`, server.url) }) }),
    )
  }
  await servePage(page, url, html(`${recorder}<script>${snippet}; analytics.track('Order Completed', ${JSON.stringify(ORDER)});${extra}</script>`))
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

/** The order reached this vendor: by name, by order id, or as Meta's Purchase. */
const hasOrder = (calls: unknown[][]) => /"Order Completed"|"50314b8e9bcf000000000000"|"Purchase"/.test(JSON.stringify(calls))

describe('device-mode destinations in Chromium', () => {
  it.each(['own', 'official'] as const)('Order Completed reaches each vendor as its mapping says, and the collector as a spec message (%s snippet)', async (kind) => {
    const writeKey = uniqueKey('dest')
    // A vendor script named in settings must come from the vendor's host or the CDN's.
    const onCdn = (slug: Slug) => `https://${OFFICIAL_HOST}/e2e/fixtures/destinations/vendors/${slug}.js`
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, kind === 'official' ? onCdn : vendorUrl))
    const { page, errors, plugins } = await openShop(writeKey, '', kind)
    const calls = await vendorCalls(page, SLUGS, hasOrder)
    // One small file per destination, and the on-demand parts that run them, from the CDN the snippet points at.
    const cdn = kind === 'official' ? `https://${OFFICIAL_HOST}` : server.url
    expect(plugins.sort()).toEqual([...SLUGS, 'extras'].map((slug) => `${cdn}/plugins/${slug}.js`).sort())
    const [collected] = (await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed'))).filter((m) => m.event === 'Order Completed')
    expect(collected).toMatchObject({ type: 'track', event: 'Order Completed', properties: ORDER })
    const { messageId, anonymousId } = collected

    const monopolyItem = { item_id: MONOPOLY.product_id, item_name: MONOPOLY.name, item_category: 'Games', price: 19, quantity: 1 }
    const unoItem = { item_id: UNO.product_id, item_name: UNO.name, item_category: 'Games', price: 3, quantity: 2 }
    expect(calls['google-analytics-4-web']).toContainEqual([
      'event',
      'purchase',
      { transaction_id: ORDER.order_id, value: 27.5, currency: 'USD', tax: 2, shipping: 3, coupon: 'hasbros', affiliation: 'Google Store', items: [monopolyItem, unoItem], send_to: 'G-E2E' },
    ])
    expect(calls['google-analytics-4-web']).toContainEqual(['config', 'G-E2E', expect.objectContaining({ page_location: `${server.url}/shop/checkout-complete` })])

    expect(calls['google-tag-manager']).toContainEqual(['push', { ...ORDER, event: 'Order Completed', segmentAnonymousId: anonymousId }])
    expect(calls['google-tag-manager'][0]).toEqual(['push', { 'gtm.start': expect.any(Number), event: 'gtm.js' }])

    expect(calls['facebook-pixel']).toContainEqual([
      'trackSingle',
      '1234567890',
      'Purchase',
      {
        content_ids: [MONOPOLY.product_id, UNO.product_id],
        contents: [{ id: MONOPOLY.product_id, quantity: 1, item_price: 19 }, { id: UNO.product_id, quantity: 2, item_price: 3 }],
        content_type: ['product'],
        currency: 'USD',
        value: '22.50',
        num_items: 2,
      },
      { eventID: messageId },
    ])
    expect(calls['facebook-pixel']).toContainEqual(['init', '1234567890'])
    // The snippet's page(): its PageView carries the page call's messageId, for Conversions API de-duplication.
    const [pageMessage] = (await waitForMessages(server, (m) => m.some((x) => x.type === 'page'))).filter((m) => m.type === 'page')
    expect(calls['facebook-pixel']).toContainEqual(['track', 'PageView', {}, { eventID: pageMessage.messageId }])

    expect(calls.mixpanel).toContainEqual([
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
    ])
    expect(calls.mixpanel).toContainEqual(['people.track_charge', 22.5])
    expect(calls.mixpanel[0]).toEqual(['init', 'mp-e2e', expect.objectContaining({ persistence: 'cookie' })])

    const amplitude = calls.amplitude
    expect(amplitude).toContainEqual(['track', 'Order Completed', ORDER_ONLY])
    expect(amplitude).toContainEqual(['revenue', { ops: [['setPrice', 22.5], ['setQuantity', 1], ['setEventProperties', ORDER_ONLY], ['setRevenueType', 'Purchase']] }])
    expect(amplitude).toContainEqual(['track', 'Product Purchased', UNO])
    expect(amplitude[0]).toEqual(['init', 'amp-e2e', expect.objectContaining({ autocapture: expect.objectContaining({ pageViews: false }) })])

    expect(calls.hotjar).toContainEqual(['event', 'Order Completed'])
    expect(calls.hotjar).toContainEqual(['settings', { hjid: 123456, hjsv: 6 }])

    expect(calls.posthog).toContainEqual(['capture', 'Order Completed', ORDER])
    expect(calls.posthog).toContainEqual(['capture', '$pageview', expect.objectContaining({ $current_url: `${server.url}/shop/checkout-complete` })])

    expect(errors).toEqual([])
    await page.close()
  })

  it('the integrations option turns a destination off by its catalog name or an alternative name', async () => {
    const writeKey = uniqueKey('dest-off')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const skip = `analytics.track('Not For Meta', {}, { integrations: { 'Meta Pixel': false } }); analytics.track('Not For GA', {}, { integrations: { 'Google Analytics 4 Web': false, Hotjar: false } }); analytics.track('Last');`
    const { page, errors } = await openShop(writeKey, skip)
    const calls = await vendorCalls(page, SLUGS, (c) => /"Last"/.test(JSON.stringify(c)))
    const got = (slug: Slug, name: string) => JSON.stringify(calls[slug]).includes(name)
    expect(SLUGS.filter((s) => got(s, 'Not_For_Meta') || got(s, 'Not For Meta'))).toEqual(SLUGS.filter((s) => s !== 'facebook-pixel'))
    expect(SLUGS.filter((s) => got(s, 'Not_For_GA') || got(s, 'Not For GA'))).toEqual(['google-tag-manager', 'facebook-pixel', 'mixpanel', 'amplitude', 'posthog'])
    await waitForMessages(server, (m) => ['Not For Meta', 'Not For GA', 'Last'].every((e) => m.some((x) => x.event === e)))
    expect(errors).toEqual([])
    await page.close()
  })

  it('settings may name a destination by another of its names, or list its plugin file as a remote plugin', async () => {
    const writeKey = uniqueKey('dest-names')
    const all = settings(writeKey)
    const { 'Facebook Pixel': pixel, 'Google Analytics 4 Web': ga4 } = all.integrations
    delete (all.integrations as Record<string, unknown>)['Facebook Pixel']
    delete (all.integrations as Record<string, unknown>)['Google Analytics 4 Web']
    await control(server, 'PUT', `/settings/${writeKey}`, {
      ...all,
      integrations: { ...all.integrations, 'Meta Pixel': pixel },
      remotePlugins: [
        // The global Segment's GA4 Web (Actions) bundle defines; this file defines it too.
        { name: 'Google Analytics 4 Web', creationName: 'Google Analytics 4 Web', libraryName: 'google-analytics-4-webDestination', url: `${server.url}/plugins/google-analytics-4-web.js`, settings: ga4 },
      ],
    })
    const { page, errors, plugins } = await openShop(writeKey, `analytics.track('Not For Meta', {}, { integrations: { 'Facebook Pixel': false } }); analytics.track('Last');`)
    const calls = await vendorCalls(page, SLUGS, (c) => /"Last"/.test(JSON.stringify(c)))
    expect(plugins).toContain(`${server.url}/plugins/meta-pixel.js`)
    expect(plugins).toContain(`${server.url}/plugins/google-analytics-4-web.js`)
    expect(calls['facebook-pixel']).toContainEqual(['trackSingle', '1234567890', 'Purchase', expect.objectContaining({ value: '22.50' }), expect.any(Object)])
    expect(JSON.stringify(calls['facebook-pixel'])).not.toContain('Not For Meta')
    expect(calls['google-analytics-4-web']).toContainEqual(['event', 'purchase', expect.objectContaining({ transaction_id: ORDER.order_id, send_to: 'G-E2E' })])
    expect(errors).toEqual([])
    await page.close()
  })

  it('a vendor script that 404s (and one an ad blocker stops) leaves the others and the collector unaffected, with no page error', async () => {
    const writeKey = uniqueKey('dest-404')
    const missing = (slug: Slug) => (slug === 'mixpanel' ? `${server.url}/e2e/fixtures/destinations/vendors/does-not-exist.js` : vendorUrl(slug))
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey, missing))
    const { page: shop, errors } = await (async () => {
      const p = await browser.newPage()
      const errs: string[] = []
      p.on('pageerror', (err) => errs.push(String(err)))
      // An ad blocker: the request for the pixel never completes.
      await p.route('**/vendors/facebook-pixel.js', (route) => route.abort('blockedbyclient'))
      const url = `${server.url}/shop/blocked`
      const recorder = `<script src="${server.url}/e2e/fixtures/destinations/vendors/recorder.js"></script>`
      await servePage(p, url, html(`${recorder}<script>${renderSnippet({ writeKey, host: server.url })}; analytics.track('Order Completed', ${JSON.stringify(ORDER)});</script>`))
      await p.goto(url)
      return { page: p, errors: errs }
    })()

    const working = SLUGS.filter((s) => s !== 'mixpanel' && s !== 'facebook-pixel')
    const calls = await vendorCalls(shop, working, hasOrder)
    expect(calls.mixpanel).toBeUndefined()
    expect(calls['facebook-pixel']).toBeUndefined()
    expect(calls.posthog).toContainEqual(['capture', 'Order Completed', ORDER])

    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Order Completed'))
    expect(messages.filter((m) => m.event === 'Order Completed')).toMatchObject([{ type: 'track', properties: ORDER }])

    // Later events still flow to the collector and the working vendors; the failed ones are
    // skipped, and say why on the event's Context.
    const logs: string[] = await shop.evaluate(async () => {
      const ctx = await (window as any).analytics.track('After Failure')
      return ctx.logs().map((l: any) => l.message)
    })
    expect(logs).toContainEqual(expect.stringMatching(/^Mixpanel is not loaded \(script failed to load: .*does-not-exist\.js\)/))
    expect(logs).toContainEqual(expect.stringMatching(/^Facebook Pixel is not loaded \(script failed to load/))
    await waitForMessages(server, (m) => m.some((x) => x.event === 'After Failure'))
    await vendorCalls(shop, ['posthog', 'hotjar'], (c) => JSON.stringify(c).includes('After Failure'))
    expect(errors).toEqual([])
    await shop.close()
  })
})
