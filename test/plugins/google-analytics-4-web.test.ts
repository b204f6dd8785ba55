import { describe, expect, it } from 'vitest'
import { translate, initCalls, resetCalls, eventName } from '../../plugins/google-analytics-4-web/translate'
import type { Ga4Settings } from '../../plugins/google-analytics-4-web/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import { ECOMMERCE, MONOPOLY, UNO, alias, group, identify, page, track } from './fixtures'

const S: Ga4Settings = { measurementID: 'G-TEST1234' }
const send_to = 'G-TEST1234'
const gtag = (...args: unknown[]): VendorCall => ({ fn: 'gtag', args })
const ev = (name: string, params: Record<string, unknown>) => [gtag('event', name, { ...params, send_to })]
const SIGNALS = { allow_google_signals: true, allow_ad_personalization_signals: true }

const monopolyItem = { item_id: MONOPOLY.product_id, item_name: MONOPOLY.name, item_category: 'Games', price: 19, quantity: 1 }
const unoItem = { item_id: UNO.product_id, item_name: UNO.name, item_category: 'Games', price: 3, quantity: 2 }
const viewedItem = { item_id: '507f1f77bcf86cd799439011', item_name: 'Monopoly: 3rd Edition', item_brand: 'Hasbro', item_category: 'Games', item_variant: '200 pieces', price: 18.99, quantity: 1, coupon: 'MAYDEALS' }
const listed = [
  { item_id: 'p1', item_name: 'Monopoly', price: 19, quantity: 1, index: 1, item_category: 'Games' },
  { item_id: 'p2', item_name: 'Uno', price: 3, quantity: 1, index: 2, item_category: 'Games' },
]
const promo = { promotion_id: 'promo_1', promotion_name: '75% store-wide shoe sale', creative_slot: 'top_banner_2', location_id: 'home_banner_top' }

