// Golden table: spec message → the exact gtag calls Segment's Google Analytics 4 Web (Actions)
// destination makes with its preset mappings (action-destinations,
// packages/browser-destinations/destinations/google-analytics-4-web/src/<action>/index.ts), with a
// source note per row; where Switchboard differs on purpose the note says "Switchboard".
import { describe, expect, it } from 'vitest'
import { translate, initCalls, resetCalls, eventName } from '../../plugins/google-analytics-4-web/translate'
import { consentApi, ga4State, validConsent } from '../../plugins/google-analytics-4-web/consent'
import type { Ga4Settings } from '../../plugins/google-analytics-4-web/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, MONOPOLY, UNO, alias, group, identify, page, track } from './fixtures'

const S: Ga4Settings = { measurementID: 'G-TEST1234' }
const send_to = 'G-TEST1234'
const gtag = (...args: unknown[]): VendorCall => ({ fn: 'gtag', args })
const ev = (name: string, params: Record<string, unknown>) => [gtag('event', name, { ...params, send_to })]
const SIGNALS = { allow_google_signals: true, allow_ad_personalization_signals: true }
const SRC = 'action-destinations google-analytics-4-web'
const PAGE_FIELDS = { page_title: 'Install', page_location: 'https://www.example.com/docs/install?x=1', page_referrer: 'https://www.google.com/' }

const monopolyItem = { item_id: MONOPOLY.product_id, item_name: MONOPOLY.name, item_category: 'Games', price: 19, quantity: 1 }
const unoItem = { item_id: UNO.product_id, item_name: UNO.name, item_category: 'Games', price: 3, quantity: 2 }
const viewedItem = { item_id: '507f1f77bcf86cd799439011', item_name: 'Monopoly: 3rd Edition', item_brand: 'Hasbro', item_category: 'Games', item_variant: '200 pieces', price: 18.99, quantity: 1, coupon: 'MAYDEALS' }
const listed = [
  { item_id: 'p1', item_name: 'Monopoly', price: 19, quantity: 1, index: 1, item_category: 'Games' },
  { item_id: 'p2', item_name: 'Uno', price: 3, quantity: 1, index: 2, item_category: 'Games' },
]
const promo = { promotion_id: 'promo_1', promotion_name: '75% store-wide shoe sale', creative_slot: 'top_banner_2', location_id: 'home_banner_top' }
const CUSTOM = `${SRC} customEvent: name trimmed, whitespace → _, params only as mapped (none by default), send_to`

