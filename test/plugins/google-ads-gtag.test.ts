// Golden table: spec message → the exact gtag calls Segment's Google Ads (Gtag) destination
// ("Google AdWords New", analytics.js-integrations integrations/google-adwords-new/lib/index.js,
// and its test/index.test.js) makes, with a source note per row; where Switchboard adds something
// the note says "Switchboard".
import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, translate, userData } from '../../plugins/google-ads-gtag/translate'
import type { AdsSettings } from '../../plugins/google-ads-gtag/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, ORDER, alias, group, identify, page, track } from './fixtures'

const gtag = (...args: unknown[]): VendorCall => ({ fn: 'gtag', args })
const SRC = 'analytics.js-integrations google-adwords-new'
const AW = 'AW-984542038'
const label = (event: string) => event.toLowerCase().replace(/\W+/g, '-')

/** Every E-commerce v2 event mapped to a click conversion (rows wrapped as the settings CDN sends them). */
const S: AdsSettings = {
  accountId: AW,
  clickConversions: Object.keys(ECOMMERCE).map((event) => ({ value: { event, id: label(event), accountId: '' } })),
  pageLoadConversions: [{ value: { event: 'Landing', id: 'land-1', accountId: '' } }, { value: { event: 'Landing', id: 'land-2' } }, { event: 'Purchase', id: 'buy-1', accountId: 'AW-984293029' }],
  defaultPageConversion: 'default-page',
}
const PAGE_PROPS = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }

/** The mapped track event: its properties (with the changes the row states) and send_to. */
const conversion = (event: string, props: Record<string, unknown>) => [gtag('event', event, { ...props, send_to: `${AW}/${label(event)}` })]
const AS_IS = `${SRC} track: every property as given, send_to ← accountId/label`
const WITH_ORDER = `${SRC} track: properties({ orderId: 'transaction_id' }): transaction_id ← id || order_id || orderId, order_id kept`

/** Every E-commerce v2 event (mapped in S) → [the exact gtag calls, where it comes from]. */
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = {
  'Products Searched': [conversion('Products Searched', ECOMMERCE['Products Searched']), AS_IS],
  'Product List Viewed': [conversion('Product List Viewed', ECOMMERCE['Product List Viewed']), AS_IS],
  'Product List Filtered': [conversion('Product List Filtered', ECOMMERCE['Product List Filtered']), AS_IS],
  'Promotion Viewed': [conversion('Promotion Viewed', ECOMMERCE['Promotion Viewed']), AS_IS],
  'Promotion Clicked': [conversion('Promotion Clicked', ECOMMERCE['Promotion Clicked']), AS_IS],
  'Product Clicked': [conversion('Product Clicked', ECOMMERCE['Product Clicked']), `${AS_IS} (value and currency are Google's own names)`],
  'Product Viewed': [conversion('Product Viewed', ECOMMERCE['Product Viewed']), `${AS_IS} (value and currency are Google's own names)`],
  'Product Added': [conversion('Product Added', ECOMMERCE['Product Added']), AS_IS],
  'Product Removed': [conversion('Product Removed', ECOMMERCE['Product Removed']), AS_IS],
  'Cart Viewed': [conversion('Cart Viewed', ECOMMERCE['Cart Viewed']), AS_IS],
  'Checkout Started': [conversion('Checkout Started', { ...ECOMMERCE['Checkout Started'], transaction_id: 'o-1' }), WITH_ORDER],
  'Checkout Step Viewed': [conversion('Checkout Step Viewed', ECOMMERCE['Checkout Step Viewed']), AS_IS],
  'Checkout Step Completed': [conversion('Checkout Step Completed', ECOMMERCE['Checkout Step Completed']), AS_IS],
  'Payment Info Entered': [conversion('Payment Info Entered', { ...ECOMMERCE['Payment Info Entered'], transaction_id: 'o-1' }), WITH_ORDER],
  'Order Updated': [conversion('Order Updated', { ...ECOMMERCE['Order Updated'], transaction_id: 'o-1' }), WITH_ORDER],
  'Order Completed': [
    conversion('Order Completed', {
      checkout_id: ORDER.checkout_id,
      affiliation: ORDER.affiliation,
      total: 27.5,
      subtotal: 22.5,
      shipping: 3,
      tax: 2,
      discount: 2.5,
      coupon: 'hasbros',
      currency: 'USD',
      products: ORDER.products,
      transaction_id: ORDER.order_id,
      value: 22.5,
    }),
    `${SRC} orderCompleted: properties({ orderId, order_id → transaction_id, revenue → value }), order_id and revenue removed`,
  ],
  'Order Refunded': [conversion('Order Refunded', { ...ECOMMERCE['Order Refunded'], transaction_id: '50314b8e9bcf000000000000' }), WITH_ORDER],
  'Order Cancelled': [conversion('Order Cancelled', { ...ECOMMERCE['Order Cancelled'], transaction_id: 'o-1' }), WITH_ORDER],
  'Coupon Entered': [conversion('Coupon Entered', { ...ECOMMERCE['Coupon Entered'], transaction_id: 'o-1' }), WITH_ORDER],
  'Coupon Applied': [conversion('Coupon Applied', { ...ECOMMERCE['Coupon Applied'], transaction_id: 'o-1' }), WITH_ORDER],
  'Coupon Denied': [conversion('Coupon Denied', { ...ECOMMERCE['Coupon Denied'], transaction_id: 'o-1' }), WITH_ORDER],
  'Coupon Removed': [conversion('Coupon Removed', { ...ECOMMERCE['Coupon Removed'], transaction_id: 'o-1' }), WITH_ORDER],
  'Product Added to Wishlist': [conversion('Product Added to Wishlist', ECOMMERCE['Product Added to Wishlist']), AS_IS],
  'Product Removed from Wishlist': [conversion('Product Removed from Wishlist', ECOMMERCE['Product Removed from Wishlist']), AS_IS],
  'Wishlist Product Added to Cart': [conversion('Wishlist Product Added to Cart', ECOMMERCE['Wishlist Product Added to Cart']), AS_IS],
  'Product Shared': [conversion('Product Shared', ECOMMERCE['Product Shared']), AS_IS],
  'Cart Shared': [conversion('Cart Shared', ECOMMERCE['Cart Shared']), AS_IS],
  'Product Reviewed': [conversion('Product Reviewed', ECOMMERCE['Product Reviewed']), AS_IS],
}

