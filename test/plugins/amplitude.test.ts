import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, translate } from '../../plugins/amplitude/translate'
import type { AmplitudeSettings } from '../../plugins/amplitude/settings'
import type { Construct, VendorCall } from '../../plugins/shared/vendor-call'
import { ANON, ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: AmplitudeSettings = { apiKey: 'amp-key' }
const amp = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'amplitude.' + fn, args })
const revenue = (ops: Construct['ops']): Construct => ({ ctor: 'amplitude.Revenue', ops })
const identifyObj = (ops: Construct['ops']): Construct => ({ ctor: 'amplitude.Identify', ops })
const PAGE_PROPS = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1', name: 'Install', category: 'Docs' }
const { products: _products, ...ORDER_ONLY } = ORDER
const monopoly = { sku: MONOPOLY.sku, name: MONOPOLY.name, price: 19, quantity: 1, category: 'Games', url: MONOPOLY.url, image_url: MONOPOLY.image_url, productId: MONOPOLY.product_id }
const uno = { sku: UNO.sku, name: UNO.name, price: 3, quantity: 2, category: 'Games', productId: UNO.product_id }
const orderRevenue = revenue([['setPrice', 22.5], ['setQuantity', 1], ['setRevenueType', 'Purchase'], ['setCurrency', 'USD'], ['setEventProperties', ORDER_ONLY]])

/** Events whose properties carry a revenue: tracked plus one Revenue. */
const WITH_REVENUE: Record<string, VendorCall[]> = {
  'Checkout Started': [
    amp('track', 'Checkout Started', ECOMMERCE['Checkout Started']),
    amp('revenue', revenue([['setPrice', 25], ['setQuantity', 1], ['setCurrency', 'USD'], ['setEventProperties', ECOMMERCE['Checkout Started']]])),
  ],
  'Order Updated': [
    amp('track', 'Order Updated', ECOMMERCE['Order Updated']),
    amp('revenue', revenue([['setPrice', 25], ['setQuantity', 1], ['setCurrency', 'USD'], ['setEventProperties', ECOMMERCE['Order Updated']]])),
  ],
  'Order Cancelled': [
    amp('track', 'Order Cancelled', ECOMMERCE['Order Cancelled']),
    amp('revenue', revenue([['setPrice', 25], ['setQuantity', 1], ['setCurrency', 'USD'], ['setEventProperties', ECOMMERCE['Order Cancelled']]])),
  ],
  'Order Completed': [
    amp('track', 'Order Completed', ORDER_ONLY),
    amp('revenue', orderRevenue),
    amp('track', 'Product Purchased', monopoly),
    amp('track', 'Product Purchased', uno),
  ],
}

