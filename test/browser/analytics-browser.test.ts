import { beforeEach, describe, expect, it, vi } from 'vitest'
import { newRecorder, fakeDeps, cdnSettings } from './fakes'

const rec = vi.hoisted(() => ({ current: undefined as any }))
vi.mock('../../src/browser/deps', async () => {
  const { fakeDeps, newRecorder } = await import('./fakes')
  rec.current = newRecorder()
  return { defaultDeps: fakeDeps(rec.current) }
})

import { AnalyticsBrowser } from '../../src/browser'
import { Analytics } from '../../src/core/analytics'
import { Context } from '../../src/core/context'

void newRecorder
void fakeDeps

describe('AnalyticsBrowser', () => {
  beforeEach(() => {
    rec.current.sent.length = 0
    localStorage.clear()
    history.replaceState(null, '', '/')
    document.title = 'Start'
  })

  it('returns at once with every method, buffers with call-time page context, and resolves to [analytics, ctx]', async () => {
    const browser = AnalyticsBrowser.load({ writeKey: 'WK', cdnSettings: cdnSettings() })
    for (const m of ['track', 'page', 'identify', 'group', 'alias', 'screen', 'trackLink', 'trackClick', 'trackSubmit', 'pageView', 'reset', 'ready', 'user', 'setAnonymousId', 'addSourceMiddleware', 'addDestinationMiddleware', 'register', 'deregister', 'on', 'once', 'off', 'debug']) {
      expect(typeof (browser as any)[m]).toBe('function')
    }
    expect(typeof browser.VERSION).toBe('string')
    const tracked = browser.track('Buffered', { a: 1 })
    history.replaceState(null, '', '/moved')
    const [analytics, ctx] = await browser
    expect(analytics).toBeInstanceOf(Analytics)
    expect(ctx).toBeInstanceOf(Context)
    expect(browser.instance).toBe(analytics)
    const result = await tracked
    expect(result).toBeInstanceOf(Context)
    expect(result.event.event).toBe('Buffered')
    expect(result.event.context.page?.path).toBe('/')
    // After load, calls go straight to the instance.
    const after = await browser.track('After')
    expect(after.event.context.page?.path).toBe('/moved')
    expect(rec.current.sent.map((e: any) => e.event)).toEqual(['Buffered', 'After'])
  })

  it('works with new AnalyticsBrowser() and a later load(); only the first load counts', async () => {
    const browser = new AnalyticsBrowser()
    const identified = browser.identify('u-1', { name: 'Ann' })
    const chained = browser.on('track', () => {}).debug(false)
    expect(chained).toBe(browser)
    browser.load({ writeKey: 'WK', cdnSettings: cdnSettings() })
    browser.load({ writeKey: 'OTHER', cdnSettings: cdnSettings() })
    const [analytics] = await browser
    expect(analytics.settings.writeKey).toBe('WK')
    expect((await identified).event.userId).toBe('u-1')
    const user = await browser.user()
    expect(user.id()).toBe('u-1')
    const group = await browser.group()
    expect(typeof group.id).toBe('function')
  })

  it('sends an initial page view when asked, before later calls', async () => {
    const browser = AnalyticsBrowser.load({ writeKey: 'WK', cdnSettings: cdnSettings() }, { initialPageview: true })
    void browser.track('Next')
    await browser
    await vi.waitFor(() => expect(rec.current.sent.map((e: any) => e.type)).toEqual(['page', 'track']))
  })

  it('is thenable with catch/finally and standalone() resolves to the instance', async () => {
    const done = vi.fn()
    await AnalyticsBrowser.load({ writeKey: 'WK', cdnSettings: cdnSettings() }).finally(done)
    expect(done).toHaveBeenCalled()
    const analytics = await AnalyticsBrowser.standalone('WK', { disable: true })
    expect(analytics.initialized).toBe(true)
  })
})
