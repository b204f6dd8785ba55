// Packing outbox entries into requests, and the request bodies. Pure.
export { MAX_MESSAGE_BYTES } from '../core/constants'

/** The API's batch limit (messages.md §5.3) and the browser's keepalive budget, in UTF-8 bytes. */
export const MAX_BATCH_BYTES = 500 * 1024
export const KEEPALIVE_BYTES = 64 * 1024
/** Room for `{"batch":[...],"sentAt":"...","writeKey":"..."}` around the events. */
const ENVELOPE_BYTES = 200

/** UTF-8 length; the common all-ASCII case costs one regex test. */
export function byteLength(s: string): number {
  if (!/[^\x00-\x7f]/.test(s)) return s.length
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    // A surrogate pair is 2 UTF-16 units and 4 bytes: +1 each.
    if (c > 0x7f) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2
  }
  return n
}

export interface Packable {
  /** Wire JSON of the message, without sentAt. */
  json_?: string
  /** Its UTF-8 size. */
  bytes_?: number
}

/** Takes items in order while they fit in `maxBytes` (with the envelope) and `maxCount`. */
export function pack<T extends Packable>(items: Iterable<T>, maxBytes: number, maxCount: number): T[] {
  const out: T[] = []
  let size = ENVELOPE_BYTES
  for (const item of items) {
    const b = (item.bytes_ ?? 0) + 1
    if (out.length >= maxCount || (out.length && size + b > maxBytes)) break
    out.push(item)
    size += b
  }
  return out
}

export function batchBody(items: string[], writeKey: string, sentAt: string, context?: Record<string, unknown>): string {
  const shared = context ? `"context":${JSON.stringify(context)},` : ''
  return `{"batch":[${items.join(',')}],${shared}"sentAt":"${sentAt}","writeKey":${JSON.stringify(writeKey)}}`
}

/** Context fields that are usually the same for every event of a page. */
const SHAREABLE = ['library', 'userAgent', 'userAgentData', 'locale', 'timezone', 'page', 'campaign', 'referrer', 'amp']

/**
 * The context fields every message of a batch has in common, sent once in the envelope's
 * `context` (which the API merges under each message's own, messages.md §5.2), and the messages
 * without them. Undefined when nothing is shared. Halves the bytes of a typical batch.
 */
export function shareContext(events: { context?: Record<string, unknown> }[]): [Record<string, unknown>, string[]] | undefined {
  if (events.length < 2) return undefined
  const first = events[0].context ?? {}
  const shared: Record<string, unknown> = {}
  for (const k of SHAREABLE) {
    const ref = JSON.stringify(first[k]) // undefined when absent: never shared
    if (ref && events.every(({ context: c }) => JSON.stringify(c?.[k]) === ref)) shared[k] = first[k]
  }
  const keys = Object.keys(shared)
  return keys.length
    ? [
        shared,
        events.map((e) => {
          const context = { ...e.context }
          for (const k of keys) delete context[k]
          return JSON.stringify({ ...e, context })
        }),
      ]
    : undefined
}

/** One message with `sentAt` appended, for the per-type endpoints. */
export function singleBody(json: string, sentAt: string): string {
  return `${json.slice(0, -1)},"sentAt":"${sentAt}"}`
}
