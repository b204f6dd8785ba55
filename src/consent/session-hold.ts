// Calls held before the visitor's decision, kept over the page loads of one tab when the site
// allows it (`consent.holdIn: 'sessionStorage'`): a visitor who moves on before deciding takes
// them along, and they are delivered with the decision on a later page.
//
// When the page goes (pagehide), the held event calls are written to sessionStorage; the next
// page's consent part reads and removes them and holds them in front of its own. A page the
// back/forward cache brings back has handed its calls over already, so it lets them go.
import type { CallBuffer } from './types'

type HeldCall = ReturnType<CallBuffer['take']>[number]

/** The calls that make events; only these are kept (storage is data: nothing else is replayed from it). */
export const EVENT_CALLS = ['track', 'page', 'identify', 'group', 'alias', 'screen']
/** Kept across pages at most; the oldest beyond it are let go. */
export const MAX_KEPT_CALLS = 500

const noop = () => {}
export const heldKey = (writeKey: string) => `sb_consent_held:${writeKey}`

/** Removes and returns what an earlier page of this tab held (none when storage is unavailable or the value is not a list of calls). */
export function restoreHeld(key: string): HeldCall[] {
  try {
    const raw = sessionStorage.getItem(key)
    if (raw === null) return []
    sessionStorage.removeItem(key)
    const list: unknown = JSON.parse(raw)
    if (!Array.isArray(list)) return []
    return list
      .filter((c): c is [string, unknown[]] => Array.isArray(c) && EVENT_CALLS.includes(c[0]) && Array.isArray(c[1]))
      .map(([method, args]) => ({ method, args, resolve: noop }))
  } catch {
    return []
  }
}

/**
 * While `undecided()`, hands the held calls to the next page when this one goes: `earlier` (what
 * an earlier page handed over) and the event calls in the buffer, which stay there too. Returns
 * what stops it.
 */
export function keepHeldOverPages(key: string, buffer: CallBuffer, earlier: () => HeldCall[], undecided: () => boolean, handedOver: () => void): () => void {
  let stored = false
  const onHide = () => {
    if (!undecided()) return
    // Read without losing them: each taken call goes back in, its caller still waiting on it.
    const own = buffer.take((m) => EVENT_CALLS.includes(m))
    for (const call of own) call.resolve(buffer.add(call.method, call.args))
    try {
      sessionStorage.setItem(key, JSON.stringify([...earlier(), ...own].slice(-MAX_KEPT_CALLS).map((c) => [c.method, c.args])))
      stored = true
    } catch {
      // Full, blocked or not serialisable: they stay held in memory on this page only.
    }
  }
  const onShow = (event: PageTransitionEvent) => {
    if (!event.persisted || !stored || !undecided()) return
    // Back from the cache: the next page took them; this one lets its own go.
    stored = false
    for (const call of buffer.take((m) => EVENT_CALLS.includes(m))) call.resolve(undefined)
    handedOver()
  }
  addEventListener('pagehide', onHide)
  addEventListener('pageshow', onShow)
  return () => {
    removeEventListener('pagehide', onHide)
    removeEventListener('pageshow', onShow)
  }
}
