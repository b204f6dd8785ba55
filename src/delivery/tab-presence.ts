// A tab says it is alive before it writes to the outbox, so no other tab takes its events while
// it lives: a Web Lock held until the tab dies (the browser releases it then), or else a
// localStorage lease renewed while it lives. Finding the tabs that are gone is adoption's part.

/** A lease not renewed for this long belongs to a tab that is gone. */
export const LEASE_MS = 60_000

/** The prefix of every presence lock or lease key of an outbox. */
export const presenceMark = (prefix: string) => `${prefix}~`

/** The browser's Web Locks, when it has them. */
export const webLocks = (locks: LockManager | undefined = globalThis.navigator?.locks) => (typeof locks?.request === 'function' ? locks : undefined)

/** Announces this tab; returns the function that withdraws it (page unload). */
export function announceTab(prefix: string, tab: string, ls: Storage): () => void {
  const key = presenceMark(prefix) + tab
  const locks = webLocks()
  if (locks) {
    let release = () => {}
    locks.request(key, () => new Promise<void>((r) => (release = r))).catch(() => {})
    return () => release()
  }
  const renew = () => {
    try {
      ls.setItem(key, String(Date.now() + LEASE_MS))
    } catch {
      /* storage full: the tab just looks older to the others */
    }
  }
  renew()
  const timer = setInterval(renew, LEASE_MS / 4)
  return () => {
    clearInterval(timer)
    try {
      ls.removeItem(key)
    } catch {
      /* gone already */
    }
  }
}
