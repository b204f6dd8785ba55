import { describe, expect, it } from 'vitest'
import { backoffDelay, parseRetryAfter, statusAction } from '../../src/delivery/retry-timing'

describe('backoffDelay (full jitter, capped)', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(60_000, 500 * 2 ** attempt)
      expect(backoffDelay(attempt, 500, 60_000, () => 0)).toBe(0)
      expect(backoffDelay(attempt, 500, 60_000, () => 0.999999)).toBeLessThan(ceiling)
      expect(backoffDelay(attempt, 500, 60_000, () => 0.999999)).toBeGreaterThan(ceiling * 0.99)
    }
  })

  it('is random: many draws spread over the range', () => {
    const draws = Array.from({ length: 2000 }, () => backoffDelay(3, 500, 60_000))
    expect(Math.min(...draws)).toBeLessThan(400)
    expect(Math.max(...draws)).toBeGreaterThan(3600)
    expect(Math.max(...draws)).toBeLessThan(4000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter('0', now)).toBe(0)
  })
  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
  })
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('statusAction', () => {
  it('maps statuses as the tracking API needs', () => {
    expect(statusAction(200)).toBe('ok')
    expect(statusAction(204)).toBe('ok')
    expect(statusAction(0)).toBe('retry')
    for (const s of [408, 410, 429, 460, 500, 502, 503, 504]) expect(statusAction(s)).toBe('retry')
    for (const s of [401, 403, 404, 422, 501, 505, 511]) expect(statusAction(s)).toBe('drop')
  })
  it('splits a batch on 400 and 413, drops a single event', () => {
    expect(statusAction(400, 10)).toBe('split')
    expect(statusAction(413, 2)).toBe('split')
    expect(statusAction(400, 1)).toBe('drop')
    expect(statusAction(413, 1)).toBe('drop')
  })
  it('honours statusCodeOverrides', () => {
    expect(statusAction(503, 1, { 503: 'drop' })).toBe('drop')
    expect(statusAction(404, 1, { 404: 'retry' })).toBe('retry')
  })
})