/** Every E-commerce v2 event → [the exact gtag call, where it comes from]. */
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = {
  'Products Searched': [ev('search', { search_term: 'blue hotpants' }), `${SRC} search: search_term ← properties.query`],
  'Product List Viewed': [ev('view_item_list', { item_list_id: 'hot_deals_1', item_list_name: 'Deals', items: listed }), `${SRC} viewItemList: items_multi_products (index ← position); Switchboard: list id/name fall back to list_id/category`],
  'Product List Filtered': [ev('Product_List_Filtered', {}), CUSTOM],
  'Promotion Viewed': [ev('view_promotion', promo), `${SRC} viewPromotion: creative_slot ← creative, promotion_name ← name, location_id ← position`],
  'Promotion Clicked': [ev('select_promotion', promo), `${SRC} selectPromotion: as viewPromotion`],
  'Product Clicked': [ev('select_item', { items: [{ ...viewedItem, index: 3 }] }), `${SRC} selectItem; Switchboard: the item from the top-level product`],
  'Product Viewed': [ev('view_item', { currency: 'usd', value: 18.99, items: [viewedItem] }), `${SRC} viewItem: currency ← properties.currency as given, value ← properties.value; Switchboard: item from the top-level product`],
  'Product Added': [ev('add_to_cart', { value: 6, items: [{ item_id: 'p2', item_name: 'Uno', price: 3, quantity: 2 }] }), `${SRC} addToCart: no currency without properties.currency; Switchboard: value ← price × quantity`],
  'Product Removed': [ev('remove_from_cart', { value: 6, items: [{ item_id: 'p2', item_name: 'Uno', price: 3, quantity: 2 }] }), `${SRC} removeFromCart: as addToCart`],
  'Cart Viewed': [ev('view_cart', { value: 25, items: [monopolyItem, unoItem] }), `${SRC} viewCart: items_multi_products; Switchboard: value summed from the items`],
  'Checkout Started': [ev('begin_checkout', { currency: 'usd', value: 30, coupon: 'hasbros', items: [monopolyItem, unoItem] }), `${SRC} beginCheckout: coupon, currency, value`],
  'Checkout Step Viewed': [ev('Checkout_Step_Viewed', {}), CUSTOM],
  'Checkout Step Completed': [ev('add_shipping_info', { shipping_tier: 'Fedex' }), `Switchboard: add_shipping_info (GA4 recommended event; not a Segment preset, which sends Checkout_Step_Completed)`],
  'Payment Info Entered': [ev('add_payment_info', { payment_type: 'Visa' }), `${SRC} addPaymentInfo: payment_type ← properties.payment_method`],
  'Order Updated': [ev('Order_Updated', {}), CUSTOM],
  'Order Completed': [
    ev('purchase', { transaction_id: '50314b8e9bcf000000000000', value: 27.5, currency: 'USD', tax: 2, shipping: 3, coupon: 'hasbros', affiliation: 'Google Store', items: [monopolyItem, unoItem] }),
    `${SRC} purchase: transaction_id ← order_id, value ← total, currency, tax, shipping, coupon, items (index ← position); Switchboard adds affiliation`,
  ],
  'Order Refunded': [ev('refund', { transaction_id: '50314b8e9bcf000000000000', value: 27.5, currency: 'USD' }), `${SRC} refund: value ← total; no items for a full refund`],
  'Order Cancelled': [ev('Order_Cancelled', {}), CUSTOM],
  'Coupon Entered': [ev('Coupon_Entered', {}), CUSTOM],
  'Coupon Applied': [ev('Coupon_Applied', {}), CUSTOM],
  'Coupon Denied': [ev('Coupon_Denied', {}), CUSTOM],
  'Coupon Removed': [ev('Coupon_Removed', {}), CUSTOM],
  'Product Added to Wishlist': [ev('add_to_wishlist', { value: 19, items: [{ item_id: 'p1', item_name: 'Monopoly', price: 19, quantity: 1 }] }), `${SRC} addToWishlist`],
  'Product Removed from Wishlist': [ev('Product_Removed_from_Wishlist', {}), CUSTOM],
  'Wishlist Product Added to Cart': [ev('Wishlist_Product_Added_to_Cart', {}), CUSTOM],
  'Product Shared': [ev('share', { method: 'email', content_type: 'product', item_id: 'p1' }), `Switchboard: share (GA4 recommended event; Segment sends Product_Shared)`],
  'Cart Shared': [ev('Cart_Shared', {}), CUSTOM],
  'Product Reviewed': [ev('Product_Reviewed', {}), CUSTOM],
}

