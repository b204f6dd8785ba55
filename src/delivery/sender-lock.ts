// Which tabs are alive. Each tab sends only the outbox segments it wrote; a dead tab's segments
// are adopted by one live tab. A tab announces itself (tab-presence.ts) before it writes; this
// reads the announcements: Web Locks where available, else the localStorage leases.
import { presenceMark, webLocks } from './tab-presence'

export interface SenderLock {
  /** Ids of the tabs alive now (this one included). */
  live(): Promise<Set<string>>
  /** Runs `fn` unless another tab is running its own; one adopter at a time. */
  exclusive(fn: () => unknown): Promise<void>
}

export function senderLock(prefix: string, tab: string, ls: Storage | undefined): SenderLock {
  const mark = presenceMark(prefix)
  const locks = webLocks()
  return locks ? lockQuery(locks, mark, tab) : leases(ls, mark, tab)
}

function lockQuery(locks: LockManager, mark: string, tab: string): SenderLock {
  return {
    async live() {
      const { held = [], pending = [] } = await locks.query()
      const ids = new Set([tab])
      // A pending request counts: its tab is alive and about to hold the lock.
      for (const l of [...held, ...pending]) if (l.name?.startsWith(mark)) ids.add(l.name.slice(mark.length))
      return ids
    },
    async exclusive(fn) {
      await locks.request(`${mark}scan`, { ifAvailable: true }, async (l) => {
        if (l) await fn()
      })
    },
  }
}

function leases(ls: Storage | undefined, mark: string, tab: string): SenderLock {
  return {
    async live() {
      const ids = new Set([tab])
      if (ls)
        for (let i = 0; i < ls.length; i++) {
          const key = ls.key(i)
          if (key?.startsWith(mark) && Number(ls.getItem(key)) > Date.now()) ids.add(key.slice(mark.length))
        }
      return ids
    },
    async exclusive(fn) {
      const key = `${mark}scan`
      try {
        if (Number(ls?.getItem(key)) > Date.now()) return
        ls?.setItem(key, String(Date.now() + 10_000))
      } catch {
        /* no storage: nothing to share anyway */
      }
      try {
        await fn()
      } finally {
        ls?.removeItem(key)
      }
    },
  }
}
