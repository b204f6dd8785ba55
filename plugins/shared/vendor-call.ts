// The one data shape every destination's translate() returns: calls on vendor globals,
// described as data so the mapping can be tested without a browser.
//
// Data is never code: the runner interprets an object only if it was built here (a call, a
// construct, a value to resolve before the call). Each one is frozen and recorded in a
// module-private WeakMap; no key, value or shape of caller data (properties, traits, context,
// options: JSON) can be in it, and a Proxy or a copy of a descriptor is not in it either.

/** What a descriptor asks of the runner: `call` and `new` (run-calls.ts), or a destination's own kind (`sha256`). */
export type DescriptorKind = 'call' | 'new' | 'sha256'

const descriptors = new WeakMap<object, DescriptorKind>()

/** Registers `value` as a descriptor of `kind` (and freezes it): the only way to make one. */
export function markDescriptor<T extends object>(kind: DescriptorKind, value: T): Readonly<T> {
  descriptors.set(value, kind)
  return Object.freeze(value)
}

/** Whether `value` is a descriptor of `kind` built by markDescriptor(); never true for caller data. */
export const isDescriptor = (value: unknown, kind: DescriptorKind): boolean =>
  typeof value === 'object' && value !== null && descriptors.get(value) === kind

/**
 * One call on a vendor global. `fn` is a dotted path from `window` (`'gtag'`,
 * `'mixpanel.people.set'`), always written in the destination's code; `args` reach the vendor
 * as they are, except constructs. `then` is a further call on the value it returns
 * (`mixpanel.get_group(key, id).set_once(traits)`).
 */
export interface VendorCall {
  readonly fn: string
  readonly args: unknown[]
  readonly then?: VendorCall
}

/** An argument built at call time: `new <ctor>()` followed by chained method calls (`amplitude.Identify`). */
export interface Construct {
  readonly ctor: string
  readonly ops: [method: string, ...args: unknown[]][]
}

export const call = (fn: string, ...args: unknown[]): VendorCall => markDescriptor('call', { fn, args })

/** `first`, then `next` on the value `first` returns. */
export const chained = (first: VendorCall, next: VendorCall): VendorCall => markDescriptor('call', { fn: first.fn, args: first.args, then: next })

export const construct = (ctor: string, ops: Construct['ops']): Construct => markDescriptor('new', { ctor, ops })