describe('Amplitude: translate', () => {
  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    const expected = WITH_REVENUE[event] ?? [amp('track', event, ECOMMERCE[event])]
    expect(translate(track(event, ECOMMERCE[event]), S)).toEqual(expected)
  })

  it('Order Completed with trackRevenuePerProduct: one Revenue per product', () => {
    expect(translate(track('Order Completed', ORDER), { ...S, trackRevenuePerProduct: true })).toEqual([
      amp('track', 'Order Completed', ORDER_ONLY),
      amp('track', 'Product Purchased', monopoly),
      amp('revenue', revenue([['setPrice', 19], ['setQuantity', 1], ['setProductId', MONOPOLY.product_id], ['setRevenueType', 'Purchase'], ['setEventProperties', MONOPOLY]])),
      amp('track', 'Product Purchased', uno),
      amp('revenue', revenue([['setPrice', 3], ['setQuantity', 2], ['setProductId', UNO.product_id], ['setRevenueType', 'Purchase'], ['setEventProperties', UNO]])),
    ])
  })

  it('Order Completed with trackProductsOnce: one event carrying the mapped products', () => {
    expect(translate(track('Order Completed', ORDER), { ...S, trackProductsOnce: true })).toEqual([
      amp('track', 'Order Completed', { ...ORDER_ONLY, products: [monopoly, uno] }),
      amp('revenue', orderRevenue),
    ])
  })

  it('revenue on a custom event: price × quantity when a price is given, revenue type passed', () => {
    const props = { revenue: 30, price: 10, quantity: 3, revenueType: 'Subscription' }
    expect(translate(track('Upgraded', props), S)).toEqual([
      amp('track', 'Upgraded', props),
      amp('revenue', revenue([['setPrice', 10], ['setQuantity', 3], ['setRevenueType', 'Subscription'], ['setEventProperties', props]])),
    ])
  })

  it('per-call session id and groups; appended message fields; device id from anonymousId', () => {
    const s: AmplitudeSettings = { ...S, appendFieldsToEventProps: { 'context.page.title': 'pageTitle' }, preferAnonymousIdForDeviceId: true }
    const msg = track('Clicked', { a: 1 }, { integrations: { Amplitude: { session_id: '1700000000000', groups: { company: 'Acme' } } } })
    expect(translate(msg, s)).toEqual([
      amp('setDeviceId', ANON),
      amp('track', 'Clicked', { a: 1, pageTitle: 'Install' }, { session_id: 1700000000000, groups: { company: 'Acme' } }),
    ])
  })

  it.each<[string, AmplitudeSettings, VendorCall[]]>([
    ['defaults: named and categorized', S, [amp('track', 'Viewed Docs Page', PAGE_PROPS), amp('track', 'Viewed Docs Install Page', PAGE_PROPS)]],
    ['all pages only', { ...S, trackAllPages: true, trackNamedPages: false, trackCategorizedPages: false }, [amp('track', 'Loaded a Page', PAGE_PROPS)]],
    ['all off', { ...S, trackNamedPages: false, trackCategorizedPages: false }, []],
  ])('page: %s', (_name, s, calls) => {
    expect(translate(page('Docs', 'Install'), s)).toEqual(calls)
  })

  it('identify: setUserId then one Identify with set / add / setOnce / append / prepend; groups option', () => {
    const s: AmplitudeSettings = { ...S, traitsToIncrement: ['logins'], traitsToSetOnce: ['firstSeen'], traitsToAppend: ['tags'], traitsToPrepend: ['recent'] }
    const msg = identify('user-42', { plan: 'pro', logins: 1, firstSeen: '2020', tags: 'x', recent: 'y' }, { integrations: { Amplitude: { groups: { org: 'Acme' } } } })
    expect(translate(msg, s)).toEqual([
      amp('setUserId', 'user-42'),
      amp('identify', identifyObj([['set', 'plan', 'pro'], ['add', 'logins', 1], ['setOnce', 'firstSeen', '2020'], ['append', 'tags', 'x'], ['prepend', 'recent', 'y']])),
      amp('setGroup', 'org', 'Acme'),
    ])
    expect(translate(identify(null, {}), S)).toEqual([])
  })

  it('group: type/value traits when configured, else "[Segment] Group"; traits as group properties', () => {
    expect(translate(group('g-1', { name: 'Acme' }), S)).toEqual([
      amp('setGroup', '[Segment] Group', 'g-1'),
      amp('groupIdentify', '[Segment] Group', 'g-1', identifyObj([['set', 'name', 'Acme']])),
    ])
    const s = { ...S, groupTypeTrait: 'kind', groupValueTrait: 'org' }
    expect(translate(group('g-1', { kind: 'company', org: 'Acme' }), s)).toEqual([
      amp('setGroup', 'company', 'Acme'),
      amp('groupIdentify', 'company', 'Acme', identifyObj([['set', 'kind', 'company'], ['set', 'org', 'Acme']])),
    ])
  })

  it('alias is not supported in the browser', () => {
    expect(translate(alias('user-42', 'anon'), S)).toEqual([])
  })

  it('init: page-view autocapture off; batching, version, user and device ids', () => {
    const autocapture = { pageViews: false, sessions: true, attribution: true, formInteractions: false, fileDownloads: false }
    expect(initCalls(S, null, ANON)).toEqual([amp('init', 'amp-key', { autocapture })])
    const s: AmplitudeSettings = { ...S, batchEvents: true, eventUploadThreshold: 10, versionName: '1.2', preferAnonymousIdForDeviceId: true, trackUtmProperties: false, trackReferrer: false }
    expect(initCalls(s, 'user-42', ANON)).toEqual([
      amp('init', 'amp-key', 'user-42', { flushQueueSize: 10, flushIntervalMillis: 30000, deviceId: ANON, appVersion: '1.2', autocapture: { ...autocapture, attribution: false } }),
    ])
  })

  it('reset', () => {
    expect(resetCalls()).toEqual([amp('reset')])
  })
})
