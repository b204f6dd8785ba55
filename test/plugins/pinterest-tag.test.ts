// Golden table: spec message → the exact pintrk calls Segment's Pinterest Tag destination makes
// (analytics.js-integrations integrations/pinterest-tag/lib/index.js and test/index.test.js), with
// a source note per row; where Switchboard differs on purpose the note says "Switchboard".
import { describe, expect, it } from 'vitest'
import { initCalls, pinterestEvent, translate } from '../../plugins/pinterest-tag/translate'
import type { PinterestSettings } from '../../plugins/pinterest-tag/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, MESSAGE_ID, alias, group, identify, page, track } from './fixtures'

const SRC = 'analytics.js-integrations pinterest-tag'
const S: PinterestSettings = { tid: '2620795819800' }
const pintrk = (...args: unknown[]): VendorCall => ({ fn: 'pintrk', args })
const ev = (name: string, props: Record<string, unknown>) => [pintrk('track', name, props)]

// Line items: name → product_name, product_id then sku → product_id (sku wins), category, variant, price, quantity, brand.
const MONOPOLY = { product_name: 'Monopoly: 3rd Edition', product_id: '45790-32', product_category: 'Games', product_price: 19, product_quantity: 1 }
const UNO = { product_name: 'Uno Card Game', product_id: '46493-32', product_category: 'Games', product_price: 3, product_quantity: 2 }
const LISTED = [
  { product_name: 'Monopoly', product_id: 'p1', product_category: 'Games', product_price: 19 },
  { product_name: 'Uno', product_id: 'p2', product_category: 'Games', product_price: 3 },
]
const VIEWED = { product_name: 'Monopoly: 3rd Edition', product_id: 'G-32', product_category: 'Games', product_variant: '200 pieces', product_price: 18.99, product_quantity: 1, product_brand: 'Hasbro' }
const AS_IS = `${SRC} track: unmapped events keep their name; query, order_id, coupon, value, currency when truthy; line_items from products or the top-level product`
const ORDER_ONLY = `${SRC} generatePropertiesObject: only order_id of the propertyMap is set`

