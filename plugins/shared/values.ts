// Small value helpers shared by the translators. Pure.

export type Props = Record<string, any>

export const isObject = (v: unknown): v is Props => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** Numbers and numeric strings → Number; anything else → undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return isFinite(v) ? v : undefined
  if (typeof v === 'string' && v.trim() !== '' && isFinite(+v)) return +v
  return undefined
}

/** Drops keys whose value is undefined, so vendor payloads carry only what the message had. */
export function compact<T extends Props>(obj: T): T {
  const out: Props = {}
  for (const k in obj) if (obj[k] !== undefined) out[k] = obj[k]
  return out as T
}

/** Copy of `obj` without `keys`. */
export function omit(obj: Props, keys: string[]): Props {
  const out: Props = {}
  for (const k in obj) if (!keys.includes(k)) out[k] = obj[k]
  return out
}

/** Reads a dotted path (`context.page.title`). */
export function getPath(obj: unknown, path: string): unknown {
  let v: any = obj
  for (const key of path.split('.')) v = v == null ? undefined : v[key]
  return v
}

/** Dates (and nothing else) → ISO strings. */
export const isoDates = (obj: Props): Props => {
  const out: Props = {}
  for (const k in obj) out[k] = obj[k] instanceof Date ? obj[k].toISOString() : obj[k]
  return out
}

/**
 * A settings "map" as the settings CDN sends it (`{ from: to }` or `[{ key, value }]`) →
 * every mapped value for `key` (one-to-many allowed).
 */
export function mapped(map: unknown, key: string): string[] {
  if (Array.isArray(map)) return map.filter((e) => e && e.key === key).map((e) => e.value)
  const v = isObject(map) ? map[key] : undefined
  return v == null ? [] : ([] as string[]).concat(v)
}
