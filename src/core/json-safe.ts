// Turns whatever a caller passed into JSON-safe data, recording what had to change. Pure.

export const CIRCULAR_MARKER = '[Circular]'
const MAX_DEPTH = 64

/**
 * A JSON-safe deep copy: circular references become a marker, BigInt a string, Dates ISO strings,
 * NaN/Infinity null; functions, Symbols and undefined are dropped (null inside arrays, as JSON does).
 */
export function toJSONSafe(value: unknown, problems: string[] = [], path = ''): unknown {
  return copy(value, problems, path, [], 0)
}

function copy(value: unknown, problems: string[], path: string, seen: object[], depth: number): unknown {
  const note = (what: string, result: unknown) => (problems.push(`${path || 'value'}: ${what}`), result)
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value
    case 'number':
      return Number.isFinite(value) ? value : note('not finite: null', null)
    case 'bigint':
      return note('BigInt: string', value.toString())
    case 'function':
    case 'symbol':
      return note(`${typeof value}: dropped`, undefined)
  }
  if (value === null) return null
  const obj = value as Record<string, unknown>
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? note('invalid Date: null', null) : value.toISOString()
  if (seen.includes(obj)) return note('circular', CIRCULAR_MARKER)
  if (depth >= MAX_DEPTH) return note('too deep: null', null)
  if (typeof obj.toJSON === 'function') {
    try {
      return copy(obj.toJSON(), problems, path, seen, depth + 1)
    } catch {
      return note('toJSON threw: null', null)
    }
  }
  seen.push(obj)
  const isArray = Array.isArray(obj)
  const out: Record<string, unknown> | unknown[] = isArray ? [] : {}
  for (const key of Object.keys(obj)) {
    let v: unknown
    try {
      v = obj[key]
    } catch {
      problems.push(`${path}.${key}: getter threw: dropped`)
      continue
    }
    const c = copy(v, problems, isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key, seen, depth + 1)
    if (isArray) (out as unknown[])[+key] = c === undefined ? null : c
    else if (c !== undefined) (out as Record<string, unknown>)[key] = c
  }
  seen.pop()
  return out
}
