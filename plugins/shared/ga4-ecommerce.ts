// E-commerce v2 → GA4 recommended events (destinations.md §1.4). Shared by the GA4 destination
// and GTM's optional GA4-style dataLayer pushes. Pure.
import { productId, productsOf, quantityOf, v2Name } from './ecommerce'
import { compact, own, toNumber, type Props } from './values'

export interface Ga4Event {
  name: string
  params: Props
}

/** One GA4 item from one spec product; `index` ← `position` only for list events. */
export function ga4Item(p: Props, withIndex: boolean): Props {
  return compact({
    item_id: productId(p),
    item_name: p.name,
    affiliation: p.affiliation,
    coupon: p.coupon,
    index: withIndex ? toNumber(p.position) : undefined,
    item_brand: p.brand,
    item_category: p.category,
    item_variant: p.variant,
    price: toNumber(p.price),
    quantity: quantityOf(p),
  })
}

/** GA4 items; an item needs an id or a name, and an empty list is left out. */
function items(props: Props, withIndex = false): Props[] | undefined {
  const list = productsOf(props)
    .map((p) => ga4Item(p, withIndex))
    .filter((i) => i.item_id !== undefined || i.item_name !== undefined)
  return list.length ? list : undefined
}

/** Sum of price × quantity, when every product has a price (and it is a finite number). */
function itemsTotal(props: Props): number | undefined {
  let sum = 0
  for (const p of productsOf(props)) {
    const price = toNumber(p.price)
    if (price === undefined) return undefined
    sum += price * quantityOf(p)
  }
  return toNumber(sum)
}

/** `value` with the event's own `currency`, as given (GA4 Web maps `properties.currency`; none is assumed). */
function money(props: Props, value: number | undefined): Props {
  return value === undefined ? {} : compact({ currency: props.currency, value })
}

const first = (props: Props, keys: string[]) => {
  for (const k of keys) {
    const n = toNumber(props[k])
    if (n !== undefined) return n
  }
}

/** Single-product value: `value`, else price × quantity (when finite). */
const productValue = (p: Props) => {
  const price = toNumber(p.price)
  return toNumber(p.value) ?? (price === undefined ? undefined : toNumber(price * quantityOf(p)))
}

const promotion = (p: Props) =>
  compact({
    promotion_id: p.promotion_id,
    promotion_name: p.name,
    creative_slot: p.creative,
    creative_name: p.creative_name,
    location_id: p.position,
    items: Array.isArray(p.products) ? items(p) : undefined,
  })

const order = (p: Props, withItems: boolean) =>
  compact({
    transaction_id: p.order_id,
    ...money(p, first(p, ['total', 'revenue'])),
    tax: toNumber(p.tax),
    shipping: toNumber(p.shipping),
    coupon: p.coupon,
    affiliation: p.affiliation,
    items: withItems ? items(p, true) : undefined,
  })

const MAP: Record<string, (p: Props) => Ga4Event | undefined> = {
  'Products Searched': (p) => ({ name: 'search', params: { search_term: typeof p.query === 'string' ? p.query : JSON.stringify(p.query) } }),
  'Product List Viewed': (p) => ({
    name: 'view_item_list',
    params: compact({ item_list_id: p.list_id ?? p.item_list_id, item_list_name: p.category ?? p.item_list_name, items: items(p, true) }),
  }),
  'Product Clicked': (p) => ({
    name: 'select_item',
    params: compact({ item_list_id: p.list_id ?? p.item_list_id, item_list_name: p.list_name ?? p.item_list_name, items: items(p, true) }),
  }),
  'Product Viewed': (p) => ({ name: 'view_item', params: compact({ ...money(p, productValue(p)), items: items(p) }) }),
  'Product Added': (p) => ({ name: 'add_to_cart', params: compact({ ...money(p, productValue(p)), items: items(p) }) }),
  'Product Removed': (p) => ({ name: 'remove_from_cart', params: compact({ ...money(p, productValue(p)), items: items(p) }) }),
  'Product Added to Wishlist': (p) => ({ name: 'add_to_wishlist', params: compact({ ...money(p, productValue(p)), items: items(p) }) }),
  'Cart Viewed': (p) => ({ name: 'view_cart', params: compact({ ...money(p, first(p, ['value', 'revenue', 'total']) ?? itemsTotal(p)), items: items(p, true) }) }),
  'Checkout Started': (p) => ({
    name: 'begin_checkout',
    params: compact({ ...money(p, first(p, ['value', 'revenue', 'total'])), coupon: p.coupon, items: items(p, true) }),
  }),
  'Checkout Step Completed': (p) =>
    p.shipping_method
      ? {
          name: 'add_shipping_info',
          params: compact({ ...money(p, first(p, ['value', 'revenue', 'total'])), coupon: p.coupon, shipping_tier: p.shipping_method, items: items(p) }),
        }
      : undefined,
  'Payment Info Entered': (p) => ({
    name: 'add_payment_info',
    params: compact({ ...money(p, first(p, ['value', 'revenue', 'total'])), coupon: p.coupon, payment_type: p.payment_method, items: items(p, true) }),
  }),
  'Order Completed': (p) => ({ name: 'purchase', params: order(p, true) }),
  // A refund without products is a full refund: GA4 wants no items then.
  'Order Refunded': (p) => ({ name: 'refund', params: order(p, Array.isArray(p.products)) }),
  'Promotion Viewed': (p) => ({ name: 'view_promotion', params: promotion(p) }),
  'Promotion Clicked': (p) => ({ name: 'select_promotion', params: promotion(p) }),
  'Product Shared': (p) => ({ name: 'share', params: compact({ method: p.share_via, content_type: 'product', item_id: productId(p) }) }),
  'Signed Up': (p) => ({ name: 'sign_up', params: compact({ method: p.method }) }),
  'Signed In': (p) => ({ name: 'login', params: compact({ method: p.method }) }),
}

/** The GA4 recommended event for a spec event, or undefined when there is none. */
export function ga4Ecommerce(event: string, props: Props = {}): Ga4Event | undefined {
  return own<(p: Props) => Ga4Event | undefined>(MAP, v2Name(event))?.(props)
}
