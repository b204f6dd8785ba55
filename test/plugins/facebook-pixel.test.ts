// Golden table: spec message → the exact fbq calls Segment's classic Facebook Pixel integration
// makes (analytics.js-integrations, integrations/facebook-pixel/lib/index.js), with a source note.
import { describe, expect, it } from 'vitest'
import { dataProcessingOptions, initCalls, payload, resetCalls, translate } from '../../plugins/facebook-pixel/translate'
import { advancedMatching } from '../../plugins/facebook-pixel/matching'
import type { FbSettings } from '../../plugins/facebook-pixel/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, MESSAGE_ID, MONOPOLY, UNO, alias, group, identify, page, track } from './fixtures'

const PIXEL = '1234567890'
const S: FbSettings = { pixelId: PIXEL }
const fbq = (...args: unknown[]): VendorCall => ({ fn: 'fbq', args })
const opts = { eventID: MESSAGE_ID }
const std = (event: string, params: Record<string, unknown>) => [fbq('trackSingle', PIXEL, event, params, opts)]
const custom = (event: string, params: Record<string, unknown>) => [fbq('trackSingleCustom', PIXEL, event, params, opts)]
const viewed = {
  content_ids: ['507f1f77bcf86cd799439011'],
  content_type: ['product'],
  content_name: 'Monopoly: 3rd Edition',
  content_category: 'Games',
  currency: 'usd',
  value: '18.99',
  contents: [{ id: '507f1f77bcf86cd799439011', quantity: 1, item_price: 18.99 }],
}
const both = [
  { id: MONOPOLY.product_id, quantity: 1, item_price: 19 },
  { id: UNO.product_id, quantity: 2, item_price: 3 },
]

const SRC = 'analytics.js-integrations facebook-pixel'
/** Where each built-in event's call comes from; every other event is a custom event. */
const NOTES: Record<string, string> = {
  'Products Searched': `${SRC} productsSearched(): Search { search_string }`,
  'Product List Viewed': `${SRC} productListViewed(): ViewContent with product ids and contents`,
  'Product Viewed': `${SRC} productViewed(): ViewContent, currency as given, value from value`,
  'Product Added': `${SRC} productAdded(): AddToCart, value '0.00' without a value property`,
  'Checkout Started': `${SRC} checkoutStarted(): InitiateCheckout, value ← revenue, category of the first product`,
  'Order Completed': `${SRC} orderCompleted(): Purchase, value ← revenue, num_items`,
}
const CUSTOM_NOTE = `${SRC} track(): unmapped → trackSingleCustom(pixelId, event, payload, { eventID }), revenue → value`