type Row = [name: string, msg: SegmentEvent, settings: Ga4Settings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), S, ...ECOMMERCE_CALLS[event]]),
  ['page with category → config (Switchboard: page fields and content group from the call)', page('Docs', 'Index'), S, [gtag('config', 'G-TEST1234', { ...PAGE_FIELDS, content_group: 'Docs', ...SIGNALS })], `${SRC} setConfigurationFields (preset on page): config with signals, no send_page_view while on`],
  ['page without category → config', page(undefined, 'Pricing'), S, [gtag('config', 'G-TEST1234', { ...PAGE_FIELDS, ...SIGNALS })], `${SRC} setConfigurationFields`],
  [
    'page with Consent Mode: consent update first, with the settings defaults',
    page('Docs', 'Index'),
    { ...S, enableConsentMode: true, defaultAdsStorageConsentState: 'denied', adUserDataConsentState: 'denied' },
    [gtag('consent', 'update', { ad_storage: 'denied', analytics_storage: 'granted', ad_user_data: 'denied' }), gtag('config', 'G-TEST1234', { ...PAGE_FIELDS, content_group: 'Docs', ...SIGNALS })],
    `${SRC} setConfigurationFields: gtag('consent', 'update', …) before config when enableConsentMode`,
  ],
  [
    'page with pageView off, a user id and cookie settings',
    { ...page(), userId: 'user-42' },
    { ...S, pageView: false, cookieDomain: 'example.com', cookieFlags: ['SameSite=None', 'Secure'], cookieExpirationInSeconds: 3600, allowGoogleSignals: false, cookieUpdate: false },
    [
      gtag('config', 'G-TEST1234', {
        send_page_view: false,
        ...PAGE_FIELDS,
        user_id: 'user-42',
        allow_google_signals: false,
        allow_ad_personalization_signals: true,
        cookie_domain: 'example.com',
        cookie_flags: 'SameSite=None;Secure',
        cookie_expires: 3600,
        cookie_update: false,
      }),
    ],
    `${SRC} setConfigurationFields: send_page_view false, cookie_* only when not the default; Switchboard joins cookie_flags and sends user_id`,
  ],
  ['custom event: no params by default, name trimmed, each whitespace → _', track('  Played  Video ', { title: 'Tango', email: 'a@b.c', n: 2 }), S, ev('Played__Video', {}), CUSTOM],
  ['custom event: non-ASCII letters kept', track('Añadir al carrito', { sku: 'x' }), S, ev('Añadir_al_carrito', {}), CUSTOM],
  ['custom event: Japanese name kept', track('カートに追加'), S, ev('カートに追加', {}), CUSTOM],
  [
    'custom event: params the settings map (flat values only)',
    track('Played Video', { title: 'Tango', meta: { a: 1 }, tags: ['x'], at: '2026-01-02', n: 2 }),
    { ...S, eventParams: { title: 'video_title', meta: 'meta', tags: 'tags', at: 'played_at' } },
    ev('Played_Video', { video_title: 'Tango', played_at: '2026-01-02' }),
    `${SRC} customEvent: ...payload.params (the mapping)`,
  ],
  [
    'custom event: a mapped Date (or its ISO string) is sent as the ISO string',
    track('Booked', { on: new Date('2026-05-01T10:00:00Z'), at: '2026-05-01T10:00:00.000Z' }),
    { ...S, eventParams: [{ key: 'on', value: 'booked_on' }, { key: 'at', value: 'booked_at' }] },
    ev('Booked', { booked_on: '2026-05-01T10:00:00.000Z', booked_at: '2026-05-01T10:00:00.000Z' }),
    `${SRC} customEvent: params are JSON (a Date arrives as its ISO string)`,
  ],
  ['custom event: per-call lowercase and send_to off → send_to default', track('Played Video', { a: 1 }, { integrations: { 'Google Analytics 4 Web': { lowercase: true, send_to: false } } }), S, [gtag('event', 'played_video', { send_to: 'default' })], `${SRC} customEvent: lowercase; send_to false → 'default'`],
  ['v1 Completed Order → purchase', track('Completed Order', { order_id: 'o-9', revenue: 10 }), S, ev('purchase', { transaction_id: 'o-9', value: 10 }), `Switchboard: v1 name and revenue fallback (Segment's preset matches Order Completed only)`],
  ['partial refund lists items', track('Order Refunded', { order_id: 'o-1', total: 3, currency: 'EUR', products: [UNO] }), S, ev('refund', { transaction_id: 'o-1', value: 3, currency: 'EUR', items: [unoItem] }), `${SRC} refund: items_multi_products`],
  ['Checkout Step Completed without shipping method → custom', track('Checkout Step Completed', { step: 1 }), S, ev('Checkout_Step_Completed', {}), CUSTOM],
  ['Signed Up → sign_up', track('Signed Up', { method: 'google' }), S, ev('sign_up', { method: 'google' }), `${SRC} signUp: method`],
  ['Signed In → login', track('Signed In', { method: 'email' }), S, ev('login', { method: 'email' }), `${SRC} login: method`],
  ['numeric strings become numbers', track('Product Added', { product_id: 'p', price: '2.5', quantity: '4', currency: 'EUR' }), S, ev('add_to_cart', { currency: 'EUR', value: 10, items: [{ item_id: 'p', price: 2.5, quantity: 4 }] }), `${SRC} addToCart: price and quantity are number fields`],
  ['identify → user_id (Switchboard: Segment GA4 Web has no identify action)', identify('user-42', { email: 'a@b.c', plan: 'pro' }), S, [gtag('set', { user_id: 'user-42' })], `Switchboard: gtag('set', { user_id })`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${SRC}: no group action`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${SRC}: no alias action`],
]

