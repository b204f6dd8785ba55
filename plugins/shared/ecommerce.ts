// E-commerce v2 helpers shared by the destinations (destinations.md §0, ecommerce.md §9). Pure.
import { own, toNumber, type Props } from './values'

/** v1 / legacy names → the v2 name every mapping table is keyed by. */
const V1: Record<string, string> = {
  'Viewed Product Category': 'Product List Viewed',
  'Viewed Promotion': 'Promotion Viewed',
  'Clicked Promotion': 'Promotion Clicked',
  'Clicked Product': 'Product Clicked',
  'Viewed Product': 'Product Viewed',
  'Added Product': 'Product Added',
  'Removed Product': 'Product Removed',
  'Started Order': 'Checkout Started',
  'Viewed Checkout Step': 'Checkout Step Viewed',
  'Completed Checkout Step': 'Checkout Step Completed',
  'Updated Order': 'Order Updated',
  'Completed Order': 'Order Completed',
}

export const v2Name = (event: string): string => own(V1, event) ?? event

/** product id = `product_id` ?? `id` ?? `sku`. */
export const productId = (p: Props): string | undefined => p.product_id ?? p.id ?? p.sku

/** `products[]`, or the top-level properties as the one product of a single-product event. */
export const productsOf = (props: Props): Props[] =>
  Array.isArray(props.products) ? props.products.filter((p: unknown) => p && typeof p === 'object') : [props]

/** Quantity as a Number, 1 when absent. */
export const quantityOf = (p: Props): number => toNumber(p.quantity) ?? 1

/** The event's currency as given, `USD` when it has none (the classic facade's currency()). */
export const currencyOf = (props: Props): unknown => props.currency || 'USD'

/** The classic revenue rule: `revenue`, and for `Order Completed` fall back to `total`. */
export const revenueOf = (event: string, props: Props): number | undefined =>
  toNumber(props.revenue) ?? (v2Name(event) === 'Order Completed' ? toNumber(props.total) : undefined)
