import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAnalytics, recorder } from './helpers'
import { Context, ContextCancelation } from '../../src/core/context'
import type { Plugin } from '../../src/core/plugin'

afterEach(() => {
  vi.useRealTimers()
})

function plugin(name: string, type: Plugin['type'], hook: (ctx: Context) => unknown): Plugin {
  return { name, type, version: '1', isLoaded: () => true, load: () => Promise.resolve(), track: hook as Plugin['track'] }
}

describe('pipeline', () => {
  it('runs before → enrichment → destinations → after, in order, and later stages see earlier changes', async () => {
    const a = makeAnalytics()
    const order: string[] = []
    await a.register(
      plugin('after', 'after', () => order.push('after')),
      plugin('dest', 'destination', (ctx) => order.push(`dest:${ctx.event.properties?.b}:${ctx.event.properties?.e}`)),
      plugin('enrich', 'enrichment', (ctx) => {
        order.push('enrichment')
        ctx.updateEvent('properties.e', 'E')
      }),
      plugin('before', 'before', (ctx) => {
        order.push('before')
        ctx.updateEvent('properties.b', 'B')
        return ctx
      }),
    )
    await a.track('Go')
    expect(order).toEqual(['before', 'enrichment', 'dest:B:E', 'after'])
  })

  it('a before plugin can cancel: no destination sees the event and the Context says why', async () => {
    const a = makeAnalytics()
    const dest = recorder()
    await a.register(dest, plugin('gate', 'before', (ctx) => ctx.cancel(new ContextCancelation({ reason: 'blocked by gate', retry: false }))))
    const ctx = await a.track('Nope')
    expect(dest.events).toHaveLength(0)
    expect((ctx.failedDelivery()?.reason as ContextCancelation).reason).toBe('blocked by gate')
    expect(ctx.logs().some((l) => l.message.includes('blocked by gate'))).toBe(true)
  })

  it('a throwing enrichment plugin is logged and skipped', async () => {
    const a = makeAnalytics()
    const dest = recorder()
    await a.register(dest, plugin('bad-enrich', 'enrichment', () => { throw new Error('boom') }))
    const ctx = await a.track('Still')
    expect(dest.events).toHaveLength(1)
    expect(ctx.stats.count('plugin_error')).toBe(1)
  })

  it('isolates a throwing, a rejecting and a hanging destination from the others and from the caller', async () => {
    vi.useFakeTimers()
    const a = makeAnalytics()
    const good = recorder('Good')
    await a.register(
      plugin('Throws', 'destination', () => { throw new Error('sync boom') }),
      plugin('Rejects', 'destination', () => Promise.reject(new Error('async boom'))),
      plugin('Hangs', 'destination', () => new Promise(() => {})),
      good,
    )
    let settled: Context | undefined
    void a.track('Iso').then((c) => (settled = c))
    await vi.advanceTimersByTimeAsync(50)
    expect(good.events).toHaveLength(1)
    expect(settled).toBeUndefined()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(settled).toBeInstanceOf(Context)
    expect(settled!.stats.count('plugin_error')).toBe(2)
    expect(settled!.stats.count('plugin_timeout')).toBe(1)
    expect(settled!.failedDelivery()).toBeUndefined()
  })

  it('a plugin whose load throws is removed, reported and leaves the rest working', async () => {
    const a = makeAnalytics()
    const good = recorder('Good')
    const failures: string[] = []
    a.on('initialization_failure', (p: Plugin) => failures.push(p.name))
    const ctx = await a.register(
      { ...recorder('BadLoad'), load: () => { throw new Error('cannot load') } },
      { ...recorder('BadBefore'), type: 'before', load: () => Promise.reject(new Error('nope')) },
      good,
    )
    await Promise.resolve()
    expect(a.failedInitializations.sort()).toEqual(['BadBefore', 'BadLoad'])
    expect(failures.sort()).toEqual(['BadBefore', 'BadLoad'])
    expect(ctx.stats.count('plugin_load_error')).toBe(2)
    await a.track('ok')
    expect(good.events).toHaveLength(1)
  })

  it('deregister unloads and removes a plugin', async () => {
    const a = makeAnalytics()
    const unload = vi.fn()
    const dest = recorder('Gone', { unload })
    await a.register(dest)
    await a.deregister('Gone')
    await a.track('after')
    expect(unload).toHaveBeenCalledOnce()
    expect(dest.events).toHaveLength(0)
  })

  it('keeps call order across a burst and yields between slices', async () => {
    const a = makeAnalytics()
    const dest = recorder()
    await a.register(dest)
    const all = []
    for (let i = 0; i < 2000; i++) all.push(a.track('n', { i }))
    await Promise.all(all)
    expect(dest.events.map((c) => c.event.properties!.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i))
  })
})