describe('Google Analytics 4 Web: golden table (Segment GA4 Web)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
    expect(Object.keys(ECOMMERCE)).toHaveLength(28)
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(action-destinations google-analytics-4-web|Switchboard)/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('custom event params stop at GA4’s 25', () => {
    const props = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, i]))
    const eventParams = Object.fromEntries(Object.keys(props).map((k) => [k, k]))
    const [call] = translate(track('Many', props), { ...S, eventParams })
    expect(Object.keys(call.args[2] as object)).toHaveLength(26) // 25 params and send_to
  })

  it('identify: opted-in traits as user properties, never PII', () => {
    const s = { ...S, userProperties: ['plan', 'email', 'seats'] }
    expect(translate(identify('user-42', { email: 'a@b.c', plan: 'pro', seats: 3 }), s)).toEqual([gtag('set', { user_id: 'user-42' }), gtag('set', 'user_properties', { plan: 'pro', seats: 3 })])
    expect(translate(identify(null, { plan: 'pro' }), S)).toEqual([])
  })

  it('init (action-destinations google-analytics-4-web initialize): js, then Consent Mode defaults when enabled', () => {
    const now = new Date(0)
    expect(initCalls(S, now)).toEqual([gtag('js', now)])
    const s: Ga4Settings = { ...S, enableConsentMode: true, defaultAdsStorageConsentState: 'denied', adUserDataConsentState: 'denied', waitTimeToUpdateConsentStage: 500 }
    expect(initCalls(s, now)).toEqual([gtag('js', now), gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'granted', ad_user_data: 'denied', wait_for_update: 500 })])
  })

  it('consent hook: updateConsent sends the valid part now; later pages re-send the state it leaves', () => {
    const s: Ga4Settings = { ...S, enableConsentMode: true, defaultAdsStorageConsentState: 'denied', defaultAnalyticsStorageConsentState: 'denied' }
    const state = ga4State(s)
    const ran: VendorCall[][] = []
    const { updateConsent } = consentApi(s, state, (calls) => ran.push(calls))
    updateConsent({ analytics_storage: 'GRANTED', ad_storage: 'maybe', other: 'granted' })
    expect(ran).toEqual([[gtag('consent', 'update', { analytics_storage: 'granted' })]])
    updateConsent({ nothing: true })
    expect(ran).toHaveLength(1)
    expect(translate(page('Docs', 'Index'), s, state)[0]).toEqual(gtag('consent', 'update', { ad_storage: 'denied', analytics_storage: 'granted' }))
    expect(validConsent(null)).toEqual({})
  })

  it('reset clears the user id (Switchboard)', () => {
    expect(resetCalls()).toEqual([gtag('set', { user_id: null })])
  })

  it('event names: only trimmed, whitespace replaced, optionally lower-cased', () => {
    expect(eventName(' Add-On Bought (x2) ')).toBe('Add-On_Bought_(x2)')
    expect(eventName('Añadir al carrito', true)).toBe('añadir_al_carrito')
  })
})
