// The on-demand parts, bundled as an npm app does with `import 'switchboard-analytics/extras'` (otherwise they load from the CDN).
import '../../src/extras/standalone'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { REMOTE_PLUGINS_WAIT_MS } from '../../src/settings'
import { loadAnalytics } from '../../src/browser/load'
import { PreloadBuffer } from '../../src/browser/buffer'
import { NullAnalytics } from '../../src/browser/null-analytics'
import type { Plugin } from '../../src/core/plugin'
import { capturePageContext } from '../../src/browser/page-context'
import { extendAnalytics } from '../../src/browser/extend'
import { cdnSettings, fakeDeps, newRecorder } from './fakes'

const until = (fn: () => void) => vi.waitFor(fn, { timeout: 2000 })

describe('loadAnalytics', () => {
  beforeEach(() => {
    localStorage.clear()
    document.title = 'Home'
    history.replaceState(null, '', '/')
  })

  it('replays buffered calls in call order, each with the page context of its call time', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('page', [capturePageContext()])
    history.replaceState(null, '', '/pricing?plan=pro')
    document.title = 'Pricing'
    void buffer.add('identify', ['user-1', { plan: 'pro' }, capturePageContext()])
    void buffer.add('track', ['Viewed Pricing', { n: 1 }, capturePageContext()])
    history.replaceState(null, '', '/later')
    const [analytics] = await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, {}, buffer, fakeDeps(rec))
    await until(() => expect(rec.sent.length).toBe(3))
    expect(rec.sent.map((e) => e.type)).toEqual(['page', 'identify', 'track'])
    expect(rec.sent[0].context.page).toMatchObject({ path: '/', title: 'Home' })
    expect(rec.sent[1].context.page).toMatchObject({ path: '/pricing', search: '?plan=pro', title: 'Pricing' })
    expect(rec.sent[2].context.page).toMatchObject({ path: '/pricing', url: 'https://www.example.com/pricing?plan=pro' })
    // The identify replayed first, so the track carries the user.
    expect(rec.sent[2].userId).toBe('user-1')
    expect(analytics.initialized).toBe(true)
  })

  it('sets the anonymousId and listeners before plugins, and adds buffered plugins before events', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    const order: string[] = []
    void buffer.add('track', ['Early', capturePageContext()])
    const lateMiddleware = vi.fn(({ payload, next }) => {
      payload.obj.properties = { ...payload.obj.properties, middleware: true }
      next(payload)
    })
    void buffer.add('addSourceMiddleware', [lateMiddleware])
    const extra: Plugin = { name: 'Extra', type: 'destination', isLoaded: () => true, load: () => void order.push('Extra loaded') }
    void buffer.add('register', [extra])
    void buffer.add('setAnonymousId', ['anon-early'])
    void buffer.add('on', ['initialize', () => order.push('initialize')])
    void buffer.add('on', ['ready', () => order.push('ready')])
    await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, {}, buffer, fakeDeps(rec))
    await until(() => expect(rec.sent.length).toBe(1))
    expect(rec.sent[0].anonymousId).toBe('anon-early')
    expect(rec.sent[0].properties).toEqual({ middleware: true })
    await until(() => expect(order).toEqual(['Extra loaded', 'initialize', 'ready']))
    expect(rec.calls).toEqual(['envEnrichment', 'segmentio', 'runQueryString'])
  })

  it('applies a buffered destination middleware before any buffered event reaches that destination', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    const seen: unknown[] = []
    const vendor: Plugin = {
      name: 'Vendor',
      type: 'destination',
      isLoaded: () => true,
      load: () => undefined,
      track: (ctx) => (seen.push(ctx.event.properties), ctx),
    }
    void buffer.add('track', ['Early', { secret: 'x', keep: 1 }, capturePageContext()])
    void buffer.add('register', [vendor])
    void buffer.add('addDestinationMiddleware', [
      'Vendor',
      ({ payload, next }: any) => {
        const { secret: _drop, ...rest } = payload.obj.properties
        payload.obj.properties = rest
        next(payload)
      },
    ])
    await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, {}, buffer, fakeDeps(rec))
    await until(() => expect(seen).toEqual([{ keep: 1 }]))
    // Segment.io gets the event as it was sent.
    await until(() => expect(rec.sent[0].properties).toEqual({ secret: 'x', keep: 1 }))
  })

  it('registers Segment.io last with merged settings; only Segment.io: false leaves it out', async () => {
    const rec = newRecorder()
    const custom: Plugin = { name: 'Custom', type: 'destination', isLoaded: () => true, load: () => undefined }
    const [a] = await loadAnalytics(
      { writeKey: 'WK', cdnSettings: cdnSettings(), plugins: [custom] },
      { integrations: { All: false, 'Segment.io': { apiHost: 'proxy.example.com/v1' } } },
      new PreloadBuffer(),
      fakeDeps(rec),
    )
    expect(a.plugins.map((p) => p.name)).toEqual(['Env', 'Custom', 'Segment.io'])
    expect(rec.settings[0]).toEqual({ apiKey: 'WK', apiHost: 'proxy.example.com/v1' })

    const off = newRecorder()
    const [b] = await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, { integrations: { 'Segment.io': false } }, new PreloadBuffer(), fakeDeps(off))
    expect(b.plugins.map((p) => p.name)).toEqual(['Env'])
  })

  it('applies plan.track from settings', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['Blocked'])
    const [a] = await loadAnalytics(
      { writeKey: 'WK', cdnSettings: cdnSettings({ plan: { track: { Blocked: { enabled: false } } } }) },
      {},
      buffer,
      fakeDeps(rec),
    )
    expect(a.plugins.map((p) => p.name)).toContain('Schema Filter')
    await until(() => expect(rec.sent.length).toBe(1))
    expect(rec.sent[0].integrations).toEqual({ All: false, 'Segment.io': true })
  })

  it('registers no plan filter for a plan that changes nothing (the default every source has)', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['Any Event'])
    const plan = { track: { __default: { enabled: true, integrations: {} } } }
    const [a] = await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings({ plan }) }, {}, buffer, fakeDeps(rec))
    expect(a.plugins.map((p) => p.name)).not.toContain('Schema Filter')
    await until(() => expect(rec.sent.length).toBe(1))
    expect(rec.sent[0].integrations).toEqual({})
  })

  it('starts loading on-demand parts before the settings arrive, and never waits for page-change tracking', async () => {
    let answer!: (r: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))))
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['First'])
    const preloaded: [string, unknown][] = []
    const deps = {
      ...fakeDeps(rec),
      preload: (cdnURL: string, options: Record<string, unknown>) => void preloaded.push([cdnURL, options.trackPageChanges]),
      // Code that never arrives.
      trackPageChanges: () => new Promise(() => {}),
    }
    const loading = loadAnalytics({ writeKey: 'WK', cdnURL: 'https://cdn.example.com/' }, { trackPageChanges: true }, buffer, deps)
    expect(preloaded).toEqual([['https://cdn.example.com', true]])
    await until(() => expect(answer).toBeTypeOf('function'))
    answer(new Response(JSON.stringify(cdnSettings())))
    const settled = Date.now()
    await loading
    // Waiting for page-change tracking would have taken its whole 1 s bound.
    expect(Date.now() - settled).toBeLessThan(900)
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['First']))
    vi.unstubAllGlobals()
  })

  it('falls back to default settings when the CDN fails, and still delivers', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('down', { status: 500 })))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['During outage'])
    await loadAnalytics({ writeKey: 'WK', cdnURL: 'https://cdn.example.com' }, {}, buffer, fakeDeps(rec))
    await until(() => expect(rec.sent.length).toBe(1))
    expect(rec.settings[0]).toEqual({ apiKey: 'WK' })
    expect(warn.mock.calls[0][0]).toContain('using default settings')
    vi.unstubAllGlobals()
    warn.mockRestore()
  })

  it('applies updateCDNSettings, and disable: true / disable(settings) give a NullAnalytics', async () => {
    const rec = newRecorder()
    const update = vi.fn((s) => ({ ...s, integrations: { ...s.integrations, 'Segment.io': { apiKey: 'CHANGED' } } }))
    await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, { updateCDNSettings: update }, new PreloadBuffer(), fakeDeps(rec))
    expect(rec.settings[0].apiKey).toBe('CHANGED')

    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const [a] = await loadAnalytics({ writeKey: 'WK' }, { disable: true }, new PreloadBuffer(), fakeDeps(rec))
    expect(a).toBeInstanceOf(NullAnalytics)
    expect(fetch).not.toHaveBeenCalled()
    const [b] = await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, { disable: (s) => s.integrations['Segment.io'].apiKey === 'WK' }, new PreloadBuffer(), fakeDeps(newRecorder()))
    expect(b).toBeInstanceOf(NullAnalytics)
    expect(b.initialized).toBe(true)
    vi.unstubAllGlobals()
  })

  it('drains a snippet array until empty and calls onReplayed in the same task', async () => {
    const rec = newRecorder()
    const stub: unknown[][] = [['track', 'From stub']]
    const buffer = new PreloadBuffer(() => stub.splice(0))
    const replayed = vi.fn(() => expect(stub.length).toBe(0))
    await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, {}, buffer, fakeDeps(rec), { onReplayed: replayed })
    expect(replayed).toHaveBeenCalledTimes(1)
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['From stub']))
  })

  it('warns once about options Switchboard ignores, when debug is turned on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [a] = await loadAnalytics(
      { writeKey: 'WK', cdnSettings: cdnSettings(), classicIntegrations: [function Classic() {}] },
      { disableAutoISOConversion: true, obfuscate: true, madeUp: 1 },
      new PreloadBuffer(),
      { ...fakeDeps(newRecorder()), extend: extendAnalytics },
    )
    expect(warn).not.toHaveBeenCalled()
    a.debug(true)
    a.debug(true)
    await until(() => expect(warn).toHaveBeenCalledTimes(2))
    await new Promise((r) => setTimeout(r, 50))
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[switchboard] option "disableAutoISOConversion" is not supported: device-mode destinations receive the message as sent',
      '[switchboard] classicIntegrations are not supported: use device-mode plugins',
    ])
    warn.mockRestore()
  })
})

