// The outbox's records, shared by the outbox, the uploader and the plugin.
import type { Context } from '../core/context'
import type { SegmentEvent } from '../core/types'

export interface Entry {
  /** Context id: the key while the event moves through the pipeline. */
  id: string
  /** The message as accepted, or its wire form once `wireForm_` is set. */
  event_: SegmentEvent
  /** Accepted at (epoch ms). */
  acceptedAt_: number
  wireForm_?: boolean
  /** Wire JSON (without sentAt) and its UTF-8 size, once in wire form. */
  json_?: string
  bytes_?: number
  /** Chars it takes in storage. */
  storedChars_?: number
  /** Still in this tab's pipeline: the Segment.io stage will hand over its final form. */
  inPipeline_?: boolean
  /** In a request (or a beacon) that has no answer yet. */
  sending_?: boolean
  /** The stored segment holding its latest form. */
  segment_?: Segment
  ctx_?: Context
  /** Already counted as not persisted. */
  notPersistedCounted_?: boolean
}

/** One localStorage key of the outbox and the entries whose latest form it holds. */
/** How an entry is stored (a segment is a JSON array of them), and how other tabs' entries are read back. */
export type StoredRow = [id: string, acceptedAt: number, wireForm: number, event: SegmentEvent]

export interface Segment {
  key_: string
  entries_: Entry[]
}

export interface OutboxHooks {
  drop_(e: Entry, reason: string, stat: string): void
  count_(stat: string, n?: number): void
}
