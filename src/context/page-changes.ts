import type { Context } from '../core/context'

export interface PageChangeOptions {
  /** Also count `history.replaceState` (off by default: apps use it for filters and scroll state). */
  replaceState?: boolean
}

type Listener = (method: 'pushState' | 'replaceState' | 'popstate') => void

const listeners = new Set<Listener>()
let patched = false

/** Wraps pushState/replaceState once per page; listeners come and go without re-wrapping. */
function patchHistory(): void {
  if (patched || typeof history === 'undefined') return
  patched = true
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      for (const listener of listeners) listener(method)
      return result
    }
  }
  addEventListener('popstate', () => {
    for (const listener of listeners) listener('popstate')
  })
}

/** A URL as far as page views go: an in-page anchor (`#section`) is the same page, a hash route (`#/about`) is not. */
function pageKey(href: string): string {
  const i = href.indexOf('#')
  if (i === -1) return href
  const hash = href.slice(i)
  return /^#!?\//.test(hash) ? href : href.slice(0, i)
}

/**
 * Sends `page()` on single-page-app navigations (pushState, popstate, and replaceState when
 * asked), once per distinct URL. The call waits a tick so the app can update the title first.
 * `since` is the URL already reported (the page when tracking was asked for, if its code
 * arrived later): a different URL now is reported at once. Returns a function that stops it.
 */
export function trackPageChanges(
  analytics: { page(...args: unknown[]): Promise<Context> },
  options: PageChangeOptions | boolean = {},
  since?: string,
): () => void {
  const replace = typeof options === 'object' && options !== null && options.replaceState === true
  if (typeof location === 'undefined') return () => {}
  let last = pageKey(since ?? location.href)
  let pending = false
  const listener: Listener = (method) => {
    if (method === 'replaceState' && !replace) {
      // Not a page view, but later navigations compare to this URL (unless a push is about to report).
      if (!pending) last = pageKey(location.href)
      return
    }
    if (pending) return
    pending = true
    setTimeout(() => {
      pending = false
      const now = pageKey(location.href)
      if (now === last) return
      last = now
      void analytics.page().catch(() => undefined)
    }, 0)
  }
  try {
    patchHistory()
    listeners.add(listener)
    if (pageKey(location.href) !== last) listener('pushState')
  } catch (err) {
    console.warn('[switchboard] trackPageChanges failed', err)
  }
  return () => void listeners.delete(listener)
}