type Row = [name: string, msg: SegmentEvent, settings: AdsSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event} (mapped)`, track(event, ECOMMERCE[event]), S, ...ECOMMERCE_CALLS[event]]),
  ['an event no click conversion names → nothing', track('Order Completed', ORDER), { accountId: AW }, [], `${SRC} track: matchConversion finds none`],
  ['the mapping matches the event name ignoring case; each row is one call', track('order completed', { order_id: 'totally-tubular', revenue: 25 }), { accountId: AW, clickConversions: [{ value: { event: 'Order completed', id: 'a', accountId: '' } }, { value: { event: 'Order completed', id: 'b' } }] }, [gtag('event', 'order completed', { transaction_id: 'totally-tubular', value: 25, send_to: `${AW}/a` }), gtag('event', 'order completed', { transaction_id: 'totally-tubular', value: 25, send_to: `${AW}/b` })], `${SRC} test: should send revenue for order completed events`],
  ['a row’s own accountId overrides the default', track('login', {}), { accountId: AW, clickConversions: [{ value: { event: 'login', id: 'x', accountId: 'AW-984293029' } }] }, [gtag('event', 'login', { send_to: 'AW-984293029/x' })], `${SRC} matchConversion: override`],
  ['Order Completed without revenue: value ← total; a "$" string revenue is read as a number', track('Completed Order', { total: '$27.50' }), { accountId: AW, clickConversions: [{ event: 'Completed Order', id: 'c' }] }, [gtag('event', 'Completed Order', { total: '$27.50', value: 27.5, send_to: `${AW}/c` })], `${SRC} orderCompleted (v1 name too): facade revenue() falls back to total, strips $`],
  ['a generic event with id → transaction_id, orderId removed', track('signup', { id: 'u-1', orderId: 'o-2', value: 10 }), { accountId: AW, clickConversions: [{ event: 'signup', id: 's' }] }, [gtag('event', 'signup', { id: 'u-1', value: 10, transaction_id: 'u-1', send_to: `${AW}/s` })], `${SRC} track: orderId alias (facade orderId() reads id first)`],
  ['unnamed page → the default page conversion with the page properties', page(), S, [gtag('event', 'conversion', { ...PAGE_PROPS, send_to: `${AW}/default-page` })], `${SRC} test: default page load conversion for an unnamed page`],
  ['unnamed page with per-call value, currency, orderId', { ...page(), integrations: { 'Google AdWords New': { value: 2, currency: 'USD', orderId: 'demodog-dart' } } }, S, [gtag('event', 'conversion', { ...PAGE_PROPS, send_to: `${AW}/default-page`, value: 2, currency: 'USD', transaction_id: 'demodog-dart' })], `${SRC} test: integration specific options (key matched ignoring case, order_id or orderId)`],
  ['per-call options under the docs’ spelling "Google Adwords New"', { ...page(), integrations: { 'Google Adwords New': { order_id: 'o-7' } } }, S, [gtag('event', 'conversion', { ...PAGE_PROPS, send_to: `${AW}/default-page`, transaction_id: 'o-7' })], `${SRC} page: page.options(name) (obj-case lookup)`],
  ['named page → every page load conversion of that name (case-insensitive), name in the properties', page(undefined, 'landing'), S, [gtag('event', 'landing', { ...PAGE_PROPS, name: 'landing', send_to: `${AW}/land-1` }), gtag('event', 'landing', { ...PAGE_PROPS, name: 'landing', send_to: `${AW}/land-2` })], `${SRC} test: should map page names to specific conversionId`],
  ['named page with an account override', page(undefined, 'purchase'), S, [gtag('event', 'purchase', { ...PAGE_PROPS, name: 'purchase', send_to: 'AW-984293029/buy-1' })], `${SRC} test: overriding accountId for page load conversions`],
  ['named page without a mapping → nothing (never the default)', page('Docs', 'Index'), S, [], `${SRC} page: named pages are mapped explicitly`],
  ['unnamed page without a default conversion → nothing', page(), { accountId: AW }, [], `${SRC} page: matchConversion(undefined) finds none`],
  ['identify → nothing', identify('user-42', { email: 'jane@example.com' }), S, [], `${SRC}: no identify`],
  ['identify with enhancedConversions → user_data', identify('user-42', { email: 'jane@example.com', phone: '+15551234567', firstName: 'Jane', lastName: 'Doe', address: { street: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' } }), { ...S, enhancedConversions: true }, [gtag('set', 'user_data', { email: 'jane@example.com', phone_number: '+15551234567', address: { first_name: 'Jane', last_name: 'Doe', street: '1 Main St', city: 'Springfield', region: 'IL', postal_code: '62701', country: 'US' } })], `Switchboard: Enhanced Conversions (gtag user_data fields; gtag normalises and hashes them)`],
  ['identify with enhancedConversions but no such traits → nothing', identify('user-42', { plan: 'pro' }), { ...S, enhancedConversions: true }, [], `Switchboard: no empty user_data`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${SRC}: no group`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${SRC}: no alias`],
]

describe('Google Ads (Gtag): golden table (Segment Google AdWords New)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(analytics\.js-integrations google-adwords-new|Switchboard)/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it(`load (${SRC} initialize): js, ad personalisation off before any config, Floodlight config, then the Ads config`, () => {
    const now = new Date(0)
    expect(initCalls({ accountId: AW }, now)).toEqual([gtag('js', now), gtag('config', AW, {})])
    expect(initCalls({ accountId: AW, sendPageView: false, conversionLinker: false, disableAdPersonalization: true, floodlightAccountId: 'DC-1234567' }, now)).toEqual([
      gtag('js', now),
      gtag('set', 'allow_ad_personalization_signals', false),
      gtag('config', 'DC-1234567', { send_page_view: false, conversion_linker: false }),
      gtag('config', AW, { send_page_view: false, conversion_linker: false }),
    ])
  })

  it('load with enhancedConversions (Switchboard): allow_enhanced_conversions, and the stored traits as user_data', () => {
    const now = new Date(0)
    expect(initCalls({ accountId: AW, enhancedConversions: true }, now, { email: 'jane@example.com' })).toEqual([
      gtag('js', now),
      gtag('config', AW, { allow_enhanced_conversions: true }),
      gtag('set', 'user_data', { email: 'jane@example.com' }),
    ])
  })

  it('reset: nothing (Segment), or empty user_data with enhancedConversions (Switchboard)', () => {
    expect(resetCalls(S)).toEqual([])
    expect(resetCalls({ ...S, enhancedConversions: true })).toEqual([gtag('set', 'user_data', {})])
  })

  it('user data: snake_case traits too; nothing without any', () => {
    expect(userData({ first_name: 'Jane', address: { postal_code: '1', region: 'BY' } })).toEqual({ address: { first_name: 'Jane', postal_code: '1', region: 'BY' } })
    expect(userData({ address: 'Main St' })).toBeUndefined()
  })

  it('settings rows that are not objects are ignored', () => {
    const s = { accountId: AW, clickConversions: [null, 'x', { value: null }, { event: 'A', id: 'a' }] as never }
    expect(translate(track('a'), s)).toEqual([gtag('event', 'a', { send_to: `${AW}/a` })])
  })
})
