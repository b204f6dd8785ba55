// Golden table: spec message → the exact Browser SDK 2 calls, stating Segment's classic Amplitude
// integration (analytics.js-integrations, integrations/amplitude/lib/index.js, useLogRevenueV2)
// call for call, with its SDK 5 calls in their SDK 2 form (logEvent → track, logRevenueV2 → revenue).
import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, translate } from '../../plugins/amplitude/translate'
import { AMPLITUDE_SDK_URL } from '../../plugins/amplitude'
import type { AmplitudeSettings } from '../../plugins/amplitude/settings'
import type { Construct, VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: AmplitudeSettings = { apiKey: 'amp-key' }
const amp = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'amplitude.' + fn, args })
const revenue = (ops: Construct['ops']): VendorCall => amp('revenue', { ctor: 'amplitude.Revenue', ops })
const identifyObj = (ops: Construct['ops']): VendorCall => amp('identify', { ctor: 'amplitude.Identify', ops })
const PAGE = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }
const DOCS_INDEX = { ...PAGE, name: 'Index', category: 'Docs' }
const { products: _products, ...ORDER_ONLY } = ORDER
const SRC = 'analytics.js-integrations amplitude'
const orderRevenue = revenue([['setPrice', 22.5], ['setQuantity', 1], ['setEventProperties', ORDER_ONLY], ['setRevenueType', 'Purchase']])

/** v2 events whose properties carry a revenue: the event, then one Revenue (price ← revenue, quantity 1). */
const withRevenue = (event: string, price: number): VendorCall[] => [amp('track', event, ECOMMERCE[event]), revenue([['setPrice', price], ['setQuantity', 1], ['setEventProperties', ECOMMERCE[event]]])]
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = {
  'Checkout Started': [withRevenue('Checkout Started', 25), `${SRC} logEvent(): track.revenue() → setRevenue, no revenue type`],
  'Order Updated': [withRevenue('Order Updated', 25), `${SRC} logEvent(): track.revenue() → setRevenue`],
  'Order Cancelled': [withRevenue('Order Cancelled', 25), `${SRC} logEvent(): track.revenue() → setRevenue`],
  'Order Completed': [
    [amp('track', 'Order Completed', ORDER_ONLY), orderRevenue, amp('track', 'Product Purchased', MONOPOLY), amp('track', 'Product Purchased', UNO)],
    `${SRC} orderCompleted(): order without products, one Revenue (Purchase), then Product Purchased per product with its own keys`,
  ],
}

