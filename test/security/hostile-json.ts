// fast-check generators for hostile data: arbitrary JSON values with odd keys (own `__proto__`,
// `constructor`, descriptor-like keys), shared references and sparse arrays, and spec messages
// carrying them in every field a caller controls.
import fc from 'fast-check'
import type { SegmentEvent } from '../../src/core/types'

/** Names of Object.prototype members, and keys that look like the runner's own descriptors. */
export const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'toJSON',
  'then',
  '$new',
  'ops',
  'ctor',
  'fn',
  'args',
  '$sha256',
  'sha256',
  'length',
  '0',
]

/** Keys the translators read by name, so that generated data reaches their branches. */
const KNOWN_KEYS = [
  'products',
  'product_id',
  'id',
  'sku',
  'price',
  'quantity',
  'revenue',
  'total',
  'value',
  'currency',
  'category',
  'name',
  'email',
  'firstName',
  'lastName',
  'phone',
  'address',
  'city',
  'birthday',
  'gender',
  'username',
  'createdAt',
  'url',
  'title',
  'referrer',
  'order_id',
  'query',
  'coupon',
  'shipping',
  'tax',
  'position',
  'list_id',
  'member',
  'plan',
  'company',
  'session_id',
  'groups',
  'contentType',
  'lowercase',
  'send_to',
  'revenueType',
  'shipping_method',
  'payment_method',
  'method',
  'page',
  'link_query',
  'form_query',
]

export const key = fc.oneof(fc.constantFrom(...ODD_KEYS), fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 8 }))

/** Every key an own data property, as JSON.parse makes them (an own `__proto__` included). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
}

const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...ODD_KEYS, '19.99', '1e308', '-0', 'Function', 'window.__pwned = 1'),
)

export const { value: jsonValue, object: jsonObject } = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[]; sparse: unknown[] }>(
  (tie) => ({
    value: fc.oneof({ maxDepth: 3, depthIdentifier: 'json' }, leaf, tie('object'), tie('array'), tie('sparse')),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map(objectOf),
    array: fc.array(tie('value'), { maxLength: 4 }),
    sparse: fc.sparseArray(tie('value'), { maxLength: 300, maxNumElements: 3 }),
  }),
)

/** The construct request that used to run as code, somewhere in the data. */
const attack = fc.constant({ $new: 'Function', ops: [['constructor', 'window.__pwned = 1'], ['call']] })

/** An object with one value referenced from several places (and from inside a nested object and list). */
const withShared = fc.tuple(jsonObject, fc.oneof(jsonValue, attack), fc.array(key, { minLength: 1, maxLength: 4 })).map(([obj, shared, keys]) => {
  const out = objectOf(Object.entries(obj))
  for (const k of keys) Object.defineProperty(out, k, { value: shared, enumerable: true, writable: true, configurable: true })
  return objectOf([...Object.entries(out), ['nested', objectOf([['a', shared]])], ['list', [shared, shared]]])
})

/** Values for the fields translators do arithmetic with: often numbers whose products and sums overflow. */
const amount = fc.oneof(
  { arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 10, '1e308', '2'), weight: 4 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 2 },
  { arbitrary: jsonValue, weight: 1 },
)
const amounts = fc.record({ revenue: amount, total: amount, value: amount, price: amount, quantity: amount }, { requiredKeys: [] })
const product = fc.tuple(jsonObject, amounts).map(([base, fields]) => objectOf([...Object.entries(base), ...Object.entries(fields)]))

/** E-commerce-shaped properties: the fields translators use, with hostile values and products. */
const commerce = fc
  .tuple(jsonObject, fc.array(fc.oneof(product, withShared, attack), { maxLength: 4 }), amounts, fc.record({ currency: jsonValue, category: jsonValue }, { requiredKeys: [] }))
  .map(([base, products, numbers, fields]) => objectOf([...Object.entries(base), ...Object.entries(numbers), ...Object.entries(fields), ['products', products]]))

export const properties = fc.oneof(jsonObject, withShared, commerce, product, attack.map((a) => objectOf(Object.entries(a))))

const EVENTS = [
  'Order Completed',
  'Completed Order',
  'Order Refunded',
  'Product Viewed',
  'Product Added',
  'Product List Viewed',
  'Product Clicked',
  'Checkout Started',
  'Checkout Step Completed',
  'Cart Viewed',
  'Products Searched',
  'Promotion Viewed',
  'Signed Up',
  'Clicked',
]
const text = fc.oneof(fc.constantFrom(...ODD_KEYS, ...EVENTS), fc.string({ maxLength: 12 }))
const id = fc.option(text, { nil: null })

const integrations = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('Amplitude', 'Mixpanel', 'Facebook Pixel', 'Google Analytics 4 Web', 'PostHog', 'All'), key), fc.oneof(jsonValue, jsonObject, attack)), { maxLength: 5 })
  .map(objectOf)

/** A spec message of any type whose caller-controlled fields are hostile. */
export const message: fc.Arbitrary<SegmentEvent> = fc
  .record({
    type: fc.constantFrom('track', 'page', 'identify', 'group', 'alias', 'screen'),
    event: text,
    name: fc.option(text, { nil: undefined }),
    category: fc.option(text, { nil: undefined }),
    properties,
    traits: properties,
    context: fc.tuple(jsonObject, fc.oneof(jsonObject, attack)).map(([c, page]) => objectOf([...Object.entries(c), ['page', page]])),
    integrations,
    userId: id,
    anonymousId: id,
    groupId: fc.option(text, { nil: undefined }),
    previousId: fc.option(text, { nil: undefined }),
    messageId: fc.string({ maxLength: 12 }),
  })
  .map((m) => ({ ...m, timestamp: '2026-01-01T00:00:00.000Z' }) as unknown as SegmentEvent)

/** Long lists of small objects, each with keys of its own: what a mapping that grows with keys × items would blow up. */
const wide = fc
  .array(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), leaf), { minLength: 1, maxLength: 2 }).map(objectOf), { minLength: 50, maxLength: 200 })
  .map((list) => objectOf([['products', list]]))

/** Any message type, with little else in it, whose properties and traits are wide lists. */
export const wideMessage: fc.Arbitrary<SegmentEvent> = fc
  .tuple(fc.constantFrom('track', 'page', 'identify', 'group'), fc.constantFrom('Order Completed', 'Clicked'), wide, wide)
  .map(([type, event, properties, traits]) => ({ type, event, properties, traits, userId: 'u', groupId: 'g', messageId: 'm', timestamp: 't' }) as unknown as SegmentEvent)

/** A track of an E-commerce event (or a page) whose properties carry products and amounts of any size. */
export const commerceMessage: fc.Arbitrary<SegmentEvent> = fc
  .tuple(message, fc.constantFrom('track', 'track', 'track', 'page'), fc.constantFrom(...EVENTS), fc.oneof(commerce, product))
  .map(([m, type, event, properties]) => ({ ...m, type, event, properties }) as SegmentEvent)
