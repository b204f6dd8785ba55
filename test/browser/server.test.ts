// @vitest-environment node
// AnalyticsBrowser where there is no window (server rendering, Node scripts, Jest's node
// environment): ready at once, every call settles with a Context saying nothing was sent, and
// nothing is kept between calls (a module-level instance serves every request on a server).
import { describe, expect, it, vi } from 'vitest'
import { AnalyticsBrowser } from '../../src/server'
import { NOT_IN_BROWSER, ServerAnalytics } from '../../src/browser/server-analytics'
import type { Plugin } from '../../src/core/plugin'

/** Resolves with the value if the promise settles before any timer could fire. */
const settlesAtOnce = <T>(p: PromiseLike<T>) =>
  Promise.race([Promise.resolve(p), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 0))])

describe('AnalyticsBrowser without a browser', () => {
  it('has no window here (the test would prove nothing in a browser-like environment)', () => {
    expect(typeof window).toBe('undefined')
  })

  it('load() resolves at once with an instance that sends nothing', async () => {
    const warn = vi.spyOn(console, 'warn')
    const browser = AnalyticsBrowser.load({ writeKey: 'WK' })
    const loaded = await settlesAtOnce(browser)
    expect(loaded).not.toBe('pending')
    const [analytics, ctx] = loaded as [ServerAnalytics, unknown]
    expect(analytics).toBeInstanceOf(ServerAnalytics)
    expect(analytics.initialized).toBe(true)
    expect(browser.instance).toBe(analytics)
    expect(browser.ctx).toBe(ctx)
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it.each([
    ['track', ['Order Completed', { total: 30 }]],
    ['page', ['Docs', 'Install']],
    ['screen', ['Home']],
    ['identify', ['user-1', { email: 'a@example.com' }]],
    ['group', ['g-1', { name: 'Acme' }]],
    ['alias', ['user-1', 'anon-1']],
  ] as const)('%s() resolves at once with a Context that says why nothing was sent', async (method, args) => {
    const browser = AnalyticsBrowser.load({ writeKey: 'WK' })
    const ctx = await settlesAtOnce((browser[method] as (...a: unknown[]) => Promise<any>)(...args))
    expect(ctx).not.toBe('pending')
    expect(ctx.event.type).toBe(method)
    expect(ctx.failedDelivery()).toEqual({ reason: NOT_IN_BROWSER })
  })

  it('names the event on a track Context and runs the callback with it; a throwing callback is contained', async () => {
    const [analytics] = await AnalyticsBrowser.load({ writeKey: 'WK' })
    const seen: unknown[] = []
    const ctx = await analytics.track('Signed Up', { plan: 'pro' }, {}, (c) => {
      seen.push(c)
      throw new Error('callback bug')
    })
    expect(ctx.event.event).toBe('Signed Up')
    expect(seen).toEqual([ctx])
  })

  it('settles calls made before load() when load() runs', async () => {
    const browser = new AnalyticsBrowser()
    const early = browser.track('Early')
    browser.load({ writeKey: 'WK' })
    expect((await settlesAtOnce(early)).failedDelivery()).toEqual({ reason: NOT_IN_BROWSER })
  })

  it('keeps nothing: no identity, no listeners, no plugins, no middleware', async () => {
    const [analytics] = await AnalyticsBrowser.load({ writeKey: 'WK' })
    const load = vi.fn()
    const plugin: Plugin = { name: 'P', type: 'destination', version: '1', isLoaded: () => true, load }
    await analytics.identify('user-1', { email: 'a@example.com' })
    await analytics.group('g-1', { name: 'Acme' })
    expect(analytics.setAnonymousId('anon-from-request')).toBeNull()
    analytics.on('track', () => {}).once('page', () => {})
    await analytics.register(plugin)
    await analytics.addSourceMiddleware(({ next, payload }) => next(payload))
    await analytics.addDestinationMiddleware('P', ({ next, payload }) => next(payload))
    expect(analytics.user().id()).toBeNull()
    expect(analytics.user().traits()).toEqual({})
    expect(analytics.group().id()).toBeNull()
    expect(load).not.toHaveBeenCalled()
    expect(analytics.plugins).toEqual([])
    expect((analytics as unknown as { listeners_: Record<string, unknown[]> }).listeners_).toEqual({})
  })

  it('AnalyticsBrowser.standalone() resolves with the same kind of instance', async () => {
    expect(await AnalyticsBrowser.standalone('WK')).toBeInstanceOf(ServerAnalytics)
  })
})