type Row = [name: string, msg: SegmentEvent, settings: AmplitudeSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), S, ...(ECOMMERCE_CALLS[event] ?? [[amp('track', event, ECOMMERCE[event])], `${SRC} logEvent(): logEvent(event, properties)`])]),
  [
    'Order Completed, trackRevenuePerProduct: a Revenue before each Product Purchased, carrying the order revenue',
    track('Order Completed', ORDER),
    { ...S, trackRevenuePerProduct: true },
    [
      amp('track', 'Order Completed', ORDER_ONLY),
      revenue([['setPrice', 19], ['setQuantity', 1], ['setEventProperties', { ...MONOPOLY, revenue: 22.5 }], ['setRevenueType', 'Purchase'], ['setProductId', MONOPOLY.product_id]]),
      amp('track', 'Product Purchased', { ...MONOPOLY, revenue: 22.5 }),
      revenue([['setPrice', 3], ['setQuantity', 2], ['setEventProperties', { ...UNO, revenue: 22.5 }], ['setRevenueType', 'Purchase'], ['setProductId', UNO.product_id]]),
      amp('track', 'Product Purchased', { ...UNO, revenue: 22.5 }),
    ],
    `${SRC} orderCompleted(): trackRevenuePerProduct && price != null && quantity → setRevenue first`,
  ],
  [
    'Order Completed, trackProductsOnce: one event with the listed products',
    track('Order Completed', ORDER),
    { ...S, trackProductsOnce: true },
    [
      amp('track', 'Order Completed', {
        ...ORDER_ONLY,
        products: [
          { productId: MONOPOLY.product_id, sku: MONOPOLY.sku, name: MONOPOLY.name, price: 19, quantity: 1, category: 'Games' },
          { productId: UNO.product_id, sku: UNO.sku, name: UNO.name, price: 3, quantity: 2, category: 'Games' },
        ],
      }),
      revenue([
        ['setPrice', 22.5],
        ['setQuantity', 1],
        ['setEventProperties', { ...ORDER_ONLY, products: [{ productId: MONOPOLY.product_id, sku: MONOPOLY.sku, name: MONOPOLY.name, price: 19, quantity: 1, category: 'Games' }, { productId: UNO.product_id, sku: UNO.sku, name: UNO.name, price: 3, quantity: 2, category: 'Games' }] }],
        ['setRevenueType', 'Purchase'],
      ]),
    ],
    `${SRC} orderCompleted(): trackProductsOnce → mapProductAttributes`,
  ],
  ['Order Completed without products: revenue type Purchase', track('Order Completed', { order_id: 'o-1', total: 9 }), S, [amp('track', 'Order Completed', { order_id: 'o-1', total: 9 }), revenue([['setPrice', 9], ['setQuantity', 1], ['setEventProperties', { order_id: 'o-1', total: 9 }], ['setRevenueType', 'Purchase']])], `${SRC} mapRevenueAttributes(): 'order completed' → Purchase, revenue ← total`],
  [
    'revenue on a custom event: price × quantity, revenue type and product id passed',
    track('Upgraded', { revenue: 30, price: 10, quantity: 3, revenueType: 'Subscription', productId: 'plan-pro' }),
    S,
    [
      amp('track', 'Upgraded', { revenue: 30, price: 10, quantity: 3, revenueType: 'Subscription', productId: 'plan-pro' }),
      revenue([['setPrice', 10], ['setQuantity', 3], ['setEventProperties', { revenue: 30, price: 10, quantity: 3, revenueType: 'Subscription', productId: 'plan-pro' }], ['setRevenueType', 'Subscription'], ['setProductId', 'plan-pro']]),
    ],
    `${SRC} setRevenue(): Revenue().setPrice().setQuantity().setEventProperties(), then type and product id`,
  ],
  [
    'per-call session id and groups; appended message fields; device id from anonymousId',
    track('Clicked', { a: 1 }, { integrations: { Amplitude: { session_id: '1700000000000', groups: { company: 'Acme' } } } }),
    { ...S, appendFieldsToEventProps: { 'context.page.title': 'pageTitle' }, preferAnonymousIdForDeviceId: true },
    [amp('setDeviceId', ANON), amp('track', 'Clicked', { a: 1, pageTitle: 'Install' }, { session_id: 1700000000000, groups: { company: 'Acme' } })],
    `${SRC} logEvent(): appendFieldsToEventProps, logEventWithGroups; setDeviceIdFromAnonymousId()`,
  ],
  [
    'mapQueryParams on track: event property, or a user property set first',
    track('Clicked', { a: 1 }),
    { ...S, mapQueryParams: { q: 'event_properties', campaign: 'user_properties' } },
    [identifyObj([['set', 'campaign', '?x=1']]), amp('track', 'Clicked', { a: 1, q: '?x=1' })],
    `${SRC} logEvent(): mapQueryParams → props[key] or setUserProperties(params), before the event`,
  ],
  ['non-ASCII event names kept', track('Añadir al carrito', { sku: 'x' }), S, [amp('track', 'Añadir al carrito', { sku: 'x' })], `${SRC} logEvent(): track.event() as given`],
  ['カートに追加', track('カートに追加'), S, [amp('track', 'カートに追加', {})], `${SRC} logEvent(): track.event() as given`],
  ['Dates reach the SDK as given', track('Booked', { at: new Date('2026-01-02T00:00:00Z') }), S, [amp('track', 'Booked', { at: new Date('2026-01-02T00:00:00Z') })], `${SRC} logEvent(): properties as they are`],
  ['page with category and name: categorized, then named (the defaults)', page('Docs', 'Index'), S, [amp('track', 'Viewed Docs Page', DOCS_INDEX), amp('track', 'Viewed Docs Index Page', DOCS_INDEX)], `${SRC} page(): trackCategorizedPages and trackNamedPages default on; named uses page.fullName()`],
  ['page without category: named only', page(undefined, 'Pricing'), S, [amp('track', 'Viewed Pricing Page', { ...PAGE, name: 'Pricing' })], `${SRC} page(): categorized needs a category`],
  ['page, all pages only', page('Docs', 'Index'), { ...S, trackAllPages: true, trackNamedPages: false, trackCategorizedPages: false }, [amp('track', 'Loaded a Page', DOCS_INDEX)], `${SRC} page(): trackAllPages → page.track()`],
  [
    'page with trackReferrer: referrer user properties first',
    page('Docs', 'Index'),
    { ...S, trackReferrer: true, trackNamedPages: false },
    [
      identifyObj([['setOnce', 'initial_referrer', 'https://www.google.com/'], ['set', 'referrer', 'https://www.google.com/'], ['setOnce', 'initial_referring_domain', 'www.google.com'], ['set', 'referring_domain', 'www.google.com']]),
      amp('track', 'Viewed Docs Page', DOCS_INDEX),
    ],
    `${SRC} sendReferrer(): when trackReferrer and not useAmplitudeReferral`,
  ],
  ['page with useAmplitudeReferral: the SDK tracks the referrer', page('Docs'), { ...S, trackReferrer: true, useAmplitudeReferral: true }, [amp('track', 'Viewed Docs Page', { ...PAGE, category: 'Docs' })], `${SRC} page(): no sendReferrer() with useAmplitudeReferral`],
  [
    'identify: setUserId, then one Identify of every trait (and id): add / setOnce / set; groups option',
    identify('user-42', { plan: 'pro', logins: 1, firstSeen: '2020' }, { integrations: { Amplitude: { groups: { org: 'Acme' } } } }),
    { ...S, traitsToIncrement: ['logins'], traitsToSetOnce: ['firstSeen'] },
    [amp('setUserId', 'user-42'), identifyObj([['set', 'plan', 'pro'], ['add', 'logins', 1], ['setOnce', 'firstSeen', '2020'], ['set', 'id', 'user-42']]), amp('setGroup', 'org', 'Acme')],
    `${SRC} identify(): setUserId, setTraits(identify.traits()) (the facade adds id), setGroup per option`,
  ],
  ['identify with mapQueryParams: the query string as each mapped trait', identify(null, { plan: 'pro' }), { ...S, mapQueryParams: { landing_query: 'user_properties' } }, [identifyObj([['set', 'plan', 'pro'], ['set', 'landing_query', '?x=1']])], `${SRC} identify(): traits[key] = context.page.search`],
  ['group: "[Segment] Group" with the group id', group('g-1', { name: 'Acme' }), S, [amp('setGroup', '[Segment] Group', 'g-1')], `${SRC} group(): setGroup('[Segment] Group', groupId)`],
  ['group: type and value from the configured traits', group('g-1', { kind: 'company', org: 'Acme' }), { ...S, groupTypeTrait: 'kind', groupValueTrait: 'org' }, [amp('setGroup', 'company', 'Acme')], `${SRC} group(): groupTypeTrait / groupValueTrait`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${SRC}: no alias()`],
]

describe('Amplitude: golden table (Segment classic Amplitude)', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^analytics\.js-integrations amplitude/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('Switchboard extension: traitsToAppend / traitsToPrepend', () => {
    expect(translate(identify(null, { tags: 'x', recent: 'y' }), { ...S, traitsToAppend: ['tags'], traitsToPrepend: ['recent'] })).toEqual([identifyObj([['append', 'tags', 'x'], ['prepend', 'recent', 'y']])])
  })

  it('init: page views from page(), no session events unless asked, attribution, minIdLength, device id from the URL', () => {
    const autocapture = { pageViews: false, sessions: false, attribution: true, formInteractions: false, fileDownloads: false, elementInteractions: false, pageUrlEnrichment: false, webVitals: false, frustrationInteractions: false, networkTracking: false }
    expect(initCalls(S, null, ANON)).toEqual([amp('init', 'amp-key', { autocapture })])
    const s: AmplitudeSettings = { ...S, batchEvents: true, eventUploadThreshold: 10, versionName: '1.2', preferAnonymousIdForDeviceId: true, trackUtmProperties: false, minIdLength: 1, trackSessionEvents: true }
    expect(initCalls(s, 'user-42', ANON)).toEqual([
      amp('init', 'amp-key', 'user-42', { flushQueueSize: 10, flushIntervalMillis: 30000, deviceId: ANON, appVersion: '1.2', minIdLength: 1, autocapture: { ...autocapture, sessions: true, attribution: false } }),
    ])
    expect((initCalls({ ...S, deviceIdFromUrlParam: true }, null, ANON, '?a=1&amp_device_id=dev%2D9')[0].args[1] as any).deviceId).toBe('dev-9')
    expect((initCalls(S, null, ANON, '?amp_device_id=dev-9')[0].args[1] as any).deviceId).toBeUndefined()
    expect((initCalls({ ...S, trackUtmProperties: false, useAmplitudeReferral: true }, null, ANON)[0].args[1] as any).autocapture.attribution).toBe(true)
  })

  it('the SDK is the current Browser SDK 2 release from Amplitude’s CDN', () => {
    expect(AMPLITUDE_SDK_URL).toBe('https://cdn.amplitude.com/libs/analytics-browser-2.48.1-min.js.gz')
  })

  it('reset (Switchboard: clears the user id, new device id)', () => {
    expect(resetCalls()).toEqual([amp('reset')])
  })
})
