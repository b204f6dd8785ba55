// Executes translated vendor calls against window globals: the only side effect of a destination hook.
// It interprets descriptors built by vendor-call.ts and nothing else: every other value,
// whatever its keys, reaches the vendor as a plain argument.
import { isDescriptor, type Construct, type VendorCall } from './vendor-call'

type Obj = Record<string, any>

function build(arg: unknown, root: Obj): unknown {
  if (!isDescriptor(arg, 'new')) return arg
  const { ctor, ops } = arg as Construct
  const Ctor = resolve(root, ctor.split('.'))
  let obj = new Ctor()
  for (const [method, ...args] of ops) obj = obj[method](...args) ?? obj
  return obj
}

function resolve(root: Obj, path: string[]): any {
  let value: any = root
  for (const key of path) value = value?.[key]
  return value
}

/** Runs one call (and its `then` chain) with the owner object as `this`, as the vendor snippet would. */
export function runCall(vendorCall: VendorCall, root: Obj = window): unknown {
  if (!isDescriptor(vendorCall, 'call')) throw new TypeError('not a vendor call built by call()')
  const path = vendorCall.fn.split('.')
  const method = path.pop() as string
  const owner = resolve(root, path)
  const result = owner[method](...vendorCall.args.map((a) => build(a, root)))
  return vendorCall.then ? runCall(vendorCall.then, result) : result
}

/** Runs every call; one failing call does not stop the rest. Returns the errors for the caller to log. */
export function runCalls(calls: VendorCall[], root: Obj = window): unknown[] {
  const errors: unknown[] = []
  for (const c of calls) {
    try {
      runCall(c, root)
    } catch (err) {
      errors.push(err)
    }
  }
  return errors
}
