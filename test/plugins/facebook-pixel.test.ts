import { describe, expect, it } from 'vitest'
import { dataProcessingOptions, initCalls, payload, resetCalls, translate } from '../../plugins/facebook-pixel/translate'
import { advancedMatching } from '../../plugins/facebook-pixel/matching'
import type { FbSettings } from '../../plugins/facebook-pixel/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
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
  currency: 'USD',
  value: '18.99',
  contents: [{ id: '507f1f77bcf86cd799439011', quantity: 1, item_price: 18.99 }],
}
const both = [
  { id: MONOPOLY.product_id, quantity: 1, item_price: 19 },
  { id: UNO.product_id, quantity: 2, item_price: 3 },
]

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
    currency: 'USD',
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

describe('Facebook Pixel: translate', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    expect(translate(track(event, ECOMMERCE[event]), S)).toEqual(ECOMMERCE_CALLS[event])
  })

  it('Order Completed without revenue falls back to total; currency upper-cased', () => {
    const msg = track('Order Completed', { order_id: 'o', total: 10, currency: 'eur', products: [{ sku: 'S1' }] })
    expect(translate(msg, S)).toEqual(std('Purchase', { content_ids: ['S1'], contents: [{ id: 'S1', quantity: 1 }], content_type: ['product'], currency: 'EUR', value: '10.00', num_items: 1 }))
  })

  it('standardEvents maps events (one-to-many); Purchase gets a currency; revenue becomes value', () => {
    const s: FbSettings = { ...S, standardEvents: [{ key: 'Payment Info Entered', value: 'AddPaymentInfo' }, { key: 'Signed Up', value: 'CompleteRegistration' }, { key: 'Signed Up', value: 'Lead' }, { key: 'Subscribed', value: 'Purchase' }] }
    expect(translate(track('Payment Info Entered', { payment_method: 'Visa' }), s)).toEqual(std('AddPaymentInfo', { payment_method: 'Visa' }))
    expect(translate(track('Signed Up', { method: 'google' }), s)).toEqual([
      fbq('trackSingle', PIXEL, 'CompleteRegistration', { method: 'google' }, opts),
      fbq('trackSingle', PIXEL, 'Lead', { method: 'google' }, opts),
    ])
    expect(translate(track('Subscribed', { revenue: 9.5, plan: 'pro' }), s)).toEqual(std('Purchase', { plan: 'pro', value: '9.50', currency: 'USD' }))
    const wish = { ...S, standardEvents: { 'Product Added to Wishlist': 'AddToWishlist' } }
    expect(translate(track('Product Added to Wishlist', { product_id: 'p1' }), wish)).toEqual(std('AddToWishlist', { product_id: 'p1' }))
  })

  it('legacyEvents send only currency and value', () => {
    const s: FbSettings = { ...S, legacyEvents: { 'Bought Plan': '600123' } }
    expect(translate(track('Bought Plan', { revenue: 5 }), s)).toEqual([fbq('track', '600123', { currency: 'USD', value: '5.00' })])
  })

  it('content_type: per-call option, then contentTypes by category, then the default', () => {
    const s: FbSettings = { ...S, contentTypes: { Cars: 'vehicle' } }
    const car = { product_id: 'c1', category: 'Cars', price: 1 }
    expect((translate(track('Product Viewed', car), s)[0].args[3] as any).content_type).toBe('vehicle')
    const withOption = track('Product Viewed', car, { integrations: { 'Facebook Pixel': { contentType: 'hotel' } } })
    expect((translate(withOption, s)[0].args[3] as any).content_type).toBe('hotel')
  })

  it('Product List Viewed without product ids uses the category as a product group', () => {
    expect(translate(track('Product List Viewed', { category: 'Games' }), S)).toEqual(
      std('ViewContent', { content_ids: ['Games'], contents: [{ id: 'Games', quantity: 1 }], content_type: ['product_group'] }),
    )
  })

  it('valueIdentifier price; allowed custom properties on standard events (built fields win)', () => {
    const s: FbSettings = { ...S, valueIdentifier: 'price', standardEventsCustomProperties: ['brand', 'currency'] }
    const out = translate(track('Product Viewed', { ...ECOMMERCE['Product Viewed'], price: 20 }), s)[0].args[3] as any
    expect(out.value).toBe('20.00')
    expect(out.brand).toBe('Hasbro')
    expect(out.currency).toBe('USD')
    expect(out.sku).toBeUndefined()
  })

  it('PII: default list dropped, allowlist kept, blocklist dropped or marked for hashing, travel dates formatted', () => {
    const s: FbSettings = { ...S, whitelistPiiProperties: ['city'], blacklistPiiProperties: [{ propertyName: 'secret', hashProperty: false }, { propertyName: 'member', hashProperty: true }] }
    const props = { email: 'a@b.c', phone: '1', city: 'Paris', secret: 'x', member: 'M-1', checkinDate: new Date('2026-05-01T10:00:00Z'), plan: 'pro' }
    expect(payload(props, s, false)).toEqual({ city: 'Paris', member: { sha256: 'M-1' }, checkinDate: '2026-05-01', plan: 'pro' })
  })

  it('page → PageView; group, alias → nothing; identify only with initWithExistingTraits', () => {
    expect(translate(page('Docs', 'Install'), S)).toEqual([fbq('track', 'PageView')])
    expect(translate(group('g-1'), S)).toEqual([])
    expect(translate(alias('user-42', 'anon'), S)).toEqual([])
    expect(translate(identify('user-42', { email: 'Jane@Example.com' }), S)).toEqual([])
    const s = { ...S, initWithExistingTraits: true, userIdAsExternalId: true }
    expect(translate(identify('user-42', { email: 'Jane@Example.com', name: 'Jane Q Doe' }), s)).toEqual([
      fbq('init', PIXEL, { em: 'jane@example.com', fn: 'jane', ln: 'doe', external_id: 'user-42' }),
    ])
  })

  it('advanced matching from stored traits', () => {
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
  })

  it('init: autoConfig, LDU (validated load option), init with matching', () => {
    expect(initCalls(S, { email: 'a@b.c' }, {})).toEqual([fbq('dataProcessingOptions', ['LDU'], 0, 0), fbq('init', PIXEL)])
    const s: FbSettings = { ...S, automaticConfiguration: false, initWithExistingTraits: true }
    expect(initCalls(s, { email: 'a@b.c' }, {}, [['LDU'], 1, 1000])).toEqual([
      fbq('set', 'autoConfig', false, PIXEL),
      fbq('dataProcessingOptions', ['LDU'], 1, 1000),
      fbq('init', PIXEL, { em: 'a@b.c' }),
    ])
    expect(initCalls({ ...S, limitedDataUse: false }, {}, {})).toEqual([fbq('init', PIXEL)])
    expect(dataProcessingOptions([['LDU'], 'x', 1])).toEqual([['LDU'], 0, 0])
  })

  it('reset re-inits without matching data', () => {
    expect(resetCalls(S)).toEqual([fbq('init', PIXEL)])
  })
})
