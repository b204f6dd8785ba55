// Golden table: spec message → the exact ttq calls Segment's TikTok Pixel (Actions) destination
// makes with its preset mappings (action-destinations,
// packages/browser-destinations/destinations/tiktok-pixel/src/{index.ts,init-script.ts,utils.ts,
// formatter.ts,reportWebEvent/*}), with a source note per row; where Switchboard differs on purpose
// the note says "Switchboard".
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { e164, initCalls, translate, user } from '../../plugins/tiktok-pixel/translate'
import type { TikTokSettings } from '../../plugins/tiktok-pixel/settings'
import { hashMarkers, sha256 } from '../../plugins/shared/hash'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, MESSAGE_ID, MONOPOLY, ORDER, UNO, VIEWED, alias, group, identify, page, track } from './fixtures'

const S: TikTokSettings = { pixelCode: 'C4TEST' }
const SRC = 'action-destinations tiktok-pixel'
const pixel = (method: string, ...args: unknown[]): VendorCall => ({ fn: 'ttq.instance', args: ['C4TEST'], then: { fn: method, args } })
/** Every mapped event identifies first: external_id ← userId ?? anonymousId (hashed). */
const anon = pixel('identify', { external_id: sha256(ANON) })
const ev = (event: string, params: Record<string, unknown>) => [anon, pixel('track', event, { content_type: 'product', currency: 'USD', ...params }, { event_id: MESSAGE_ID })]
const NONE = `${SRC}: no preset subscribes to it`
const item = (p: Record<string, any>) => ({ price: p.price, quantity: p.quantity, content_category: p.category, content_id: p.product_id, content_name: p.name })

/** Every E-commerce v2 event → [the exact ttq calls, where it comes from]. */
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = {
  'Products Searched': [ev('Search', { contents: [], query: 'blue hotpants' }), `${SRC} preset Search: singleProductContents (none here), query ← properties.query`],
  'Product List Viewed': [[], NONE],
  'Product List Filtered': [[], NONE],
  'Promotion Viewed': [[], NONE],
  'Promotion Clicked': [[], NONE],
  'Product Clicked': [ev('ClickButton', { contents: [{ ...item(VIEWED), brand: 'Hasbro' }], currency: 'usd', value: 18.99 }), `${SRC} preset Click Button: contents ← properties (price, quantity, category, product_id, name, brand), currency, value`],
  'Product Viewed': [ev('ViewContent', { contents: [{ ...item(VIEWED), brand: 'Hasbro' }], currency: 'usd', value: 18.99 }), `${SRC} preset View Content: singleProductContents`],
  'Product Added': [ev('AddToCart', { contents: [{ price: 3, quantity: 2, content_id: 'p2', content_name: 'Uno' }] }), `${SRC} preset Add to Cart: singleProductContents, currency defaults to USD`],
  'Product Removed': [[], NONE],
  'Cart Viewed': [[], NONE],
  'Checkout Started': [ev('InitiateCheckout', { contents: [item(MONOPOLY), item(UNO)], currency: 'usd', value: 30, order_id: 'o-1' }), `${SRC} preset Initiate Checkout: multiProductContents, value ← value ?? revenue, order_id`],
  'Checkout Step Viewed': [[], NONE],
  'Checkout Step Completed': [[], NONE],
  'Payment Info Entered': [ev('AddPaymentInfo', { contents: [], order_id: 'o-1' }), `${SRC} preset Add Payment Info: multiProductContents (no products here)`],
  'Order Updated': [[], NONE],
  'Order Completed': [ev('CompletePayment', { contents: [item(MONOPOLY), item(UNO)], value: 22.5, order_id: ORDER.order_id }), `${SRC} preset Complete Payment: multiProductContents, value ← revenue (no value property), currency, order_id`],
  'Order Refunded': [[], NONE],
  'Order Cancelled': [[], NONE],
  'Coupon Entered': [[], NONE],
  'Coupon Applied': [[], NONE],
  'Coupon Denied': [[], NONE],
  'Coupon Removed': [[], NONE],
  'Product Added to Wishlist': [ev('AddToWishlist', { contents: [{ price: 19, quantity: 1, content_id: 'p1', content_name: 'Monopoly' }] }), `${SRC} preset Add to Wishlist: singleProductContents`],
  'Product Removed from Wishlist': [[], NONE],
  'Wishlist Product Added to Cart': [[], NONE],
  'Product Shared': [[], NONE],
  'Cart Shared': [[], NONE],
  'Product Reviewed': [[], NONE],
}