/** Every E-commerce v2 event → the exact fbq call with default settings. */
const ECOMMERCE_CALLS: Record<string, VendorCall[]> = {
  'Products Searched': std('Search', { search_string: 'blue hotpants' }),
  'Product List Viewed': std('ViewContent', { content_ids: ['p1', 'p2'], contents: [{ id: 'p1', quantity: 1 }, { id: 'p2', quantity: 1 }], content_type: ['product'] }),
  'Product List Filtered': custom('Product List Filtered', ECOMMERCE['Product List Filtered']),
  'Promotion Viewed': custom('Promotion Viewed', ECOMMERCE['Promotion Viewed']),
  'Promotion Clicked': custom('Promotion Clicked', ECOMMERCE['Promotion Clicked']),
  'Product Clicked': custom('Product Clicked', ECOMMERCE['Product Clicked']),
  'Product Viewed': std('ViewContent', viewed),
  'Product Added': std('AddToCart', {
    content_ids: ['p2'],
    content_type: ['product'],
    content_name: 'Uno',
    content_category: '',
    currency: 'USD',
    value: '0.00',
    contents: [{ id: 'p2', quantity: 2, item_price: 3 }],
  }),
  'Product Removed': custom('Product Removed', ECOMMERCE['Product Removed']),
  'Cart Viewed': custom('Cart Viewed', ECOMMERCE['Cart Viewed']),
  'Checkout Started': std('InitiateCheckout', {
    content_category: 'Games',
    content_ids: [MONOPOLY.product_id, UNO.product_id],
    contents: both,
    content_type: ['product'],
    currency: 'usd',
    num_items: 2,
    value: '25.00',
  }),
  'Checkout Step Viewed': custom('Checkout Step Viewed', ECOMMERCE['Checkout Step Viewed']),
  'Checkout Step Completed': custom('Checkout Step Completed', ECOMMERCE['Checkout Step Completed']),
  'Payment Info Entered': custom('Payment Info Entered', ECOMMERCE['Payment Info Entered']),
  'Order Updated': custom('Order Updated', { order_id: 'o-1', total: 30, value: '25.00', currency: 'USD', products: [UNO] }),
  'Order Completed': std('Purchase', {
    content_ids: [MONOPOLY.product_id, UNO.product_id],
    contents: both,
    content_type: ['product'],
    currency: 'USD',
    value: '22.50',
    num_items: 2,
  }),
  'Order Refunded': custom('Order Refunded', ECOMMERCE['Order Refunded']),
  'Order Cancelled': custom('Order Cancelled', { order_id: 'o-1', total: 30, value: '25.00', currency: 'USD', products: [UNO] }),
  'Coupon Entered': custom('Coupon Entered', ECOMMERCE['Coupon Entered']),
  'Coupon Applied': custom('Coupon Applied', ECOMMERCE['Coupon Applied']),
  'Coupon Denied': custom('Coupon Denied', ECOMMERCE['Coupon Denied']),
  'Coupon Removed': custom('Coupon Removed', ECOMMERCE['Coupon Removed']),
  'Product Added to Wishlist': custom('Product Added to Wishlist', ECOMMERCE['Product Added to Wishlist']),
  'Product Removed from Wishlist': custom('Product Removed from Wishlist', ECOMMERCE['Product Removed from Wishlist']),
  'Wishlist Product Added to Cart': custom('Wishlist Product Added to Cart', ECOMMERCE['Wishlist Product Added to Cart']),
  'Product Shared': custom('Product Shared', ECOMMERCE['Product Shared']),
  'Cart Shared': custom('Cart Shared', ECOMMERCE['Cart Shared']),
  'Product Reviewed': custom('Product Reviewed', ECOMMERCE['Product Reviewed']),
}


