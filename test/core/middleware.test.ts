// Middleware code comes with the on-demand parts: here they are there, as on a page that loaded extras.js.
import { extras } from '../../src/extras'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAnalytics, recorder } from './helpers'

const g = globalThis as { switchboardExtras?: unknown }
g.switchboardExtras = extras
afterEach(() => {
  g.switchboardExtras = extras
  vi.restoreAllMocks()
})

describe('source middleware', () => {
  it('can change the event for every destination', async () => {
    const a = makeAnalytics()
    const d1 = recorder('One')
    const d2 = recorder('Two')
    await a.register(d1, d2)
    let seenIntegrations: Record<string, boolean> = {}
    await a.addSourceMiddleware(({ payload, integrations, next }) => {
      seenIntegrations = integrations
      payload.obj.properties = { ...payload.obj.properties, added: true }
      next(payload)
    })
    await a.track('Mw', { a: 1 })
    expect(d1.events[0].event.properties).toEqual({ a: 1, added: true })
    expect(d2.events[0].event.properties).toEqual({ a: 1, added: true })
    expect(seenIntegrations).toEqual({ One: true, Two: true })
  })

  it('not calling next drops the event; next(null) leaves it unchanged', async () => {
    const a = makeAnalytics()
    const d = recorder()
    await a.register(d)
    await a.addSourceMiddleware(({ payload, next }) => {
      if (payload.event() === 'Drop me') return
      if (payload.event() === 'Null') return next(null)
      next(payload)
    })
    const dropped = await a.track('Drop me')
    await a.track('Null', { kept: 1 })
    expect(d.events.map((c) => c.event.event)).toEqual(['Null'])
    expect(d.events[0].event.properties).toEqual({ kept: 1 })
    expect(dropped.failedDelivery()).toBeDefined()
  })

  it('async middleware runs in order of registration', async () => {
    const a = makeAnalytics()
    const d = recorder()
    await a.register(d)
    await a.addSourceMiddleware(async ({ payload, next }) => {
      await new Promise((r) => setTimeout(r, 5))
      payload.obj.properties!.order = ['first']
      next(payload)
    })
    await a.addSourceMiddleware(({ payload, next }) => {
      payload.obj.properties!.order.push('second')
      next(payload)
    })
    await a.track('Ordered')
    expect(d.events[0].event.properties!.order).toEqual(['first', 'second'])
  })
})

describe('destination middleware', () => {
  it('changes or drops the event for the named destination only (case-insensitive, * for all)', async () => {
    const a = makeAnalytics()
    const amp = recorder('Amplitude')
    const fb = recorder('Facebook Pixel')
    await a.register(amp, fb)
    await a.addDestinationMiddleware('amplitude', ({ payload, next }) => {
      payload.obj.properties!.forAmp = true
      next(payload)
    })
    await a.addDestinationMiddleware('Facebook Pixel', ({ payload, next }) => {
      next(payload.obj.event === 'Secret' ? null : payload)
    })
    await a.addDestinationMiddleware('*', ({ payload, next }) => {
      payload.obj.properties!.all = true
      next(payload)
    })
    const ctx = await a.track('Public', { p: 1 })
    await a.track('Secret')
    expect(amp.events.map((c) => c.event.properties)).toEqual([{ p: 1, forAmp: true, all: true }, { forAmp: true, all: true }])
    expect(fb.events.map((c) => c.event.event)).toEqual(['Public'])
    expect(fb.events[0].event.properties).toEqual({ p: 1, all: true })
    // The shared event itself is untouched: middleware works on a copy per destination.
    expect(ctx.event.properties).toEqual({ p: 1 })
  })

  it('is not applied to Segment.io', async () => {
    const a = makeAnalytics()
    const seg = recorder('Segment.io')
    await a.register(seg)
    await a.addDestinationMiddleware('*', ({ next }) => next(null))
    await a.track('Kept')
    expect(seg.events).toHaveLength(1)
  })
})

describe('middleware code on demand', () => {
  it('events called right after addSourceMiddleware, before its code has come, still go through it', async () => {
    const a = makeAnalytics()
    const dest = recorder('One')
    await a.register(dest)
    let arrive!: () => void
    const coming = new Promise<void>((r) => (arrive = r))
    g.switchboardExtras = undefined
    // The loader adds extras.js to the page; its code "arrives" when the test says so.
    vi.spyOn(document.head, 'appendChild').mockImplementation((node: any) => {
      void coming.then(() => {
        g.switchboardExtras = extras
        node.onload?.()
      })
      return node
    })
    void a.addSourceMiddleware(({ payload, next }) => {
      payload.obj.properties = { ...payload.obj.properties, seen: true }
      next(payload)
    })
    const tracked = a.track('Right after')
    await new Promise((r) => setTimeout(r, 20))
    expect(dest.events).toHaveLength(0)
    arrive()
    await tracked
    expect(dest.events.map((c) => c.event.properties)).toEqual([{ seen: true }])
  })

  it('when its code cannot be loaded, the middleware is reported and events go on', async () => {
    const a = makeAnalytics()
    const dest = recorder('One')
    await a.register(dest)
    g.switchboardExtras = undefined
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(document.head, 'appendChild').mockImplementation((node: any) => {
      queueMicrotask(() => node.onerror?.())
      return node
    })
    await a.addDestinationMiddleware('One', ({ next }) => next(null))
    await a.track('Still sent')
    expect(dest.events.map((c) => c.event.event)).toEqual(['Still sent'])
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain('could not load extras.js')
  })
})
