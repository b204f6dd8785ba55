// The outbox's records, shared by the outbox, the uploader and the plugin.
import type { Context } from '../core/context'
import type { SegmentEvent } from '../core/types'

export interface Entry {
  /** Context id: the key while the event moves through the pipeline. */
  id: string
  /** The message as accepted, or its wire form once `f` is set. */
  ev: SegmentEvent
  /** Accepted at (epoch ms). */
  t: number
  f?: boolean
  /** Wire JSON (without sentAt) and its UTF-8 size, once in wire form. */
  j?: string
  b?: number
  /** Chars it takes in storage. */
  s?: number
  /** Still in this tab's pipeline: the Segment.io stage will hand over its final form. */
  live?: boolean
  busy?: boolean
  seg?: Segment
  ctx?: Context
  /** Already counted as not persisted. */
  np?: boolean
}

export interface Segment {
  key: string
  entries: Entry[]
}

export interface OutboxHooks {
  drop(e: Entry, reason: string, stat: string): void
  count(stat: string, n?: number): void
}
