import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trackPageChanges } from '../../src/context'
import { Analytics } from '../../src/core/analytics'
import { clearAll } from '../storage/helpers'
import { recorder } from './recorder'

let stop: (() => void) | undefined
beforeEach(() => {
  vi.useFakeTimers()
  history.replaceState(null, '', '/start')
})
afterEach(() => {
  stop?.()
  vi.useRealTimers()
})

const fake = () => {
  const pages: string[] = []
  return { pages, analytics: { page: async () => (pages.push(location.pathname + location.search + location.hash), {} as never) } }
}

describe('trackPageChanges', () => {
  it('pushState and popstate send page() once per new URL', async () => {
    const { pages, analytics } = fake()
    stop = trackPageChanges(analytics)
    history.pushState(null, '', '/a')
    await vi.advanceTimersByTimeAsync(0)
    history.pushState(null, '', '/a')
    await vi.advanceTimersByTimeAsync(0)
    history.pushState(null, '', '/b?x=1')
    await vi.advanceTimersByTimeAsync(0)
    vi.useRealTimers()
    history.back()
    await vi.waitFor(() => expect(pages).toEqual(['/a', '/b?x=1', '/a']))
  })

  it('reports a navigation made between `since` (when tracking was asked for) and the start, once', async () => {
    const { pages, analytics } = fake()
    const since = location.href
    history.pushState(null, '', '/moved-while-loading')
    stop = trackPageChanges(analytics, {}, since)
    await vi.advanceTimersByTimeAsync(0)
    expect(pages).toEqual(['/moved-while-loading'])
    stop()
    const same = fake()
    stop = trackPageChanges(same.analytics, {}, location.href)
    await vi.advanceTimersByTimeAsync(0)
    expect(same.pages).toEqual([])
  })

  it('replaceState is ignored unless asked for', async () => {
    const off = fake()
    stop = trackPageChanges(off.analytics)
    history.replaceState(null, '', '/filtered?sort=asc')
    await vi.advanceTimersByTimeAsync(0)
    expect(off.pages).toEqual([])
    stop()
    const on = fake()
    stop = trackPageChanges(on.analytics, { replaceState: true })
    history.replaceState(null, '', '/filtered?sort=desc')
    await vi.advanceTimersByTimeAsync(0)
    expect(on.pages).toEqual(['/filtered?sort=desc'])
  })

  it('a push immediately normalised by replaceState still counts, with the final URL', async () => {
    const { pages, analytics } = fake()
    stop = trackPageChanges(analytics)
    history.pushState(null, '', '/item')
    history.replaceState(null, '', '/item/')
    await vi.advanceTimersByTimeAsync(0)
    expect(pages).toEqual(['/item/'])
  })

  it('in-page anchors are not page views; hash routes are', async () => {
    const { pages, analytics } = fake()
    stop = trackPageChanges(analytics)
    history.pushState(null, '', '/start#section-2')
    await vi.advanceTimersByTimeAsync(0)
    history.pushState(null, '', '/start#/about')
    await vi.advanceTimersByTimeAsync(0)
    expect(pages).toEqual(['/start#/about'])
  })

  it('stops after unsubscribe', async () => {
    const { pages, analytics } = fake()
    trackPageChanges(analytics)()
    history.pushState(null, '', '/gone')
    await vi.advanceTimersByTimeAsync(0)
    expect(pages).toEqual([])
  })

  it('the page event carries the new URL and the title the app set after navigating', async () => {
    vi.useRealTimers()
    clearAll()
    const analytics = new Analytics({ writeKey: 'k' })
    const { plugin, events } = recorder()
    await analytics.register(plugin)
    stop = trackPageChanges(analytics)
    history.pushState(null, '', '/products?id=7')
    document.title = 'Product 7'
    await vi.waitFor(() => expect(events).toHaveLength(1))
    expect(events[0].type).toBe('page')
    expect(events[0].context.page).toMatchObject({ path: '/products', search: '?id=7', title: 'Product 7', url: 'https://www.example.com/products?id=7' })
  })
})
