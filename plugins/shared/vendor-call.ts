// The one data shape every destination's translate() returns: calls on vendor globals,
// described as plain data so the mapping can be tested without a browser.

/**
 * One call on a vendor global. `fn` is a dotted path from `window` (`'gtag'`,
 * `'mixpanel.people.set'`); `then` is a further call on the value it returns
 * (`mixpanel.get_group(key, id).set_once(traits)`).
 */
export interface VendorCall {
  fn: string
  args: unknown[]
  then?: VendorCall
}

/** An argument built at call time: `new <ctor>()` followed by chained method calls (`amplitude.Identify`). */
export interface Construct {
  $new: string
  ops: [method: string, ...args: unknown[]][]
}

export const call = (fn: string, ...args: unknown[]): VendorCall => ({ fn, args })

export const construct = ($new: string, ops: Construct['ops']): Construct => ({ $new, ops })
