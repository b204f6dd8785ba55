// Spec messages used by every destination's translation table (ecommerce.md examples).
import type { EventType, SegmentEvent } from '../../src/core/types'

export const MESSAGE_ID = 'ajs-next-1700000000000-4f1c'
export const ANON = 'a1b2c3d4-anon'
export const TIMESTAMP = '2026-11-23T12:00:00.000Z'

export function message(type: EventType, fields: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type,
    messageId: MESSAGE_ID,
    timestamp: TIMESTAMP,
    anonymousId: ANON,
    userId: null,
    context: { page: { url: 'https://www.example.com/docs/install?x=1', title: 'Install', path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1' } },
    integrations: {},
    ...fields,
  }
}

export const track = (event: string, properties: Record<string, any> = {}, fields: Partial<SegmentEvent> = {}) =>
  message('track', { event, properties, ...fields })

/** A page() as the pipeline builds it: page properties merged with name and category. */
export const page = (category?: string, name?: string, extra: Record<string, any> = {}) =>
  message('page', {
    name,
    category,
    properties: {
      path: '/docs/install',
      referrer: 'https://www.google.com/',
      search: '?x=1',
      title: 'Install',
      url: 'https://www.example.com/docs/install?x=1',
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...extra,
    },
  })

export const identify = (userId: string | null, traits: Record<string, any> = {}, fields: Partial<SegmentEvent> = {}) =>
  message('identify', { userId, traits, ...fields })

export const group = (groupId: string, traits: Record<string, any> = {}, fields: Partial<SegmentEvent> = {}) =>
  message('group', { groupId, traits, userId: 'user-42', ...fields })

export const alias = (userId: string, previousId: string) => message('alias', { userId, previousId })

export const MONOPOLY = {
  product_id: '507f1f77bcf86cd799439011',
  sku: '45790-32',
  name: 'Monopoly: 3rd Edition',
  price: 19,
  quantity: 1,
  category: 'Games',
  url: 'https://www.example.com/product/path',
  image_url: 'https://www.example.com/product/path.jpg',
}
export const UNO = { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' }

/** The canonical Order Completed payload (ecommerce.md §4). */
export const ORDER = {
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

/** The Product Viewed example (note the lower-case currency). */
export const VIEWED = {
  product_id: '507f1f77bcf86cd799439011',
  sku: 'G-32',
  category: 'Games',
  name: 'Monopoly: 3rd Edition',
  brand: 'Hasbro',
  variant: '200 pieces',
  price: 18.99,
  quantity: 1,
  coupon: 'MAYDEALS',
  currency: 'usd',
  position: 3,
  value: 18.99,
  url: 'https://www.example.com/product/path',
  image_url: 'https://www.example.com/product/path.jpg',
}

export const LISTED = [
  { product_id: 'p1', name: 'Monopoly', price: 19, position: 1, category: 'Games' },
  { product_id: 'p2', name: 'Uno', price: 3, position: 2, category: 'Games' },
]

/** Properties for each of the 28 E-commerce v2 events. */
export const ECOMMERCE: Record<string, Record<string, any>> = {
  'Products Searched': { query: 'blue hotpants' },
  'Product List Viewed': { list_id: 'hot_deals_1', category: 'Deals', products: LISTED },
  'Product List Filtered': { list_id: 'todays_deals', filters: [{ type: 'department', value: 'beauty' }], sorts: [{ type: 'price', value: 'desc' }], products: LISTED },
  'Promotion Viewed': { promotion_id: 'promo_1', creative: 'top_banner_2', name: '75% store-wide shoe sale', position: 'home_banner_top' },
  'Promotion Clicked': { promotion_id: 'promo_1', creative: 'top_banner_2', name: '75% store-wide shoe sale', position: 'home_banner_top' },
  'Product Clicked': VIEWED,
  'Product Viewed': VIEWED,
  'Product Added': { cart_id: 'cart-1', product_id: 'p2', name: 'Uno', price: 3, quantity: 2 },
  'Product Removed': { cart_id: 'cart-1', product_id: 'p2', name: 'Uno', price: 3, quantity: 2 },
  'Cart Viewed': { cart_id: 'cart-1', products: [MONOPOLY, UNO] },
  'Checkout Started': { order_id: 'o-1', affiliation: 'Google Store', value: 30, revenue: 25, shipping: 3, tax: 2, discount: 2.5, coupon: 'hasbros', currency: 'usd', products: [MONOPOLY, UNO] },
  'Checkout Step Viewed': { checkout_id: 'c-1', step: 2, shipping_method: 'Fedex', payment_method: 'Visa' },
  'Checkout Step Completed': { checkout_id: 'c-1', step: 2, shipping_method: 'Fedex', payment_method: 'Visa' },
  'Payment Info Entered': { checkout_id: 'c-1', order_id: 'o-1', step: 3, shipping_method: 'Fedex', payment_method: 'Visa' },
  'Order Updated': { order_id: 'o-1', total: 30, revenue: 25, currency: 'USD', products: [UNO] },
  'Order Completed': ORDER,
  'Order Refunded': { order_id: '50314b8e9bcf000000000000', total: 27.5, currency: 'USD' },
  'Order Cancelled': { order_id: 'o-1', total: 30, revenue: 25, currency: 'USD', products: [UNO] },
  'Coupon Entered': { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016' },
  'Coupon Applied': { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', discount: 23.32 },
  'Coupon Denied': { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', reason: 'Coupon expired' },
  'Coupon Removed': { order_id: 'o-1', cart_id: 'cart-1', coupon_id: 'may_deals_2016', coupon_name: 'May Deals 2016', discount: 23.32 },
  'Product Added to Wishlist': { wishlist_id: 'w-1', wishlist_name: 'Loved Games', product_id: 'p1', name: 'Monopoly', price: 19, quantity: 1 },
  'Product Removed from Wishlist': { wishlist_id: 'w-1', wishlist_name: 'Loved Games', product_id: 'p1', name: 'Monopoly' },
  'Wishlist Product Added to Cart': { wishlist_id: 'w-1', wishlist_name: 'Loved Games', cart_id: 'cart-1', product_id: 'p1', name: 'Monopoly' },
  'Product Shared': { share_via: 'email', share_message: 'Hey, check out this item', recipient: 'friend@example.com', product_id: 'p1', name: 'Monopoly' },
  'Cart Shared': { share_via: 'email', cart_id: 'cart-1', products: [{ product_id: 'p1' }, { product_id: 'p2' }] },
  'Product Reviewed': { product_id: 'p1', review_id: 'r-1', review_body: 'Fun', rating: '5' },
}
