// Golden table: spec message → the exact heap calls of Segment's "Heap Web (Actions)" presets
// (action-destinations browser-destinations/heap: trackEvent, identifyUser). One source note per row.
import { describe, expect, it } from 'vitest'
import { LIBRARY, flatten, heapConfig, resetCalls, scriptSrc, translate, type HeapSettings } from '../../plugins/heap/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: HeapSettings = { appId: '1234567' }
const heap = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'heap.' + fn, args })
const ACT = 'action-destinations heap'
const ANON_PROPS = heap('addUserProperties', { anonymous_id: ANON })

/** Heap's flat form of a value: strings as they are, numbers and booleans as text, arrays as JSON. */
const asText = (v: unknown) => (typeof v === 'string' || v === null ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))
const flat = (props: Record<string, any>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, asText(v)]))

type Row = [name: string, msg: SegmentEvent, settings: HeapSettings, calls: VendorCall[], source: string]

const ORDER_FLAT = {
  checkout_id: ORDER.checkout_id,
  order_id: ORDER.order_id,
  affiliation: 'Google Store',
  total: '27.5',
  subtotal: '22.5',
  revenue: '22.5',
  shipping: '3',
  tax: '2',
  discount: '2.5',
  coupon: 'hasbros',
  currency: 'USD',
  products: JSON.stringify([MONOPOLY, UNO]),
  segment_library: LIBRARY,
}

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [
    `E-commerce v2 ${event}: the anonymous id as a user property, then the event with flattened properties`,
    track(event, ECOMMERCE[event]),
    S,
    [ANON_PROPS, heap('track', event, { ...flat(ECOMMERCE[event]), segment_library: LIBRARY })],
    `${ACT} trackEvent: addUserProperties({ anonymous_id }), track(name, flattenProperties(properties) + segment_library)`,
  ]),
  ['Order Completed: values as text, products as JSON', track('Order Completed', ORDER), S, [ANON_PROPS, heap('track', 'Order Completed', ORDER_FLAT)], `${ACT} trackEvent: utils flat() stringifies every leaf`],
  [
    'nested objects → dotted keys; null kept',
    track('Booked', { trip: { from: 'CDG', legs: 2, meta: { ok: true } }, note: null, at: new Date('2026-01-02T00:00:00Z') }),
    S,
    [ANON_PROPS, heap('track', 'Booked', { 'trip.from': 'CDG', 'trip.legs': '2', 'trip.meta.ok': 'true', note: null, at: '2026-01-02T00:00:00.000Z', segment_library: LIBRARY })],
    `${ACT} trackEvent: flat() joins nested keys with '.'`,
  ],
  [
    'browserArrayLimit: array items first as their own events, then the event',
    track('Order Completed', { order_id: 'o-1', products: [{ sku: 'a', price: 1 }, { sku: 'b' }, { sku: 'c' }] }),
    { ...S, browserArrayLimit: 2 },
    [
      ANON_PROPS,
      heap('track', 'Order Completed products item', { sku: 'a', price: '1', segment_library: LIBRARY }),
      heap('track', 'Order Completed products item', { sku: 'b', segment_library: LIBRARY }),
      heap('track', 'Order Completed', { order_id: 'o-1', products: JSON.stringify([{ sku: 'a', price: 1 }, { sku: 'b' }, { sku: 'c' }]), segment_library: LIBRARY }),
    ],
    `${ACT} trackEvent heapTrackArrays: '<event> <key> item' per item up to the limit`,
  ],
  ['context.traits ride along as user properties', track('Clicked', {}, { context: { traits: { plan: 'pro', address: { city: 'Paris' } } } }), S, [heap('addUserProperties', { anonymous_id: ANON, plan: 'pro', 'address.city': 'Paris' }), heap('track', 'Clicked', { segment_library: LIBRARY })], `${ACT} trackEvent: traits ← $.context.traits, flattened`],
  ['non-ASCII event names unchanged', track('カートに追加'), S, [ANON_PROPS, heap('track', 'カートに追加', { segment_library: LIBRARY })], `${ACT} trackEvent: name ← $.event`],
  [
    'identify: identify(userId), then the traits as user properties',
    identify('user-42', { email: 'jane@example.com', seats: 3, address: { city: 'Paris' } }),
    S,
    [heap('identify', 'user-42'), heap('addUserProperties', { email: 'jane@example.com', seats: '3', 'address.city': 'Paris' })],
    `${ACT} identifyUser: identify(userId) and addUserProperties(traits) (Switchboard: identify first, traits flattened as trackEvent flattens them)`,
  ],
  ['identify without a user id → user properties only', identify(null, { plan: 'pro' }), S, [heap('addUserProperties', { plan: 'pro' })], `${ACT} identifyUser: identify only with a userId`],
  ['identify with no traits → identify only', identify('user-42'), S, [heap('identify', 'user-42')], `${ACT} identifyUser: addUserProperties only with traits`],
  ['page → nothing (Heap captures page views itself)', page('Docs', 'Index'), S, [], `${ACT}: no page preset`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${ACT}: no group action`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${ACT}: no alias action`],
]

describe('Heap: golden table (Heap Web (Actions) presets)', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^action-destinations heap/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('reset → resetIdentity (Heap web SDK: a new anonymous user)', () => {
    expect(resetCalls()).toEqual([heap('resetIdentity')])
  })

  it('load config and script (action-destinations heap initialize)', () => {
    expect(heapConfig(S)).toEqual({ disableTextCapture: false, secureCookie: false })
    expect(heapConfig({ ...S, secureCookie: true, ingestServer: 'https://h.example.com' })).toEqual({ disableTextCapture: false, secureCookie: true, ingestServer: 'https://h.example.com' })
    expect(scriptSrc(S)).toBe('https://cdn.us.heap-api.com/config/1234567/heap_config.js')
    expect(scriptSrc({ ...S, hostname: 'h.example.com' })).toBe('https://h.example.com/config/1234567/heap_config.js')
    expect(scriptSrc({ ...S, hostname: 'h.example.com', trackingServer: 'https://t.example.com' })).toBe('https://h.example.com/js/heap-1234567.js')
  })

  it('flatten: names longer than 128 characters are left out, so a deep path over many leaves cannot multiply the size (Switchboard)', () => {
    const leaves = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [String(i), 0]))
    const deep = { ['k'.repeat(120)]: { abcdefghij: leaves }, short: { a: 1 } }
    const out = flatten(deep)
    expect(out).toEqual({ 'short.a': '1' })
    const wide = { ['k'.repeat(100)]: leaves }
    expect(JSON.stringify(flatten(wide)).length).toBeLessThan(30 * JSON.stringify(wide).length)
  })

  it('flatten: own keys only, a __proto__ key stays a key', () => {
    const out = flatten(JSON.parse('{"__proto__": {"x": 1}, "a": {"__proto__": 2}}'))
    expect(Object.keys(out)).toEqual(['__proto__.x', 'a.__proto__'])
    expect(({} as any).x).toBeUndefined()
  })
})
