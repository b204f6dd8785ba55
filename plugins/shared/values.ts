// Small value helpers shared by the translators. Pure.

export type Props = Record<string, any>

export const isObject = (v: unknown): v is Props => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** Numbers and numeric strings → Number; anything else → undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return isFinite(v) ? v : undefined
  if (typeof v === 'string' && v.trim() !== '' && isFinite(+v)) return +v
  return undefined
}

// Caller data and settings are data: keys are read and written as own properties only, so a key
// named `constructor`, `toString` or `__proto__` is a key like any other, never a member of
// Object.prototype, and a polluted Object.prototype adds nothing.

/** `obj[key]` when `obj` has it as its own property (never an inherited member). */
export const own = <T = any>(obj: unknown, key: string): T | undefined =>
  obj != null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, T>)[key] : undefined

/**
 * `String(v)` for data: primitives as String() gives them, arrays joined as String() joins them,
 * other objects `[object Object]`; never through a `toString` or `valueOf` key the data carries.
 */
export const str = (v: unknown): string =>
  Array.isArray(v) ? v.map((x) => (x == null ? '' : str(x))).join() : v && typeof v === 'object' && !(v instanceof Date) ? '[object Object]' : String(v)

/** `obj[key] = value` as an own data property: a `__proto__` key stays a key instead of replacing the prototype. */
export function put(obj: Props, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
  else obj[key] = value
}

/** Drops keys whose value is undefined, so vendor payloads carry only what the message had. */
export function compact<T extends Props>(obj: T): T {
  const out: Props = {}
  for (const k of Object.keys(obj)) if (obj[k] !== undefined) put(out, k, obj[k])
  return out as T
}

/** Copy of `obj` without `keys`. */
export function omit(obj: Props, keys: string[]): Props {
  const out: Props = {}
  for (const k of Object.keys(obj)) if (!keys.includes(k)) put(out, k, obj[k])
  return out
}

/** Reads a dotted path (`context.page.title`) through own properties. */
export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj
  for (const key of path.split('.')) v = own(v, key)
  return v
}

/** A Date's ISO string; an invalid Date stays as it is (its toISOString() would throw). */
const iso = (d: Date) => (isNaN(d.getTime()) ? d : d.toISOString())

/** Dates → ISO strings, at any depth of plain objects and arrays (a caller's ISO strings stay). */
export function isoDates<T>(value: T, depth = 0): T {
  if (value instanceof Date) return iso(value) as T
  if (depth > 20 || !value || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => isoDates(v, depth + 1)) as T
  const out: Props = {}
  for (const k of Object.keys(value)) put(out, k, isoDates((value as Props)[k], depth + 1))
  return out as T
}

/** `YYYY-MM-DD` from a Date or an ISO date-time string (UTC date); other values unchanged. */
export function dateOnly(v: unknown): unknown {
  if (v instanceof Date) return isNaN(v.getTime()) ? v : v.toISOString().slice(0, 10)
  const m = typeof v === 'string' && /^(\d{4}-\d{2}-\d{2})T/.exec(v)
  return m ? m[1] : v
}

/**
 * A settings "map" as the settings CDN sends it (`{ from: to }` or `[{ key, value }]`) →
 * every mapped value for `key` (one-to-many allowed).
 */
export function mapped(map: unknown, key: unknown): string[] {
  if (Array.isArray(map)) return map.filter((e) => e && e.key === key).map((e) => e.value)
  const v = own(map, str(key))
  return v == null ? [] : ([] as string[]).concat(v)
}
