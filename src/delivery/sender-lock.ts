// Which tabs are alive. Each tab sends only the outbox segments it wrote; a dead tab's segments are
// adopted by one live tab. Web Locks where available (a tab holds its lock until it dies, and the
// browser releases it then); otherwise a localStorage lease renewed while the tab lives.

export interface SenderLock {
  /** Ids of the tabs alive now (this one included). */
  live(): Promise<Set<string>>
  /** Runs `fn` unless another tab is running its own; one adopter at a time. */
  exclusive(fn: () => unknown): Promise<void>
  stop(): void
}

const LEASE_MS = 60_000

export function senderLock(prefix: string, tab: string, ls: Storage | undefined, locks: LockManager | undefined = globalThis.navigator?.locks): SenderLock {
  const mark = `${prefix}~`
  return typeof locks?.request === 'function' ? webLocks(locks, mark, tab) : leases(ls, mark, tab)
}

function webLocks(locks: LockManager, mark: string, tab: string): SenderLock {
  let release = () => {}
  locks.request(mark + tab, () => new Promise<void>((r) => (release = r))).catch(() => {})
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
    stop: () => release(),
  }
}

function leases(ls: Storage | undefined, mark: string, tab: string): SenderLock {
  const renew = () => {
    try {
      ls?.setItem(mark + tab, String(Date.now() + LEASE_MS))
    } catch {
      /* storage full: the tab just looks older to the others */
    }
  }
  renew()
  const timer = setInterval(renew, LEASE_MS / 4)
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
    stop() {
      clearInterval(timer)
      ls?.removeItem(mark + tab)
    },
  }
}
