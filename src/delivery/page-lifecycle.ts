// The page events delivery reacts to: hidden, leaving, back online.

export interface PageWatch {
  /** The page is on its way out (hidden, or navigating to another document). */
  leaving(): boolean
  stop(): void
}

export function watchPage(on: { hide(leaving: boolean): void; online(): void }): PageWatch {
  let leaving = false
  // Leaving for another document: send what is ready right away (after the current task, so
  // events just called reach their final form), early enough that the answer usually arrives,
  // and is recorded, before the page is gone. pagehide remains the last call.
  const navigate = (e: any) => {
    if (e.destination?.sameDocument !== false) return
    leaving = true
    setTimeout(() => on.hide(false))
  }
  const visibility = () => (leaving = document.visibilityState === 'hidden') && on.hide(false)
  const pagehide = () => on.hide(true)
  const online = () => on.online()
  const nav = (globalThis as any).navigation as EventTarget | undefined
  globalThis.addEventListener?.('pagehide', pagehide)
  globalThis.addEventListener?.('online', online)
  globalThis.document?.addEventListener('visibilitychange', visibility)
  nav?.addEventListener('navigate', navigate)
  return {
    leaving: () => leaving,
    stop() {
      globalThis.removeEventListener?.('pagehide', pagehide)
      globalThis.removeEventListener?.('online', online)
      globalThis.document?.removeEventListener('visibilitychange', visibility)
      nav?.removeEventListener('navigate', navigate)
    },
  }
}
