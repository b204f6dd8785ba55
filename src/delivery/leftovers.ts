// Whether anyone left events in storage for this tab to take over: cheap enough to ask every
// few seconds, so the code that takes them over loads only on pages that have some.
import { ajsQueuePrefix } from './ajs-queue'

/** Outbox segments another tab wrote (alive or not), or Analytics.js 2.0's queue. */
export function hasLeftovers(ls: Storage, prefix: string, tab: string, writeKey: string): boolean {
  try {
    const head = `${prefix}:`
    for (let i = 0; i < ls.length; i++) {
      const key = ls.key(i)
      if (key?.startsWith(head) && !key.startsWith(`${head}${tab}:`)) return true
    }
    return ls.getItem(`${ajsQueuePrefix(writeKey)}items`) !== null
  } catch {
    return false // storage went away: nothing to take
  }
}
