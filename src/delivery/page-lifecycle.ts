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
  const listeners: [EventTarget | undefined, string, (e: any) => void][] = [
    [globalThis, 'pagehide', () => on.hide(true)],
    [globalThis, 'online', () => on.online()],
    [globalThis.document, 'visibilitychange', visibility],
    [(globalThis as any).navigation, 'navigate', navigate],
  ]
  for (const [target, type, fn] of listeners) target?.addEventListener?.(type, fn)
  return {
    leaving: () => leaving,
    stop() {
      for (const [target, type, fn] of listeners) target?.removeEventListener?.(type, fn)
    },
  }
}
