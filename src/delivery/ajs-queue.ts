// Events Analytics.js 2.0 left in its persisted Segment.io queue on this origin, taken over once.
import type { SegmentEvent } from '../core/types'

export interface LeftOver {
  id: string
  event: SegmentEvent
}

/** The keys of Analytics.js 2.0's Segment.io queue start with this. */
export const ajsQueuePrefix = (writeKey: string) => `persisted-queue:v1:${writeKey}:dest-Segment.io:`

/** Reads and removes `persisted-queue:v1:<writeKey>:dest-Segment.io:*`. Call after the events are safe elsewhere: use `clear`. */
export function readAjsQueue(ls: Storage | undefined, writeKey: string): { items: LeftOver[]; clear(): void } {
  const base = ajsQueuePrefix(writeKey)
  let items: LeftOver[] = []
  try {
    const parsed = JSON.parse(ls?.getItem(`${base}items`) ?? '[]')
    if (Array.isArray(parsed)) items = parsed.filter((x) => x && typeof x.id === 'string' && x.event && typeof x.event === 'object')
  } catch {
    /* unreadable: nothing to take */
  }
  return {
    items,
    clear() {
      try {
        ls?.removeItem(`${base}items`)
        ls?.removeItem(`${base}seen`)
      } catch {
        /* nothing to do */
      }
    },
  }
}
