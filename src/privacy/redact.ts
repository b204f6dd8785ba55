// One destination's copy of an event with the findings acted on (pure, given the hashes).
import type { SegmentEvent } from '../core/types'
import { replaceParams } from './urls'
import type { Finding, PrivacyAction, Redaction } from './types'

const ACTIONS: PrivacyAction[] = ['drop', 'mask', 'hash', 'allow']

/** An action from options, with anything unknown read as `drop`: a typo never lets data through. */
export const asAction = (value: unknown): PrivacyAction => (ACTIONS.includes(value as PrivacyAction) ? (value as PrivacyAction) : 'drop')

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

const put = (obj: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })

/** A copy of plain objects and arrays (an own `__proto__` key stays a key); Dates and other values are shared. Iterative: no depth overflows it. */
export function copyData<T>(value: T): T {
  const fresh = (v: unknown) => (Array.isArray(v) ? [] : isPlain(v) ? {} : v)
  const root = fresh(value)
  const stack: [any, any][] = root === value ? [] : [[value, root]]
  while (stack.length) {
    const [source, target] = stack.pop()!
    for (const key of Object.keys(source)) {
      const v = source[key]
      const c = fresh(v)
      if (c !== v) stack.push([v, c])
      put(target, key, c)
    }
  }
  return root as T
}

/** Each leaf of a copy of `value` replaced by `fn(leaf)`; a leaf for which it gives undefined is left out. */
function mapLeaves(value: unknown, fn: (leaf: unknown) => unknown): unknown {
  if (!Array.isArray(value) && !isPlain(value)) return fn(value)
  const root = copyData(value)
  const stack: any[] = [root]
  const arrays: unknown[][] = []
  while (stack.length) {
    const node = stack.pop()
    if (Array.isArray(node)) arrays.push(node)
    for (const key of Object.keys(node)) {
      const v = node[key]
      if (Array.isArray(v) || isPlain(v)) stack.push(v)
      else {
        const r = fn(v)
        if (r === undefined) delete node[key]
        else node[key] = r
      }
    }
  }
  // Holes left by deleted array items are closed.
  for (const a of arrays) for (let i = a.length - 1; i >= 0; i--) if (!(i in a)) a.splice(i, 1)
  return root
}

/** How a value is normalised before hashing, as ad platforms expect: trimmed and lower-cased; phone numbers as digits. */
export function normalizeForHash(matcher: string, value: string | number): string {
  const text = String(value).trim()
  return matcher === 'phone' ? text.replace(/\D/g, '') : text.toLowerCase()
}

const hashable = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))

/** The strings an action of `hash` on this value needs digests of. */
export function hashInputs(matcher: string, value: unknown, out: Set<string>): void {
  mapLeaves(value, (leaf) => (hashable(leaf) && out.add(normalizeForHash(matcher, leaf)), leaf))
}

/** Hashes leaves in place of their values; a leaf without a digest (no WebCrypto) is left out. */
const hashed = (matcher: string, value: unknown, digests: Map<string, string>): unknown =>
  mapLeaves(value, (leaf) => (hashable(leaf) ? digests.get(normalizeForHash(matcher, leaf)) : undefined))

/** The container holding the value at `path`, in `root`; undefined when the path is gone. */
function parentOf(root: unknown, path: (string | number)[]): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown> | undefined
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined
    node = node[key] as Record<string | number, unknown>
  }
  return typeof node === 'object' && node !== null ? node : undefined
}

export interface Redacted {
  event: SegmentEvent
  redactions: Redaction[]
}

/**
 * The event as `destination` receives it: each finding acted on as `actionOf` says. Dropped array
 * elements are removed after every other change, so later paths still point where they did.
 */
export function redact(
  event: SegmentEvent,
  findings: Finding[],
  destination: string,
  actionOf: (f: Finding) => PrivacyAction,
  marker: string,
  digests: Map<string, string>,
): Redacted {
  const acted = findings.map((f) => [f, actionOf(f)] as const).filter(([, a]) => a !== 'allow')
  if (!acted.length) return { event, redactions: [] }
  const copy = copyData(event)
  const redactions: Redaction[] = []
  const removals: [unknown[], number][] = []
  const urlParams = new Map<string, { path: (string | number)[]; params: Set<string> }>()
  for (const [f, action] of acted) {
    const parent = parentOf(copy, f.path)
    const key = f.path[f.path.length - 1]
    if (!parent || !Object.prototype.hasOwnProperty.call(parent, key)) continue
    redactions.push({ destination, path: f.path.join('.') + (f.param !== undefined ? `?${f.param}` : ''), matcher: f.matcher, classification: f.classification, action })
    if (f.kind === 'url') {
      const id = f.path.join('\u0000')
      const entry = urlParams.get(id) ?? { path: f.path, params: new Set<string>() }
      entry.params.add(f.param!)
      urlParams.set(id, entry)
      continue
    }
    const value = parent[key]
    const replacement = action === 'mask' ? marker : action === 'hash' ? hashed(f.matcher, value, digests) : undefined
    if (replacement !== undefined) put(parent as Record<string, unknown>, String(key), replacement)
    else if (Array.isArray(parent)) removals.push([parent, key as number])
    else delete parent[key]
  }
  for (const { path, params } of urlParams.values()) {
    const parent = parentOf(copy, path)!
    const key = path[path.length - 1]
    if (typeof parent[key] === 'string') parent[key] = replaceParams(parent[key] as string, params, marker)
  }
  removals.sort((a, b) => b[1] - a[1])
  for (const [array, index] of removals) array.splice(index, 1)
  return { event: copy, redactions }
}