describe('loadAnalytics with remote plugins', () => {
  afterEach(() => vi.useRealTimers())

  const amplitude = {
    name: 'Amplitude (Actions)',
    creationName: 'Actions Amplitude',
    libraryName: 'amplitude-pluginsDestination',
    url: 'https://cdn.segment.com/next-integrations/actions/amplitude-plugins/6743af15a3c984ff970b.js',
    settings: {},
  }
  /** A stand-in for Amplitude's session plugin (an `enrichment` plugin), arriving after `delayMs`. */
  const sessionFactory = (delayMs: number) =>
    Object.assign(
      () =>
        new Promise<Plugin[]>((resolve) =>
          setTimeout(() => {
            const enrich = (ctx: any) => (ctx.updateEvent('integrations.Actions Amplitude', { session_id: 1700000000000 }), ctx)
            resolve([{ name: 'Amplitude (Actions) sessionId', type: 'enrichment', isLoaded: () => true, load: () => undefined, track: enrich, page: enrich, identify: enrich }])
          }, delayMs),
        ),
      { pluginName: 'Amplitude (Actions)' },
    )

  it('replays the buffered calls once the plugins they bring that change events have joined', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('page', [capturePageContext()])
    void buffer.add('identify', ['u1', capturePageContext()])
    void buffer.add('track', ['First', capturePageContext()])
    await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings({ remotePlugins: [amplitude] }), plugins: [sessionFactory(200)] }, {}, buffer, fakeDeps(rec))
    await until(() => expect(rec.sent.length).toBe(3))
    expect(rec.sent.map((e) => e.integrations)).toEqual(Array(3).fill({ 'Actions Amplitude': { session_id: 1700000000000 } }))
  })

  it(`waits at most REMOTE_PLUGINS_WAIT_MS (${REMOTE_PLUGINS_WAIT_MS} ms) for them; later ones apply from then on`, async () => {
    vi.useFakeTimers()
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['Not Held Forever', capturePageContext()])
    let loaded = false
    void loadAnalytics(
      { writeKey: 'WK', cdnSettings: cdnSettings({ remotePlugins: [amplitude] }), plugins: [sessionFactory(REMOTE_PLUGINS_WAIT_MS + 5000)] },
      {},
      buffer,
      fakeDeps(rec),
    ).then(([a]) => (loaded = a.initialized))
    await vi.advanceTimersByTimeAsync(REMOTE_PLUGINS_WAIT_MS - 10)
    expect(loaded).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    expect(loaded).toBe(true)
    await vi.waitFor(() => expect(rec.sent.map((e) => e.event)).toEqual(['Not Held Forever']))
    expect(rec.sent[0].integrations).toEqual({})
  })

  it('does not wait at all without remote plugins', async () => {
    vi.useFakeTimers()
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['At Once', capturePageContext()])
    // No timer is advanced: loading finishes on microtasks alone.
    const [a] = await loadAnalytics({ writeKey: 'WK', cdnSettings: cdnSettings() }, {}, buffer, fakeDeps(rec))
    expect(a.initialized).toBe(true)
  })
})
