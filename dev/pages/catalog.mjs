// The demo shop's products (E-commerce spec product objects).
export const CURRENCY = 'USD'

export const PRODUCTS = [
  { product_id: 'sb-101', sku: 'CBL-1', name: 'Patch Cord', category: 'Cables', brand: 'Switchboard Co', variant: 'Red, 1 m', price: 9.5 },
  { product_id: 'sb-102', sku: 'JCK-2', name: 'Brass Jack Plug', category: 'Parts', brand: 'Switchboard Co', variant: '6.35 mm', price: 4.25 },
  { product_id: 'sb-103', sku: 'HDS-3', name: 'Operator Headset', category: 'Audio', brand: 'Bell & Sons', variant: 'Black', price: 59 },
  { product_id: 'sb-104', sku: 'DIL-4', name: 'Rotary Dial', category: 'Parts', brand: 'Bell & Sons', variant: 'Ivory', price: 24.99 },
  { product_id: 'sb-105', sku: 'LMP-5', name: 'Signal Lamp', category: 'Parts', brand: 'Switchboard Co', variant: 'Amber', price: 3.75 },
  { product_id: 'sb-106', sku: 'BRD-6', name: 'Desk Switchboard', category: 'Boards', brand: 'Switchboard Co', variant: '10 lines', price: 349 },
]

/** @param {string} id */
export function findProduct(id) {
  return PRODUCTS.find((p) => p.product_id === id)
}
