import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { failureJudge } from '../../src/delivery/failures'

const NOW = Date.parse('2026-01-01T00:00:00Z')
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  vi.spyOn(Math, 'random').mockReturnValue(0.999999)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('failureJudge', () => {
  it('retries 5xx and network errors with full-jitter backoff: 500 ms base, 60 s cap', () => {
    const judge = failureJudge()
    expect(judge(503, null, 1, 0)).toEqual({ at: expect.closeTo(NOW + 500, 0) })
    expect(judge(0, null, 1, 3)).toEqual({ at: expect.closeTo(NOW + 4000, 0) })
    expect(judge(500, null, 1, 30)).toEqual({ at: expect.closeTo(NOW + 60_000, 0) })
  })

  it('reads httpConfig (seconds) and options.delivery (ms), the latter first', () => {
    const settings = { httpConfig: { backoffConfig: { baseBackoffInterval: 2, maxBackoffInterval: 10 }, rateLimitConfig: { maxRetryInterval: 30 } } }
    expect(failureJudge(settings)(500, null, 1, 0)).toEqual({ at: expect.closeTo(NOW + 2000, 0) })
    expect(failureJudge(settings)(500, null, 1, 9)).toEqual({ at: expect.closeTo(NOW + 10_000, 0) })
    expect(failureJudge(settings)(429, '600', 1, 0)).toEqual({ at: NOW + 30_000, everyTab: true })
    expect(failureJudge(settings, { delivery: { baseBackoff: 100 } })(500, null, 1, 0)).toEqual({ at: expect.closeTo(NOW + 100, 0) })
  })

  it('a Retry-After is honoured by every tab, capped at 300 s by default', () => {
    expect(failureJudge()(429, '3', 4, 0)).toEqual({ at: NOW + 3000, everyTab: true })
    expect(failureJudge()(503, '3600', 1, 0)).toEqual({ at: NOW + 300_000, everyTab: true })
  })

  it('400 and 413 split a batch and drop a single event; other 4xx drop, with the reason', () => {
    const judge = failureJudge()
    expect(judge(400, null, 7, 0)).toEqual({ split: 4 })
    expect(judge(413, null, 2, 0)).toEqual({ split: 1 })
    expect(judge(400, null, 1, 0)).toEqual({ drop: 'rejected by the tracking API (HTTP 400)' })
    expect(judge(403, null, 5, 0)).toEqual({ drop: 'rejected by the tracking API (HTTP 403)' })
  })

  it('retryQueue: false drops what would be retried; statusCodeOverrides turn a code around', () => {
    expect(failureJudge({}, { retryQueue: false })(0, null, 1, 0)).toEqual({ drop: 'network error (retries disabled)' })
    expect(failureJudge({}, { retryQueue: false })(503, null, 1, 0)).toEqual({ drop: 'rejected by the tracking API (HTTP 503)' })
    const overrides = { httpConfig: { backoffConfig: { statusCodeOverrides: { '503': 'drop', '403': 'retry' } } } }
    expect(failureJudge(overrides)(503, null, 1, 0)).toEqual({ drop: 'rejected by the tracking API (HTTP 503)' })
    expect(failureJudge(overrides)(403, null, 1, 0)).toHaveProperty('at')
  })
})