/** Every E-commerce v2 event → the exact gtag call. */
const ECOMMERCE_CALLS: Record<string, VendorCall[]> = {
  'Products Searched': ev('search', { search_term: 'blue hotpants' }),
  'Product List Viewed': ev('view_item_list', { item_list_id: 'hot_deals_1', item_list_name: 'Deals', items: listed }),
  'Product List Filtered': ev('Product_List_Filtered', { list_id: 'todays_deals' }),
  'Promotion Viewed': ev('view_promotion', promo),
  'Promotion Clicked': ev('select_promotion', promo),
  'Product Clicked': ev('select_item', { items: [{ ...viewedItem, index: 3 }] }),
  'Product Viewed': ev('view_item', { currency: 'USD', value: 18.99, items: [viewedItem] }),
  'Product Added': ev('add_to_cart', { currency: 'USD', value: 6, items: [{ item_id: 'p2', item_name: 'Uno', price: 3, quantity: 2 }] }),
  'Product Removed': ev('remove_from_cart', { currency: 'USD', value: 6, items: [{ item_id: 'p2', item_name: 'Uno', price: 3, quantity: 2 }] }),
  'Cart Viewed': ev('view_cart', { currency: 'USD', value: 25, items: [monopolyItem, unoItem] }),
  'Checkout Started': ev('begin_checkout', { currency: 'USD', value: 30, coupon: 'hasbros', items: [monopolyItem, unoItem] }),
  'Checkout Step Viewed': ev('Checkout_Step_Viewed', { checkout_id: 'c-1', step: 2, shipping_method: 'Fedex', payment_method: 'Visa' }),
  'Checkout Step Completed': ev('add_shipping_info', { shipping_tier: 'Fedex' }),
  'Payment Info Entered': ev('add_payment_info', { payment_type: 'Visa' }),
  'Order Updated': ev('Order_Updated', { order_id: 'o-1', total: 30, revenue: 25, currency: 'USD' }),
  'Order Completed': ev('purchase', {
    transaction_id: '50314b8e9bcf000000000000',
    value: 27.5,
    currency: 'USD',
    tax: 2,
    shipping: 3,
    coupon: 'hasbros',
    affiliation: 'Google Store',
    items: [monopolyItem, unoItem],
  }),
  'Order Refunded': ev('refund', { transaction_id: '50314b8e9bcf000000000000', value: 27.5, currency: 'USD' }),
  'Order Cancelled': ev('Order_Cancelled', { order_id: 'o-1', total: 30, revenue: 25, currency: 'USD' }),
  'Coupon Entered': ev('Coupon_Entered', { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016' }),
  'Coupon Applied': ev('Coupon_Applied', { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', discount: 23.32 }),
  'Coupon Denied': ev('Coupon_Denied', { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', reason: 'Coupon expired' }),
  'Coupon Removed': ev('Coupon_Removed', { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', discount: 23.32 }),
  'Product Added to Wishlist': ev('add_to_wishlist', { currency: 'USD', value: 19, items: [{ item_id: 'p1', item_name: 'Monopoly', price: 19, quantity: 1 }] }),
  'Product Removed from Wishlist': ev('Product_Removed_from_Wishlist', { wishlist_id: 'w-1', wishlist_name: 'Loved Games', product_id: 'p1', name: 'Monopoly' }),
  'Wishlist Product Added to Cart': ev('Wishlist_Product_Added_to_Cart', { wishlist_id: 'w-1', wishlist_name: 'Loved Games', cart_id: 'cart-1', product_id: 'p1', name: 'Monopoly' }),
  'Product Shared': ev('share', { method: 'email', content_type: 'product', item_id: 'p1' }),
  'Cart Shared': ev('Cart_Shared', { share_via: 'email', cart_id: 'cart-1' }),
  'Product Reviewed': ev('Product_Reviewed', { product_id: 'p1', review_id: 'r-1', review_body: 'Fun', rating: '5' }),
}

describe('Google Analytics 4 Web: translate', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
    expect(Object.keys(ECOMMERCE)).toHaveLength(28)
  })

  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    expect(translate(track(event, ECOMMERCE[event]), S)).toEqual(ECOMMERCE_CALLS[event])
  })

  it.each<[string, ReturnType<typeof track>, VendorCall[]]>([
    ['v1 Completed Order → purchase', track('Completed Order', { order_id: 'o-9', revenue: 10 }), ev('purchase', { transaction_id: 'o-9', value: 10, currency: 'USD' })],
    ['partial refund lists items', track('Order Refunded', { order_id: 'o-1', total: 3, products: [UNO] }), ev('refund', { transaction_id: 'o-1', value: 3, currency: 'USD', items: [unoItem] })],
    ['Checkout Step Completed without shipping method → custom', track('Checkout Step Completed', { step: 1 }), ev('Checkout_Step_Completed', { step: 1 })],
    ['Signed Up → sign_up', track('Signed Up', { method: 'google' }), ev('sign_up', { method: 'google' })],
    ['Signed In → login', track('Signed In', { method: 'email' }), ev('login', { method: 'email' })],
    ['numeric strings become numbers', track('Product Added', { product_id: 'p', price: '2.5', quantity: '4' }), ev('add_to_cart', { currency: 'USD', value: 10, items: [{ item_id: 'p', price: 2.5, quantity: 4 }] })],
    ['custom event: flat params, name sanitised', track('  Played  Video! ', { title: 'Tango', meta: { a: 1 }, tags: ['x'], n: 2 }), ev('Played_Video', { title: 'Tango', n: 2 })],
    ['custom event: per-call lowercase and send_to off', track('Played Video', { a: 1 }, { integrations: { 'Google Analytics 4 Web': { lowercase: true, send_to: false } } }), [gtag('event', 'played_video', { a: 1 })]],
  ])('%s', (_name, msg, calls) => {
    expect(translate(msg, S)).toEqual(calls)
  })

  it('page → config with page fields and the automatic page_view', () => {
    expect(translate(page('Docs', 'Install'), S)).toEqual([
      gtag('config', 'G-TEST1234', {
        send_page_view: true,
        page_title: 'Install',
        page_location: 'https://www.example.com/docs/install?x=1',
        page_referrer: 'https://www.google.com/',
        content_group: 'Docs',
        ...SIGNALS,
      }),
    ])
  })

  it('page with pageView off, a user id and cookie settings', () => {
    const s: Ga4Settings = { ...S, pageView: false, cookieDomain: 'example.com', cookieFlags: ['SameSite=None', 'Secure'], cookieExpirationInSeconds: 3600, allowGoogleSignals: false, cookieUpdate: false }
    const msg = { ...page(), userId: 'user-42' }
    expect(translate(msg, s)).toEqual([
      gtag('config', 'G-TEST1234', {
        send_page_view: false,
        page_title: 'Install',
        page_location: 'https://www.example.com/docs/install?x=1',
        page_referrer: 'https://www.google.com/',
        user_id: 'user-42',
        allow_google_signals: false,
        allow_ad_personalization_signals: true,
        cookie_domain: 'example.com',
        cookie_flags: 'SameSite=None;Secure',
        cookie_expires: 3600,
        cookie_update: false,
      }),
    ])
  })

  it('identify → user_id; opted-in traits as user properties, never PII', () => {
    expect(translate(identify('user-42', { email: 'a@b.c', plan: 'pro' }), S)).toEqual([gtag('set', { user_id: 'user-42' })])
    const s = { ...S, userProperties: ['plan', 'email', 'seats'] }
    expect(translate(identify('user-42', { email: 'a@b.c', plan: 'pro', seats: 3 }), s)).toEqual([
      gtag('set', { user_id: 'user-42' }),
      gtag('set', 'user_properties', { plan: 'pro', seats: 3 }),
    ])
    expect(translate(identify(null, { plan: 'pro' }), S)).toEqual([])
  })

  it('group, alias and screen are not mapped', () => {
    expect(translate(group('g-1', { name: 'Acme' }), S)).toEqual([])
    expect(translate(alias('user-42', 'anon'), S)).toEqual([])
  })

  it('init: js, then Consent Mode defaults when enabled', () => {
    const now = new Date(0)
    expect(initCalls(S, now)).toEqual([gtag('js', now)])
    const s: Ga4Settings = { ...S, enableConsentMode: true, defaultAdsStorageConsentState: 'denied', adUserDataConsentState: 'denied', waitTimeToUpdateConsentStage: 500 }
    expect(initCalls(s, now)).toEqual([
      gtag('js', now),
      gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'granted', ad_user_data: 'denied', wait_for_update: 500 }),
    ])
  })

  it('reset clears the user id', () => {
    expect(resetCalls()).toEqual([gtag('set', { user_id: null })])
  })

  it('event names respect GA4 limits', () => {
    expect(eventName('a'.repeat(60))).toHaveLength(40)
    expect(eventName('Add-On Bought (x2)')).toBe('AddOn_Bought_x2')
  })
})