type Row = [name: string, msg: SegmentEvent, settings: TikTokSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), S, ...ECOMMERCE_CALLS[event]]),
  ['page → Pageview, nothing but the event name mapped', page('Docs', 'Index'), S, [pixel('track', 'Pageview', { contents: [], currency: 'USD' }, { event_id: '' })], `${SRC} preset Page View: mapping { event: 'Pageview' }; getAllProperties fills contents [] and currency USD`],
  ['Order Placed → PlaceAnOrder', track('Order Placed', { order_id: 'o-3', products: [UNO], currency: 'EUR', value: 6 }), S, ev('PlaceAnOrder', { contents: [item(UNO)], currency: 'EUR', value: 6, order_id: 'o-3' }), `${SRC} preset Place an Order: multiProductContents`],
  ['Signed Up → CompleteRegistration (no contents)', track('Signed Up', { method: 'google' }), S, ev('CompleteRegistration', { contents: [] }), `${SRC} preset Complete Registration`],
  ['Callback Started → Contact', track('Callback Started'), S, ev('Contact', { contents: [] }), `${SRC} preset Contact`],
  ['Subscription Created → Subscribe', track('Subscription Created', { value: '9.99' }), S, ev('Subscribe', { contents: [], value: 9.99 }), `${SRC} preset Subscribe: value is a number field`],
  ['Form Submitted → SubmitForm', track('Form Submitted'), S, ev('SubmitForm', { contents: [] }), `${SRC} preset Submit Form`],
  ['Download Link Clicked → Download', track('Download Link Clicked'), S, ev('Download', { contents: [] }), `${SRC} preset Download`],
  ['Search with search_string, content_ids, num_items, shop_id', track('Products Searched', { query: 'q', search_string: 'blue', content_ids: ['a'], num_items: 2, shop_id: 's-1' }), S, ev('Search', { contents: [], query: 'q', search_string: 'blue', content_ids: ['a'], num_items: 2, shop_id: 's-1' }), `${SRC} reportWebEvent fields: search_string only for Search`],
  ['search_string is for Search only', track('Product Added', { search_string: 'blue' }), S, ev('AddToCart', { contents: [] }), `${SRC} reportWebEvent fields: search_string depends on event = Search; Switchboard: a product entry with no fields is left out (Segment: {})`],
  ['other event names (and v1 names) → nothing', track('Completed Order', ORDER), S, [], `${SRC}: presets subscribe to exact v2 names`],
  [
    'match keys from properties, else context.traits; the user id as external id; email, phone and id hashed',
    track('Product Added', { product_id: 'p1', email: ' Jane.Doe@Example.com ', phone: '+1 (555) 123-4567' }, { userId: 'user-42', context: { traits: { first_name: 'Mary Ann', last_name: 'Doe', address: { city: 'New York', state: 'NY', country: 'U.S.', postal_code: '10001 ' } } } }),
    S,
    [
      pixel('identify', { email: sha256('jane.doe@example.com'), phone_number: sha256('+15551234567'), external_id: sha256('user-42'), first_name: 'maryann', last_name: 'doe', city: 'newyork', state: 'ny', country: 'us', zip_code: '10001' }),
      pixel('track', 'AddToCart', { contents: [{ content_id: 'p1' }], content_type: 'product', currency: 'USD' }, { event_id: MESSAGE_ID }),
    ],
    `${SRC} reportWebEvent: identify(getUser(payload)) before track; formatter: names without spaces, lower-cased, address letters and digits only, phone E.164; Switchboard: email, phone and external id sent as SHA-256 (TikTok hashes them itself otherwise), empty keys left out`,
  ],
  ['identify → nothing', identify('user-42', { email: 'jane@example.com', phone: '+15551234567' }), S, [], `${SRC}: the Identify action is not a preset`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], NONE],
  ['alias → nothing', alias('user-42', 'anon'), S, [], NONE],
]

describe('TikTok Pixel: golden table (Segment TikTok Pixel)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(action-destinations tiktok-pixel|Switchboard)/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it(`load (${SRC} init-script): ttq.load with Limited Data Use, then the pixel's page() unless autoPageView is off`, () => {
    expect(initCalls(S)).toEqual([{ fn: 'ttq.load', args: ['C4TEST', { limited_data_use: false }] }, pixel('page')])
    expect(initCalls({ ...S, ldu: true, autoPageView: false })).toEqual([{ fn: 'ttq.load', args: ['C4TEST', { limited_data_use: true }] }])
  })

  it('hashMarkers replaces the match keys with their SHA-256 hex digests, inside the chained call', async () => {
    const hex = (t: string) => createHash('sha256').update(t).digest('hex')
    const [identifyCall] = await hashMarkers(translate(track('Product Added', { email: 'Jane@Example.com' }, { userId: 'u-1' }), S))
    expect(identifyCall.then!.args[0]).toEqual({ email: hex('jane@example.com'), external_id: hex('u-1') })
  })

  it('phone numbers as Segment formats them: + and digits, at most 15 characters; lists give their first value', () => {
    expect(e164('0049 (30) 1234-5678')).toBe('+00493012345678')
    expect(e164('1234567890123456789')).toBe('+12345678901234')
    expect(e164('n/a')).toBe('')
    expect(user({ email: ['a@b.c', 'x@y.z'], externalId: ['id-1'] })).toEqual({ email: sha256('a@b.c'), external_id: sha256('id-1') })
  })
})
