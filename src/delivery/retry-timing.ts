// When to try again, and whether to. Pure.

export type Action = 'ok' | 'retry' | 'drop' | 'split'

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, base: number, cap: number, rand: () => number = Math.random): number {
  return rand() * Math.min(cap, base * 2 ** attempt)
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value || !(value = value.trim())) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return +value * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

const RETRY = [408, 410, 429, 460]
const DROP = [501, 505, 511]

/**
 * What a response means for the events it carried. Status 0 is a network error. 400 and 413 on
 * several events split the batch (one bad or too-big event must not sink the others); on a single
 * event they drop it. `overrides` maps status codes to 'retry' | 'drop' (httpConfig.statusCodeOverrides).
 */
export function statusAction(status: number, count = 1, overrides: Record<string, unknown> = {}): Action {
  const o = overrides[status]
  if (o === 'retry' || o === 'drop') return o
  if (status === 0 || RETRY.includes(status)) return 'retry'
  if (status < 400) return 'ok'
  if (status === 400 || status === 413) return count > 1 ? 'split' : 'drop'
  if (DROP.includes(status)) return 'drop'
  return status >= 500 ? 'retry' : 'drop'
}
