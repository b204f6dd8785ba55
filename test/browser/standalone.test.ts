import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderSnippet } from '../../snippet'

const rec = vi.hoisted(() => ({ current: undefined as any }))
vi.mock('../../src/browser/deps', async () => {
  const { fakeDeps, newRecorder } = await import('./fakes')
  rec.current = newRecorder()
  return { defaultDeps: fakeDeps(rec.current) }
})

const win = window as any

describe('standalone bundle entry', () => {
  beforeEach(() => {
    vi.resetModules()
    localStorage.clear()
    document.head.innerHTML = '<script></script>'
    history.replaceState(null, '', '/landing')
    document.title = 'Landing'
  })
  afterEach(() => {
    delete win.analytics
    delete win.custom
    vi.unstubAllGlobals()
  })

  it('takes over the snippet: write key, CDN, load options, buffered calls in order, then becomes window.analytics', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ integrations: { 'Segment.io': { apiKey: 'WK' } } })))
    vi.stubGlobal('fetch', fetch)
    new Function(renderSnippet({ writeKey: 'WK', host: 'cdn.example.com', load: { integrations: { 'Segment.io': { apiHost: 'x/v1' } } } }))()
    const stub = win.analytics
    const staleTrack = stub.track
    history.replaceState(null, '', '/second')
    stub.identify('u-9')
    stub.track('Clicked')
    await import('../../src/browser/standalone')
    // Calls keep being recorded while loading.
    stub.track('While loading')
    await vi.waitFor(() => expect(win.analytics).not.toBe(stub))
    expect(fetch).toHaveBeenCalledWith('https://cdn.example.com/v1/projects/WK/settings')
    expect(win.analytics.initialized).toBe(true)
    expect(rec.current.settings.at(-1)).toEqual({ apiKey: 'WK', apiHost: 'x/v1' })
    // A reference to the stub still reaches the real instance.
    staleTrack('Stale')
    await vi.waitFor(() => expect(rec.current.sent.length).toBe(5))
    const sent = rec.current.sent
    expect(sent.map((e: any) => e.event ?? e.type)).toEqual(['page', 'identify', 'Clicked', 'While loading', 'Stale'])
    expect(sent[0].context.page.path).toBe('/landing')
    expect(sent[0].properties.title).toBe('Landing')
    expect(sent[2].context.page.path).toBe('/second')
    expect(sent[2].userId).toBe('u-9')
  })

  it('finds the write key and CDN in its script URL and honours the global key attribute', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}')))
    document.head.innerHTML =
      '<script data-global-segment-analytics-key="custom" src="http://127.0.0.1:8080/analytics.js/v1/KEY2/analytics.min.js"></script>'
    win.custom = [['track', 'Queued']]
    await import('../../src/browser/standalone')
    await vi.waitFor(() => expect(win.custom.initialized).toBe(true))
    expect(win.custom.settings.writeKey).toBe('KEY2')
    expect(win.custom.settings.cdnURL).toBe('http://127.0.0.1:8080')
    await vi.waitFor(() => expect(rec.current.sent.at(-1).event).toBe('Queued'))
  })
})

describe('standalone bundle included twice', () => {
  beforeEach(() => {
    vi.resetModules()
    localStorage.clear()
    document.head.innerHTML = '<script></script>'
  })
  afterEach(() => {
    delete win.analytics
    vi.unstubAllGlobals()
  })

  it('replays each buffered call once', async () => {
    // Settings arrive only after both copies have started.
    let answer!: () => void
    const answered = new Promise<void>((r) => (answer = r))
    const fetch = vi.fn(async () => (await answered, new Response('{}')))
    vi.stubGlobal('fetch', fetch)
    new Function(renderSnippet({ writeKey: 'WK', host: 'cdn.example.com', page: false }))()
    win.analytics.track('Once')
    await import('../../src/browser/standalone')
    const recorder = rec.current
    vi.resetModules()
    await import('../../src/browser/standalone')
    answer()
    await vi.waitFor(() => expect(win.analytics.initialized).toBe(true))
    await new Promise((r) => setTimeout(r, 50))
    expect(fetch).toHaveBeenCalledTimes(1)
    const sent = [...recorder.sent, ...(rec.current === recorder ? [] : rec.current.sent)]
    expect(sent.filter((e: any) => e.event === 'Once')).toHaveLength(1)
  })

  it.each([
    ['its own element has', 'own-nonce', 'own-nonce'],
    ['only another element on the page has', '', undefined],
  ])('the CSP nonce is the one %s, read as the bundle starts', async (_, ownNonce, expected) => {
    let answer!: () => void
    const answered = new Promise<void>((r) => (answer = r))
    vi.stubGlobal('fetch', vi.fn(async () => (await answered, new Response('{}'))))
    new Function(renderSnippet({ writeKey: 'WK', host: 'cdn.example.com', page: false }))()
    const other = document.createElement('script')
    other.nonce = 'other-nonce'
    document.head.append(other)
    const own = document.createElement('script')
    own.nonce = ownNonce
    let current: HTMLScriptElement | null = own
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => current })
    try {
      await import('../../src/browser/standalone')
      // While the settings load, another script is the current one: its nonce is not Switchboard's.
      current = other
      answer()
      await vi.waitFor(() => expect(win.analytics.initialized).toBe(true))
      expect(win.analytics.options.nonce).toBe(expected)
    } finally {
      delete (document as any).currentScript
    }
  })
})
