// What a request the tracking API did not take means for its events: drop them, try smaller
// batches, or try again later. It comes with the on-demand parts the first time a request fails,
// so pages whose requests all succeed never download it.
import type { InitOptions } from '../core/options'
import { backoffDelay, parseRetryAfter, statusAction } from './retry-timing'

/**
 * The events are dropped (with the reason), or sent in batches of at most `split` events, or sent
 * again from `at` (epoch ms; `everyTab`: a Retry-After that every tab sending there honours).
 */
export type Verdict = { drop: string } | { split: number } | { at: number; everyTab?: boolean }

/** `attempt`: failures in a row before this one. */
export type JudgeFailure = (status: number, retryAfter: string | null, events: number, attempt: number) => Verdict

const ms = (v: unknown, seconds: unknown, fallback: number): number =>
  (typeof v === 'number' && v >= 0 ? v : typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : 0) || fallback

/** The judge for one Segment.io destination: its `Segment.io` settings and the load options. */
export function failureJudge(settings: Record<string, any> = {}, options: InitOptions = {}): JudgeFailure {
  const delivery = (options.delivery ?? {}) as Record<string, unknown>
  const http = settings.httpConfig ?? {}
  const backoff = http.backoffConfig ?? {}
  const baseBackoff = ms(delivery.baseBackoff, backoff.baseBackoffInterval, 500)
  const maxBackoff = ms(delivery.maxBackoff, backoff.maxBackoffInterval, 60_000)
  const maxRetryAfter = ms(delivery.maxRetryAfter, http.rateLimitConfig?.maxRetryInterval, 300_000)
  return (status, retryAfter, events, attempt) => {
    const action = statusAction(status, events, backoff.statusCodeOverrides ?? {})
    if (action === 'split') return { split: Math.ceil(events / 2) }
    if (action !== 'retry' || options.retryQueue === false) {
      return { drop: status ? `rejected by the tracking API (HTTP ${status})` : 'network error (retries disabled)' }
    }
    const wait = parseRetryAfter(retryAfter)
    return wait === undefined
      ? { at: Date.now() + backoffDelay(attempt, baseBackoff, maxBackoff) }
      : { at: Date.now() + Math.min(wait, maxRetryAfter), everyTab: true }
  }
}
