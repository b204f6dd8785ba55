// Taking over what others left: segments of tabs that are gone, and Analytics.js 2.0's queue.
import type { Outbox } from './outbox'
import { senderLock } from './sender-lock'
import { readAjsQueue } from './ajs-queue'

/** How often a tab looks for events left by tabs that are gone. */
const SCAN_MS = 5000

/** Scans now and every SCAN_MS, one tab at a time; `found` is told how many events were taken. Returns a stop function. */
export function startAdoption(outbox: Outbox, tab: string, prefix: string, writeKey: string, found: (n: number) => void): () => void {
  const ls = outbox.storage_
  if (!ls) return () => {}
  const lock = senderLock(prefix, tab, ls)
  let ajsTaken = false
  const scan = () =>
    lock
      .exclusive(async () => {
        const keys = outbox.foreignKeys_(await lock.live())
        let n = keys.length ? outbox.adopt_(keys).length : 0
        if (!ajsTaken) {
          ajsTaken = true
          const left = readAjsQueue(ls, writeKey)
          for (const { id, event } of left.items) if (!outbox.items_.has(id)) outbox.add_({ id, event_: event, acceptedAt_: Date.now() }), n++
          if (left.items.length) outbox.persist_()
          left.clear()
        }
        found(n)
      })
      .catch(() => {})
  const timer = setInterval(scan, SCAN_MS)
  void scan()
  return () => {
    clearInterval(timer)
    lock.stop()
  }
}