/** Every E-commerce v2 event → [the exact pintrk calls, where it comes from]. */
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = {
  'Products Searched': [ev('Search', { search_query: 'blue hotpants' }), `${SRC} getPinterestEvent: productsSearched → Search; query → search_query`],
  'Product List Viewed': [ev('Product List Viewed', { line_items: LISTED }), AS_IS],
  'Product List Filtered': [ev('Search', { line_items: LISTED }), `${SRC} getPinterestEvent: productListFiltered → Search`],
  'Promotion Viewed': [ev('Promotion Viewed', { line_items: [{ product_name: '75% store-wide shoe sale' }] }), `${AS_IS} (the promotion's name is read as a product name)`],
  'Promotion Clicked': [ev('Promotion Clicked', { line_items: [{ product_name: '75% store-wide shoe sale' }] }), AS_IS],
  'Product Clicked': [ev('Product Clicked', { coupon: 'MAYDEALS', value: 18.99, currency: 'usd', line_items: [VIEWED] }), AS_IS],
  'Product Viewed': [ev('Product Viewed', { coupon: 'MAYDEALS', value: 18.99, currency: 'usd', line_items: [VIEWED] }), AS_IS],
  'Product Added': [ev('AddToCart', { line_items: [{ product_name: 'Uno', product_id: 'p2', product_price: 3, product_quantity: 2 }] }), `${SRC} getPinterestEvent: productAdded → AddToCart`],
  'Product Removed': [ev('Product Removed', { line_items: [{ product_name: 'Uno', product_id: 'p2', product_price: 3, product_quantity: 2 }] }), AS_IS],
  'Cart Viewed': [ev('Cart Viewed', { line_items: [MONOPOLY, UNO] }), AS_IS],
  'Checkout Started': [ev('Checkout Started', { order_id: 'o-1', coupon: 'hasbros', value: 30, currency: 'usd', line_items: [MONOPOLY, UNO] }), AS_IS],
  'Checkout Step Viewed': [ev('Checkout Step Viewed', {}), AS_IS],
  'Checkout Step Completed': [ev('Checkout Step Completed', {}), AS_IS],
  'Payment Info Entered': [ev('Payment Info Entered', { order_id: 'o-1' }), ORDER_ONLY],
  'Order Updated': [ev('Order Updated', { order_id: 'o-1', currency: 'USD', line_items: [UNO] }), AS_IS],
  'Order Completed': [ev('Checkout', { order_id: '50314b8e9bcf000000000000', coupon: 'hasbros', currency: 'USD', line_items: [MONOPOLY, UNO] }), `${SRC} getPinterestEvent: orderCompleted → Checkout; value only from properties.value (none here)`],
  'Order Refunded': [ev('Order Refunded', { order_id: '50314b8e9bcf000000000000', currency: 'USD' }), AS_IS],
  'Order Cancelled': [ev('Order Cancelled', { order_id: 'o-1', currency: 'USD', line_items: [UNO] }), AS_IS],
  'Coupon Entered': [ev('Coupon Entered', { order_id: 'o-1' }), ORDER_ONLY],
  'Coupon Applied': [ev('Coupon Applied', { order_id: 'o-1' }), ORDER_ONLY],
  'Coupon Denied': [ev('Coupon Denied', { order_id: 'o-1' }), ORDER_ONLY],
  'Coupon Removed': [ev('Coupon Removed', { order_id: 'o-1' }), ORDER_ONLY],
  'Product Added to Wishlist': [ev('Product Added to Wishlist', { line_items: [{ product_name: 'Monopoly', product_id: 'p1', product_price: 19, product_quantity: 1 }] }), `${AS_IS} (the productAdded pattern ends at "Added")`],
  'Product Removed from Wishlist': [ev('Product Removed from Wishlist', { line_items: [{ product_name: 'Monopoly', product_id: 'p1' }] }), AS_IS],
  'Wishlist Product Added to Cart': [ev('Wishlist Product Added to Cart', { line_items: [{ product_name: 'Monopoly', product_id: 'p1' }] }), AS_IS],
  'Product Shared': [ev('Product Shared', { line_items: [{ product_name: 'Monopoly', product_id: 'p1' }] }), AS_IS],
  'Cart Shared': [ev('Cart Shared', { line_items: [{ product_id: 'p1' }, { product_id: 'p2' }] }), AS_IS],
  'Product Reviewed': [ev('Product Reviewed', { line_items: [{ product_id: 'p1' }] }), AS_IS],
}

type Row = [name: string, msg: SegmentEvent, settings: PinterestSettings, calls: VendorCall[], source: string]

