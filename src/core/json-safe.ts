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
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (Number.isFinite(value)) return value
      problems.push(`${path || 'value'}: ${value} is not a finite number (sent as null)`)
      return null
    case 'bigint':
      problems.push(`${path || 'value'}: BigInt sent as a string`)
      return value.toString()
    case 'function':
    case 'symbol':
      problems.push(`${path || 'value'}: ${typeof value} dropped`)
      return undefined
    case 'undefined':
      return undefined
  }
  if (value === null) return null
  const obj = value as Record<string, unknown>
  if (value instanceof Date) {
    const t = value.getTime()
    if (Number.isNaN(t)) problems.push(`${path}: invalid Date sent as null`)
    return Number.isNaN(t) ? null : value.toISOString()
  }
  if (seen.includes(obj)) {
    problems.push(`${path}: circular reference`)
    return CIRCULAR_MARKER
  }
  if (depth >= MAX_DEPTH) {
    problems.push(`${path}: nested deeper than ${MAX_DEPTH} levels (cut)`)
    return null
  }
  if (typeof obj.toJSON === 'function') {
    try {
      return copy(obj.toJSON(), problems, path, seen, depth + 1)
    } catch {
      problems.push(`${path}: toJSON() threw (sent as null)`)
      return null
    }
  }
  seen.push(obj)
  let out: unknown
  if (Array.isArray(obj)) {
    const arr: unknown[] = new Array(obj.length)
    for (let i = 0; i < obj.length; i++) {
      const v = copy(obj[i], problems, `${path}[${i}]`, seen, depth + 1)
      arr[i] = v === undefined ? null : v
    }
    out = arr
  } else {
    const res: Record<string, unknown> = {}
    for (const key of Object.keys(obj)) {
      let v: unknown
      try {
        v = obj[key]
      } catch {
        problems.push(`${path}.${key}: getter threw (dropped)`)
        continue
      }
      const c = copy(v, problems, path ? `${path}.${key}` : key, seen, depth + 1)
      if (c !== undefined) res[key] = c
    }
    out = res
  }
  seen.pop()
  return out
}
