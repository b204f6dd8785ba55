import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAnalytics, recorder } from './helpers'
import type { Context } from '../../src/core/context'

afterEach(() => vi.useRealTimers())

describe('callbacks', () => {
  it('runs once with the Context when the event is through the pipeline', async () => {
    const a = makeAnalytics()
    await a.register(recorder())
    const cb = vi.fn()
    const ctx = await a.track('cb', {}, {}, cb)
    expect(cb).toHaveBeenCalledOnce()
    expect(cb).toHaveBeenCalledWith(ctx)
  })

  it('is bounded by timeout (default 300 ms, settable) when a destination hangs', async () => {
    vi.useFakeTimers()
    const a = makeAnalytics()
    await a.register(recorder('Hangs', { track: () => new Promise(() => {}) }))
    const cb = vi.fn()
    void a.track('slow', cb)
    await vi.advanceTimersByTimeAsync(299)
    expect(cb).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(2)
    expect(cb).toHaveBeenCalledOnce()
    a.timeout(50)
    const cb2 = vi.fn()
    void a.page(cb2)
    await vi.advanceTimersByTimeAsync(51)
    expect(cb2).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(cb).toHaveBeenCalledOnce()
  })

  it('a throwing or slow callback neither rejects nor holds the promise for more than 1 s', async () => {
    vi.useFakeTimers()
    const a = makeAnalytics()
    await a.register(recorder())
    const thrown = await a.track('x', () => { throw new Error('cb bug') })
    expect(thrown.stats.count('callback_error')).toBe(1)
    let resolved: Context | undefined
    void a.track('y', () => new Promise(() => {})).then((c) => (resolved = c))
    await vi.advanceTimersByTimeAsync(1_001)
    expect(resolved).toBeDefined()
  })

  it('a callback on a rejected call still runs', async () => {
    const a = makeAnalytics()
    const cb = vi.fn()
    const ctx = await a.track(undefined as never, {}, {}, cb)
    expect(cb).toHaveBeenCalledWith(ctx)
    expect(ctx.failedDelivery()).toEqual({ reason: 'Event missing' })
  })
})
