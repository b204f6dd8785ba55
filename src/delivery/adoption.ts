// Taking over what others left: segments of tabs that are gone, and Analytics.js 2.0's queue.
// Loaded with the on-demand parts, once the page's first event is on its way.
import type { SegmentEvent } from '../core/types'
import type { Entry, Outbox } from './outbox'
import { senderLock } from './sender-lock'
import { readAjsQueue } from './ajs-queue'

/** How often a tab looks for events left by tabs that are gone. */
const SCAN_MS = 5000

/** Outbox keys in storage written by tabs not in `live`. */
function foreignKeys(ls: Storage, prefix: string, live: Set<string>): string[] {
  const out: string[] = []
  const head = `${prefix}:`
  for (let i = 0; i < ls.length; i++) {
    const key = ls.key(i)
    if (key?.startsWith(head) && !live.has(key.slice(head.length, key.lastIndexOf(':')))) out.push(key)
  }
  return out
}

/**
 * Makes `entries` this tab's: added to the outbox and written at once under this tab's keys.
 * Only once each is stored (or dropped, as any event may be) is `forget` called to remove the
 * old copy; until then it stays, safe, where it was. Returns how many were taken.
 */
function take(outbox: Outbox, entries: Entry[], forget: () => void): number {
  const taken = entries.filter((e) => !outbox.items_.has(e.id))
  for (const e of taken) outbox.add_(e)
  outbox.persist_()
  if (taken.every((e) => e.segment_ || outbox.items_.get(e.id) !== e)) forget()
  return taken.length
}

/**
 * Scans now and every SCAN_MS, one tab at a time; `found` is told how
 * many events were taken. Returns a stop function.
 */
export function startAdoption(
  outbox: Outbox,
  tab: string,
  prefix: string,
  writeKey: string,
  count: (stat: string) => void,
  found: (n: number) => void,
): () => void {
  const ls = outbox.storage_
  if (!ls) return () => {}
  const lock = senderLock(prefix, tab, ls)
  let ajsTaken = false
  const scan = () =>
    lock
      .exclusive(async () => {
        let n = 0
        for (const key of foreignKeys(ls, prefix, await lock.live())) {
          let rows: [string, number, number, SegmentEvent][] = []
          try {
            rows = JSON.parse(ls.getItem(key) ?? '[]')
          } catch {
            count('unreadable')
          }
          const entries = (Array.isArray(rows) ? rows : [])
            .filter(([, , , ev]) => ev && typeof ev === 'object')
            .map(([id, t, f, ev]): Entry => ({ id, acceptedAt_: t, wireForm_: !!f, event_: ev }))
          n += take(outbox, entries, () => ls.removeItem(key))
        }
        if (!ajsTaken) {
          ajsTaken = true
          const left = readAjsQueue(ls, writeKey)
          n += take(
            outbox,
            left.items.map(({ id, event }) => ({ id, event_: event, acceptedAt_: Date.now() })),
            left.clear,
          )
        }
        found(n)
      })
      .catch(() => {})
  const timer = setInterval(scan, SCAN_MS)
  void scan()
  return () => clearInterval(timer)
}
