// Turns whatever a caller passed into JSON-safe data, recording what had to change. Pure.
import { MAX_MESSAGE_BYTES } from './constants'

export const CIRCULAR_MARKER = '[Circular]'
const MAX_DEPTH = 64

/** Thrown (the reason itself) when a message's data alone is over the tracking API's per-message limit. */
export const TOO_LARGE = `message is over ${MAX_MESSAGE_BYTES} bytes; the tracking API accepts at most ${MAX_MESSAGE_BYTES}`

/**
 * A JSON-safe deep copy: circular references become a marker, BigInt a string, NaN/Infinity null;
 * functions, Symbols, undefined and whatever throws when read are dropped (null inside arrays, as
 * JSON does). Dates stay Dates for plugins; JSON makes them ISO strings on the wire. An own
 * `__proto__` key stays an ordinary key. `budget.left` counts JSON characters, shared by the parts
 * of one message: every value and key read spends at least one, so the work is linear in the size
 * of the copy and ends with TOO_LARGE as soon as the message is over the limit (however much the
 * input shares sub-objects, and however long a sparse array says it is).
 */
export function toJSONSafe(value: unknown, problems: string[] = [], budget = { left: MAX_MESSAGE_BYTES }): unknown {
  /** The way down: each object being copied, then the key taken from it. */
  const path: unknown[] = []
  const note = (what: string, result?: unknown) => {
    problems.push(`${path[path.length - 1]}: ${what}`)
    return result
  }
  const copy = (v: unknown): unknown => {
    const type = typeof v
    if ((budget.left -= type === 'string' ? (v as string).length + 2 : 1) < 0) throw TOO_LARGE
    if (type === 'number') return Number.isFinite(v) ? v : note('not finite: null', null)
    if (type === 'bigint') return copy(note('BigInt: string', String(v)))
    if (type === 'function' || type === 'symbol') return note(`${type}: dropped`)
    if (!v || type !== 'object') return v
    const obj = v as Record<string, unknown>
    // A toJSON returning `this` meets itself here too.
    if (path.includes(obj)) return note('circular', CIRCULAR_MARKER)
    if (path.length > 2 * MAX_DEPTH) return note('too deep: null', null)
    const down = (key: unknown, value: unknown) => {
      path.push(obj, key)
      const c = copy(value)
      path.length -= 2
      return c
    }
    // Reading can throw (a getter, a Proxy, toJSON): then this object is dropped, and only it.
    try {
      // A Date goes to plugins as the caller passed it (JSON makes it an ISO string on the wire).
      if (obj instanceof Date) return obj.getTime() === obj.getTime() ? obj : note('invalid Date: null', null)
      // As JSON.stringify; a toJSON returning `this` meets itself as a cycle.
      if (typeof obj.toJSON === 'function') return down('toJSON', obj.toJSON())
      if (Array.isArray(obj)) {
        // Index by index: a sparse `a[1e7] = 1` spends the budget as it goes, never ten million at once.
        const list: unknown[] = []
        for (let i = 0; i < obj.length; i++) list.push(down(i, obj[i]) ?? null)
        return list
      }
      let out: Record<string, unknown> = {}
      for (const key of Object.keys(obj)) {
        const value = obj[key]
        budget.left -= key.length + 3
        const c = down(key, value)
        // Assigning `__proto__` would set the copy's prototype; a computed key in a literal is a key.
        if (c !== undefined) key === '__proto__' ? (out = { ...out, [key]: c }) : (out[key] = c)
      }
      return out
    } catch (err) {
      if (err === TOO_LARGE) throw err
      return note('threw: dropped')
    }
  }
  return copy(value)
}