const MAPPING: PinterestSettings = { ...S, pinterestEventMapping: { 'Some Custom Event': 'Custom', 'Lead Generated': 'Lead', 'User Signed Up': 'Signup' }, pinterestCustomProperties: ['custom_prop', 'meta.plan'] }

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), S, ...ECOMMERCE_CALLS[event]]),
  ['page without category → PageVisit { name }', page(undefined, 'Pricing'), S, [pintrk('track', 'PageVisit', { name: 'Pricing' })], `${SRC} page: PageVisit with name`],
  ['unnamed page → PageVisit { name: "" }', page(), S, [pintrk('track', 'PageVisit', { name: '' })], `${SRC} page: name() || ''`],
  ['page with category → ViewCategory { name, category }', page('Docs', 'Index'), S, [pintrk('track', 'ViewCategory', { name: 'Index', category: 'Docs' })], `${SRC} page: ViewCategory when the page has a category`],
  ['page with an event id property (the last of event_id, eid, eventID)', page(undefined, 'P', { event_id: 'e-1', eventID: 'e-3' }), S, [pintrk('track', 'PageVisit', { name: 'P', event_id: 'e-3' })], `${SRC} page: eventKeys loop`],
  ['page with mapMessageIdToEventId', page(undefined, 'P', { event_id: 'e-1' }), { ...S, mapMessageIdToEventId: true }, [pintrk('track', 'PageVisit', { name: 'P', event_id: MESSAGE_ID })], `${SRC} test: should set Segment messageId as Pinterest Event Id (page)`],
  ['track with mapMessageIdToEventId', track('Order Completed', {}), { ...S, mapMessageIdToEventId: true }, [pintrk('track', 'Checkout', { event_id: MESSAGE_ID })], `${SRC} test: should set Segment messageId as Pinterest Event Id (track)`],
  ['custom mapping, matched ignoring case; custom properties (dotted paths) when truthy', track('user signed up', { custom_prop: 'x', meta: { plan: 'pro' }, other: 1, empty: '' }), { ...MAPPING, pinterestCustomProperties: [...MAPPING.pinterestCustomProperties!, 'empty'] }, [pintrk('track', 'Signup', { custom_prop: 'x', 'meta.plan': 'pro' })], `${SRC} getPinterestEvent (mapping first) and pinterestCustomProperties`],
  ['the mapping wins over the built-in one; [{ key, value }] rows too', track('Order Completed', {}), { ...S, pinterestEventMapping: [{ key: 'order completed', value: 'custom_checkout' }] }, [pintrk('track', 'custom_checkout', {})], `${SRC} getPinterestEvent: mapping before eventMap`],
  ['v1 names take the built-in events', track('Completed Order', { order_id: 'o-9', value: 10 }), S, [pintrk('track', 'Checkout', { order_id: 'o-9', value: 10 })], `${SRC} getPinterestEvent: analytics-events patterns cover v1 names`],
  ['Video Playback Started → WatchVideo', track('Video Playback Started', { content_asset_id: 'v-1' }), S, [pintrk('track', 'WatchVideo', {})], `${SRC} getPinterestEvent: videoPlaybackStarted → WatchVideo`],
  ['products without any mapped field are left out of line_items', track('Cart Viewed', { products: [{ url: 'x' }, { sku: 's-1' }, null] }), S, [pintrk('track', 'Cart Viewed', { line_items: [{ product_id: 's-1' }] })], `${SRC} generatePropertiesObject; Switchboard: no empty slots for products without fields`],
  ['identify with an email trait → set { np, em }', identify('user-42', { email: 'prakash@segment.com' }), S, [pintrk('set', { np: 'segment', em: 'prakash@segment.com' })], `${SRC} test: should set Segment email to Pinterest Enhanced Match`],
  ['identify with an email as user id', identify('jane@example.com', {}), S, [pintrk('set', { np: 'segment', em: 'jane@example.com' })], `${SRC} identify: facade email() falls back to an email-like user id`],
  ['identify without email → nothing', identify('user-42', { plan: 'pro' }), S, [], `${SRC} test: should not fire the Pinterest pixel tag`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${SRC}: no group`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${SRC}: no alias`],
]

describe('Pinterest Tag: golden table (Segment Pinterest Tag)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(analytics\.js-integrations pinterest-tag|Switchboard)/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it(`load (${SRC} initialize): load the tag (with the stored email when useEnhancedMatchLoad), then page`, () => {
    expect(initCalls(S, { email: 'jane@example.com' })).toEqual([pintrk('load', S.tid), pintrk('page')])
    expect(initCalls({ ...S, useEnhancedMatchLoad: true }, { email: 'jane@example.com' })).toEqual([pintrk('load', S.tid, { em: 'jane@example.com' }), pintrk('page')])
    expect(initCalls({ ...S, useEnhancedMatchLoad: true }, {})).toEqual([pintrk('load', S.tid), pintrk('page')])
  })

  it('event names: mapping, then the patterns, then the name as it is', () => {
    expect(pinterestEvent('Lead Generated', MAPPING)).toBe('Lead')
    expect(pinterestEvent('product_added', S)).toBe('AddToCart')
    expect(pinterestEvent('Searched Products', S)).toBe('Search')
    expect(pinterestEvent('Played', S)).toBe('Played')
  })
})
