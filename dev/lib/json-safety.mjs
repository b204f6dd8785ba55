// Handling JSON that came from anyone: a depth check that cannot overflow the stack, and a
// serialisation that cannot throw. Pure functions.

/**
 * How deeply a message may nest: the message object is level 1, its `properties` level 2.
 * JSON.stringify and the debugger recurse, so deeper messages are refused at the door.
 */
export const MAX_MESSAGE_DEPTH = 100

/**
 * True when `value` nests objects or arrays more than `limit` levels deep (a scalar is 0
 * levels, `{}` is 1). Walks with its own stack, so any depth is measured safely, and stops at
 * the first branch over the limit.
 * @param {unknown} value
 * @param {number} limit
 */
export function nestedDeeperThan(value, limit) {
  /** @type {[unknown, number][]} */
  const stack = [[value, 1]]
  while (stack.length > 0) {
    const [current, depth] = /** @type {[unknown, number]} */ (stack.pop())
    if (typeof current !== 'object' || current === null) continue
    if (depth > limit) return true
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}

/**
 * JSON text for `value`, or the JSON of `fallback(error)` when it cannot be serialised
 * (too deep, too long, a cycle). Never throws as long as `fallback` returns plain data.
 * @param {unknown} value
 * @param {(reason: string) => unknown} fallback
 */
export function stringifyOr(value, fallback) {
  try {
    const text = JSON.stringify(value)
    if (text !== undefined) return text
    return JSON.stringify(fallback('not JSON'))
  } catch (error) {
    return JSON.stringify(fallback(String(/** @type {Error} */ (error)?.message ?? error).slice(0, 200)))
  }
}

/**
 * `value` when it is a string, number, boolean or null (a string cut to `max` characters), else
 * undefined: for echoing fields of a message that may be anything.
 * @param {unknown} value
 * @param {number} [max]
 */
export function scalarOrUndefined(value, max = 200) {
  if (typeof value === 'string') return value.length > max ? value.slice(0, max) + '…' : value
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  return undefined
}
