import { describe, expect, it, vi } from 'vitest'
import { makeAnalytics, recorder } from './helpers'
import { Emitter } from '../../src/core/emitter'

describe('emitter events', () => {
  it('emits each call with Analytics.js 2.0 arguments', async () => {
    const a = makeAnalytics()
    await a.register(recorder())
    const seen: unknown[][] = []
    for (const name of ['track', 'page', 'screen', 'identify', 'group', 'alias', 'reset', 'register', 'deregister']) {
      a.on(name, (...args: unknown[]) => seen.push([name, ...args]))
    }
    await a.track('T', { p: 1 }, { o: 1 })
    await a.page('Cat', 'Name', { p: 2 })
    await a.screen('S')
    await a.identify('u1', { t: 1 })
    await a.group('g1', { gt: 1 })
    await a.alias('u2', 'u1')
    a.reset()
    await a.register(recorder('Late'))
    await a.deregister('Late')
    expect(seen).toEqual([
      ['track', 'T', { p: 1 }, { o: 1 }],
      ['page', 'Cat', 'Name', { p: 2 }, {}],
      ['screen', null, 'S', {}, {}],
      ['identify', 'u1', { t: 1 }, {}],
      ['group', 'g1', { gt: 1 }, {}],
      ['alias', 'u2', 'u1', {}],
      ['reset'],
      ['register', ['Late']],
      ['deregister', ['Late']],
    ])
  })

  it('emits dispatch_start synchronously and dispatch_end when the pipeline is done', async () => {
    const a = makeAnalytics()
    const order: string[] = []
    a.on('dispatch_start', (ctx) => order.push(`start:${ctx.event.event}`))
    a.on('dispatch_end', (ctx) => order.push(`end:${ctx.event.event}`))
    const p = a.track('E')
    order.push('returned')
    await p
    expect(order).toEqual(['start:E', 'returned', 'end:E'])
  })

  it('once, off, and a throwing listener does not reach the caller', async () => {
    const e = new Emitter()
    const fn = vi.fn()
    e.once('x', fn)
    e.emit('x', 1).emit('x', 2)
    expect(fn).toHaveBeenCalledTimes(1)
    const g = vi.fn()
    e.on('y', g).off('y', g).emit('y')
    expect(g).not.toHaveBeenCalled()
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const after = vi.fn()
    e.on('z', () => { throw new Error('listener bug') }).on('z', after)
    expect(() => e.emit('z')).not.toThrow()
    expect(after).toHaveBeenCalled()
    err.mockRestore()
  })
})

describe('ready, timeout, debug', () => {
  it('ready resolves with plugin results and calls back', async () => {
    const a = makeAnalytics()
    await a.register(recorder('A', { ready: () => Promise.resolve('a-ready') }))
    const cb = vi.fn()
    const results = await a.ready(cb)
    expect(results).toEqual(['a-ready'])
    expect(cb).toHaveBeenCalledWith(['a-ready'])
  })

  it('ready gives up on a plugin that never gets ready', async () => {
    vi.useFakeTimers()
    const a = makeAnalytics()
    await a.register(recorder('Blocked', { ready: () => new Promise(() => {}) }))
    let done = false
    void a.ready().then(() => (done = true))
    await vi.advanceTimersByTimeAsync(10_001)
    expect(done).toBe(true)
    vi.useRealTimers()
  })

  it('debug(true) prints warnings for bad input', async () => {
    const a = makeAnalytics()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await a.track(null as never)
    expect(warn).not.toHaveBeenCalled()
    a.debug(true)
    await a.track(null as never)
    expect(warn.mock.calls.some((c) => String(c[0]).includes('Event missing'))).toBe(true)
    warn.mockRestore()
  })
})