describe('integrations filtering', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['no integrations: all', {}, ['Amplitude', 'Facebook Pixel', 'Segment.io']],
    ['Name: false', { Amplitude: false }, ['Facebook Pixel', 'Segment.io']],
    ['All: false keeps Segment.io', { All: false }, ['Segment.io']],
    ['All: false with one on', { All: false, Amplitude: true }, ['Amplitude', 'Segment.io']],
    ['object value enables', { All: false, Amplitude: { session_id: 1 } }, ['Amplitude', 'Segment.io']],
    ['Segment.io: false', { 'Segment.io': false }, ['Amplitude', 'Facebook Pixel']],
    ['alternative name false', { 'Meta Pixel': false }, ['Amplitude', 'Segment.io']],
    ['alternative name true under All:false', { All: false, 'Meta Pixel': true }, ['Facebook Pixel', 'Segment.io']],
  ]
  it.each(cases)('%s', async (_label, integrations, expected) => {
    const a = makeAnalytics()
    const received: string[] = []
    const mk = (name: string, alternativeNames: string[] = []) =>
      recorder(name, { alternativeNames, track: () => void received.push(name) })
    await a.register(mk('Amplitude'), mk('Facebook Pixel', ['Meta Pixel']), mk('Segment.io'))
    await a.track('Routed', {}, { integrations })
    expect(received.sort()).toEqual(expected)
  })
})

describe('destinations registered later (their code loads on demand)', () => {
  const later = () => {
    let arrive!: () => void
    return { arrival: new Promise<void>((r) => (arrive = r)), arrive: () => arrive() }
  }

  it('get, in order, every event since they were expected, under each event’s own integrations', async () => {
    const a = makeAnalytics()
    const { arrival, arrive } = later()
    a.pipeline.expect_(['Vendor'], arrival)
    await a.track('One')
    await a.page('Home')
    await a.track('Not for it', {}, { integrations: { Vendor: false } })
    await a.track('Only for it', {}, { integrations: { All: false, 'Vendor Actions': true } })
    const vendor = recorder('Vendor', { alternativeNames: ['Vendor Actions'] })
    await a.register(vendor)
    arrive()
    await a.track('Two')
    expect(vendor.events.map((c) => c.event.event ?? c.event.name)).toEqual(['One', 'Home', 'Only for it', 'Two'])
  })

  it('keep the last 1,000 events while they are on their way', async () => {
    const a = makeAnalytics()
    a.pipeline.expect_(['Vendor'], new Promise(() => {}))
    const all = []
    for (let i = 0; i < 1005; i++) all.push(a.track('n', { i }))
    await Promise.all(all)
    const vendor = recorder('Vendor')
    await a.register(vendor)
    expect(vendor.events.map((c) => c.event.properties!.i)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 5))
  })

  it('a destination that never comes stops the keeping once the wait is over; ready() waits for it', async () => {
    const a = makeAnalytics()
    const { arrival, arrive } = later()
    a.pipeline.expect_(['Vendor'], arrival)
    let ready = false
    void a.ready().then(() => (ready = true))
    await a.track('Before')
    await new Promise((r) => setTimeout(r, 20))
    expect(ready).toBe(false)
    arrive()
    await vi.waitFor(() => expect(ready).toBe(true))
    // Nothing kept from here on: a destination of that name registered later gets only what follows.
    await a.track('After')
    const vendor = recorder('Vendor')
    await a.register(vendor)
    await a.track('Later')
    expect(vendor.events.map((c) => c.event.event)).toEqual(['Later'])
  })
})
