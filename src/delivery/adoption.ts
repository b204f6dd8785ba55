// Taking over what others left: segments of tabs that are gone, and Analytics.js 2.0's queue.
// Loaded with the on-demand parts, once the page's first event is on its way. Its interface with
// the core is plain values and functions: a page may run a core and an extras.js of different
// releases, whose shortened internal names need not agree.
import type { StoredRow } from './types'
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
 * Scans now and every SCAN_MS, one tab at a time. `take` makes rows this tab's and calls `forget`
 * once they are safe here (the outbox's take_); `found` is told how many were taken. Returns a
 * stop function.
 */
export function startAdoption(
  ls: Storage,
  prefix: string,
  tab: string,
  writeKey: string,
  take: (rows: StoredRow[], forget: () => void) => number,
  count: (stat: string) => void,
  found: (n: number) => void,
): () => void {
  const lock = senderLock(prefix, tab, ls)
  let ajsTaken = false
  const scan = () =>
    lock
      .exclusive(async () => {
        let n = 0
        for (const key of foreignKeys(ls, prefix, await lock.live())) {
          let rows: StoredRow[] = []
          try {
            rows = JSON.parse(ls.getItem(key) ?? '[]')
          } catch {
            count('unreadable')
          }
          n += take(Array.isArray(rows) ? rows : [], () => ls.removeItem(key))
        }
        if (!ajsTaken) {
          ajsTaken = true
          const left = readAjsQueue(ls, writeKey)
          n += take(
            left.items.map(({ id, event }) => [id, Date.now(), 0, event]),
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
