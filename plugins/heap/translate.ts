// Spec message → heap calls for "Heap Web (Actions)" / "Heap" (docs/plugins.md). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { isObject, put, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface HeapSettings {
  /** The Heap environment (app) id. */
  appId: string
  /** Redact all target text Heap captures. */
  disableTextCapture?: boolean
  /** Heap cookies only over HTTPS. */
  secureCookie?: boolean
  /** First-party data collection host. */
  ingestServer?: string
  /** Deprecated first-party host (with `hostname`, the classic SDK is loaded). */
  trackingServer?: string
  /** Host of a self-hosted Heap SDK (no protocol). */
  hostname?: string
  /** Up to this many items of array properties become their own `<event> <key> item` events (0: none). */
  browserArrayLimit?: number
  scriptUrl?: string
}

/** The library tag every event carries, as Segment's destination sends it. */
export const LIBRARY = 'browser-destination'

/** The client config `heap.load(appId, config)` gets. */
export const heapConfig = (s: HeapSettings): Props => ({
  disableTextCapture: !!s.disableTextCapture,
  secureCookie: !!s.secureCookie,
  ...(s.ingestServer ? { ingestServer: s.ingestServer } : {}),
  ...(s.trackingServer ? { trackingServer: s.trackingServer } : {}),
})

/** Heap's CDN; a self-hosted `hostname` serves the current SDK, or the classic one with `trackingServer`. */
export function scriptSrc(s: HeapSettings): string {
  const id = encodeURIComponent(s.appId)
  if (s.hostname) return s.trackingServer ? `https://${s.hostname}/js/heap-${id}.js` : `https://${s.hostname}/config/${id}/heap_config.js`
  return `https://cdn.us.heap-api.com/config/${id}/heap_config.js`
}

/** A leaf value as Heap stores it: strings and null as they are, everything else as text (arrays as JSON). */
function text(v: unknown): unknown {
  if (typeof v === 'string' || v === null) return v
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v.toISOString()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/** Longer flattened names are left out: no vendor takes them, and a deep path over many leaves cannot multiply an event's size. */
export const MAX_KEY = 128

/** Nested objects become dotted keys (`address.city`); Heap stores flat properties only. */
export function flatten(obj: Props, prefix = '', out: Props = {}): Props {
  for (const k of Object.keys(obj)) {
    const v = obj[k]
    const key = prefix + k
    if (key.length > MAX_KEY) continue
    if (isObject(v)) flatten(v, key + '.', out)
    else if (v !== undefined) put(out, key, text(v))
  }
  return out
}

const nonEmpty = (o: unknown): o is Props => isObject(o) && Object.keys(o).length > 0

const heapTrack = (name: string, props: Props) => call('heap.track', name, { ...props, segment_library: LIBRARY })

/** With `browserArrayLimit`, items of array properties (up to the limit in all) are tracked as events of their own, first. */
function arrayItems(event: string, props: Props, limit: number): VendorCall[] {
  const calls: VendorCall[] = []
  let left = limit
  for (const k of Object.keys(props)) {
    const list = props[k]
    if (left <= 0) break
    if (!Array.isArray(list)) continue
    for (const item of list.slice(0, left)) calls.push(heapTrack(`${event} ${k} item`, isObject(item) ? flatten(item) : {}))
    left -= list.length
  }
  return calls
}

function track(msg: SegmentEvent, s: HeapSettings): VendorCall[] {
  const calls: VendorCall[] = []
  const traits = msg.context?.traits
  // Heap keeps Switchboard's anonymous id on the user, so the two can be joined.
  if (msg.anonymousId || nonEmpty(traits)) {
    calls.push(call('heap.addUserProperties', { ...(msg.anonymousId ? { anonymous_id: msg.anonymousId } : {}), ...(nonEmpty(traits) ? flatten(traits) : {}) }))
  }
  const props: Props = msg.properties ?? {}
  const limit = Number(s.browserArrayLimit) || 0
  if (limit > 0) calls.push(...arrayItems(msg.event as string, props, limit))
  calls.push(heapTrack(msg.event as string, flatten(props)))
  return calls
}

export function translate(msg: SegmentEvent, s: HeapSettings): VendorCall[] {
  switch (msg.type) {
    case 'identify': {
      const calls: VendorCall[] = []
      // Identify first, so the properties land on the identified user.
      if (msg.userId) calls.push(call('heap.identify', msg.userId))
      if (nonEmpty(msg.traits)) calls.push(call('heap.addUserProperties', flatten(msg.traits)))
      return calls
    }
    case 'track':
      return msg.event ? track(msg, s) : []
    default:
      // page: Heap captures page views itself; group, alias: no counterpart.
      return []
  }
}

/** Logout: Heap starts a new anonymous user. */
export const resetCalls = (): VendorCall[] => [call('heap.resetIdentity')]