type Row = [name: string, msg: SegmentEvent, settings: FbSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), S, ECOMMERCE_CALLS[event], NOTES[event] ?? CUSTOM_NOTE]),
  ['page with category and name → PageView with the messageId as eventID', page('Docs', 'Index'), S, [fbq('track', 'PageView', {}, opts)], `${SRC} page(): fbq('track', 'PageView', {}, { eventID: messageId })`],
  ['page without category → the same PageView', page(undefined, 'Pricing'), S, [fbq('track', 'PageView', {}, opts)], `${SRC} page(): page name and properties are not sent`],
  ['identify → nothing (matching data is given at init)', identify('user-42', { email: 'jane@x.io' }), S, [], `${SRC}: no identify()`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${SRC}: no group()`],
  ['alias → nothing', alias('user-42', 'anon-1'), S, [], `${SRC}: no alias()`],
  ['non-ASCII custom event names kept', track('Añadir al carrito', { sku: 'x' }), S, custom('Añadir al carrito', { sku: 'x' }), `${SRC} track(): track.event() as given`],
  ['カートに追加', track('カートに追加'), S, custom('カートに追加', {}), `${SRC} track(): track.event() as given`],
  [
    'Order Completed without revenue: value ← total; currency as given',
    track('Order Completed', { order_id: 'o', total: 10, currency: 'eur', products: [{ sku: 'S1' }] }),
    S,
    std('Purchase', { content_ids: ['S1'], contents: [{ id: 'S1', quantity: 1 }], content_type: ['product'], currency: 'eur', value: '10.00', num_items: 1 }),
    `${SRC} orderCompleted(): formatRevenue(track.revenue()) (total for Order Completed), track.currency()`,
  ],
  [
    'standardEvents, one-to-many',
    track('Signed Up', { method: 'google' }),
    { ...S, standardEvents: [{ key: 'Signed Up', value: 'CompleteRegistration' }, { key: 'Signed Up', value: 'Lead' }] },
    [fbq('trackSingle', PIXEL, 'CompleteRegistration', { method: 'google' }, opts), fbq('trackSingle', PIXEL, 'Lead', { method: 'google' }, opts)],
    `${SRC} track(): each mapped standard event gets the full payload`,
  ],
  ['standardEvents → Purchase gets a currency; revenue becomes value', track('Subscribed', { revenue: 9.5, plan: 'pro' }), { ...S, standardEvents: { Subscribed: 'Purchase' } }, std('Purchase', { plan: 'pro', value: '9.50', currency: 'USD' }), `${SRC} track(): Purchase → payload.currency = track.currency()`],
  ['standardEvents → AddPaymentInfo', track('Payment Info Entered', { payment_method: 'Visa' }), { ...S, standardEvents: { 'Payment Info Entered': 'AddPaymentInfo' } }, std('AddPaymentInfo', { payment_method: 'Visa' }), `${SRC} track(): standard mapping, full payload`],
  [
    'legacyEvents: trackSingle with the mapped id, currency and value only',
    track('Bought Plan', { revenue: 5 }),
    { ...S, legacyEvents: { 'Bought Plan': '600123' } },
    [fbq('trackSingle', PIXEL, '600123', { currency: 'USD', value: '5.00' }, opts)],
    `${SRC} track(): legacy → trackSingle(pixelId, event, { currency, value }, { eventID })`,
  ],
  [
    'legacyEvents on a built-in event fall through after it',
    track('Order Completed', { order_id: 'o', revenue: 7, products: [] }),
    { ...S, legacyEvents: { 'Order Completed': '600999' } },
    [
      fbq('trackSingle', PIXEL, 'Purchase', { content_ids: [], contents: [], content_type: ['product'], currency: 'USD', value: '7.00', num_items: 0 }, opts),
      fbq('trackSingle', PIXEL, '600999', { currency: 'USD', value: '7.00' }, opts),
    ],
    `${SRC} orderCompleted(): "fall through for mapped legacy conversions"`,
  ],
  [
    'content_type from contentTypes by category (every mapped value)',
    track('Product Viewed', { product_id: 'c1', category: 'Cars', price: 1 }),
    { ...S, contentTypes: { Cars: 'vehicle' } },
    std('ViewContent', { content_ids: ['c1'], content_type: ['vehicle'], content_name: '', content_category: 'Cars', currency: 'USD', value: '0.00', contents: [{ id: 'c1', quantity: 1, item_price: 1 }] }),
    `${SRC} getContentType(): contentTypes(category)`,
  ],
  [
    'content_type from the per-call option',
    track('Product Viewed', { product_id: 'c1', category: 'Cars' }, { integrations: { 'Facebook Pixel': { contentType: 'hotel' } } }),
    { ...S, contentTypes: { Cars: 'vehicle' } },
    std('ViewContent', { content_ids: ['c1'], content_type: ['hotel'], content_name: '', content_category: 'Cars', currency: 'USD', value: '0.00', contents: [{ id: 'c1', quantity: 1 }] }),
    `${SRC} getContentType(): [options.contentType] first`,
  ],
  ['Product List Viewed without product ids: the category as a product group', track('Product List Viewed', { category: 'Games' }), S, std('ViewContent', { content_ids: ['Games'], contents: [{ id: 'Games', quantity: 1 }], content_type: ['product_group'] }), `${SRC} productListViewed(): legacy behaviour`],
  [
    'Dates: travel dates as YYYY-MM-DD from a Date, an ISO date-time string or a date string',
    track('Searched Hotels', { checkin_date: new Date('2026-05-01T22:00:00Z'), checkoutDate: '2026-05-03T10:00:00.000Z', travelStart: '2026-05-01', booked: new Date('2026-04-01T00:00:00Z') }),
    S,
    custom('Searched Hotels', { checkin_date: '2026-05-01', checkoutDate: '2026-05-03', travelStart: '2026-05-01', booked: new Date('2026-04-01T00:00:00Z') }),
    `${SRC} buildPayload(): dateFields (camel-cased name) given as Date → toISOString().split('T')[0]`,
  ],
  [
    'PII: defaults dropped, allowlisted kept, blocklisted dropped or hashed (strings only) even when allowlisted',
    track('Joined', { email: 'a@b.c', phone: '1', city: 'Paris', secret: 'x', member: 'M-1', number: 7, plan: 'pro' }),
    { ...S, whitelistPiiProperties: ['city', 'secret'], blacklistPiiProperties: [{ propertyName: 'secret', hashProperty: false }, { propertyName: 'member', hashProperty: true }, { propertyName: 'number', hashProperty: true }] },
    custom('Joined', { city: 'Paris', member: { sha256: 'M-1' }, plan: 'pro' }),
    `${SRC} buildPayload(): custom PII checked before the default list; sha256 only for strings`,
  ],
  [
    'standardEventsCustomProperties on built-in events (built fields win)',
    track('Product Viewed', { ...ECOMMERCE['Product Viewed'], price: 20 }),
    { ...S, valueIdentifier: 'price', standardEventsCustomProperties: ['brand', 'currency'] },
    std('ViewContent', { ...viewed, value: '20.00', contents: [{ id: '507f1f77bcf86cd799439011', quantity: 1, item_price: 20 }], brand: 'Hasbro' }),
    `${SRC} productViewed(): merge(built, customProperties); valueIdentifier 'price' → formatRevenue(track.price())`,
  ],
]

describe('Facebook Pixel: golden table (Segment classic Facebook Pixel)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^analytics\.js-integrations facebook-pixel/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('payload: the PII rules in isolation', () => {
    const s: FbSettings = { ...S, whitelistPiiProperties: ['city'], blacklistPiiProperties: [{ propertyName: 'member', hashProperty: true }] }
    expect(payload({ email: 'a@b.c', city: 'Paris', member: 'M-1', plan: 'pro' }, s, false)).toEqual({ city: 'Paris', member: { sha256: 'M-1' }, plan: 'pro' })
  })

  it('Switchboard option: identify re-inits with advanced matching when initWithExistingTraits is on', () => {
    const s = { ...S, initWithExistingTraits: true, userIdAsExternalId: true }
    expect(translate(identify('user-42', { email: 'Jane@Example.com', name: 'Jane Q Doe' }), s)).toEqual([
      fbq('init', PIXEL, { em: 'jane@example.com', fn: 'jane', ln: 'doe', external_id: 'user-42' }),
    ])
  })

  it('advanced matching from stored traits (analytics.js-integrations facebook-pixel formatTraits())', () => {
    const traits = { email: 'J@x.io', firstName: 'Jo', lastName: 'Lee', phone: 15551234567, gender: 'Female', birthday: '1990-02-03', address: { city: 'San Francisco', state: 'CA', postalCode: '94107', country: 'US' }, crmId: 'c-9' }
    expect(advancedMatching(traits, {}, { pixelId: PIXEL, keyForExternalId: 'crmId' })).toEqual({
      em: 'j@x.io',
      fn: 'jo',
      ln: 'lee',
      ph: '15551234567',
      ge: 'f',
      db: '19900203',
      ct: 'sanfrancisco',
      st: 'ca',
      zp: '94107',
      country: 'us',
      external_id: 'c-9',
    })
    // keyForExternalId without that trait falls back to the ids when userIdAsExternalId is on.
    expect(advancedMatching({}, { anonymousId: 'a-1' }, { pixelId: PIXEL, keyForExternalId: 'crmId', userIdAsExternalId: true })).toEqual({ external_id: 'a-1' })
  })

  it('init (analytics.js-integrations facebook-pixel initialize()): autoConfig, LDU or explicitly none, init with matching', () => {
    expect(initCalls(S, { email: 'a@b.c' }, {})).toEqual([fbq('dataProcessingOptions', ['LDU'], 0, 0), fbq('init', PIXEL)])
    const s: FbSettings = { ...S, automaticConfiguration: false, initWithExistingTraits: true }
    expect(initCalls(s, { email: 'a@b.c' }, {}, [['LDU'], 1, 1000])).toEqual([
      fbq('set', 'autoConfig', false, PIXEL),
      fbq('dataProcessingOptions', ['LDU'], 1, 1000),
      fbq('init', PIXEL, { em: 'a@b.c' }),
    ])
    expect(initCalls({ ...S, limitedDataUse: false }, {}, {})).toEqual([fbq('dataProcessingOptions', []), fbq('init', PIXEL)])
    expect(dataProcessingOptions([['LDU'], 'x', 1])).toEqual([['LDU'], 0, 0])
  })

  it('reset re-inits without matching data (Switchboard: Segment never reset the pixel)', () => {
    expect(resetCalls(S)).toEqual([fbq('init', PIXEL)])
  })
})
