import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiOrigin, renderSnippet, snippetOrigin } from '../../snippet/index'
import { SNIPPET_FUNCTION } from '../../snippet/snippet-min'
// @ts-expect-error plain ESM build script without types
import { minifySnippet } from '../../snippet/build.mjs'

type Stub = unknown[] & Record<string, any>
const win = window as unknown as Record<string, any>

function run(code: string): void {
  new Function(code)()
}

const STUB_METHODS = [
  'trackSubmit', 'trackClick', 'trackLink', 'trackForm', 'pageview', 'identify', 'reset', 'group',
  'track', 'ready', 'alias', 'debug', 'page', 'screen', 'once', 'off', 'on', 'addSourceMiddleware',
  'addIntegrationMiddleware', 'setAnonymousId', 'addDestinationMiddleware', 'register',
]

describe('renderSnippet', () => {
  let fetch: ReturnType<typeof vi.fn>
  beforeEach(() => {
    // No network in unit tests: the settings request the snippet starts never answers.
    fetch = vi.fn(() => new Promise(() => {}))
    vi.stubGlobal('fetch', fetch)
    document.head.innerHTML = '<script id="first"></script>'
    document.title = 'Snippet page'
    history.replaceState(null, '', '/start?utm_source=x#frag')
  })
  afterEach(() => {
    delete win.analytics
    delete win.custom
    vi.unstubAllGlobals()
  })

  it('keeps the checked-in minified snippet in step with snippet/snippet.js', async () => {
    expect(SNIPPET_FUNCTION).toBe(await minifySnippet())
  })

  it('defines the stub with every Analytics.js 2.0 stub method and the load metadata', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false }))
    const a = win.analytics as Stub
    expect(Array.isArray(a)).toBe(true)
    expect(a.invoked).toBe(true)
    expect(a.methods).toEqual(STUB_METHODS)
    for (const m of STUB_METHODS) expect(typeof a[m]).toBe('function')
    expect(a._writeKey).toBe('WK1')
    expect(a._cdn).toBe('https://cdn.example.com')
    expect(a._loadOptions).toBeUndefined()
    expect(typeof a.SNIPPET_VERSION).toBe('string')
  })

  it('inserts the bundle script before the first script, with the global key attribute', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false }))
    const script = document.getElementsByTagName('script')[0]
    expect(script.src).toBe('https://cdn.example.com/analytics.js/v1/WK1/analytics.min.js')
    expect(script.async).toBe(true)
    expect(script.getAttribute('data-global-segment-analytics-key')).toBe('analytics')
    expect(script.nextElementSibling?.id).toBe('first')
  })

  it('accepts a host with a scheme (local development over http)', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'http://127.0.0.1:8080/', page: false }))
    expect(win.analytics._cdn).toBe('http://127.0.0.1:8080')
    expect(document.getElementsByTagName('script')[0].src).toBe('http://127.0.0.1:8080/analytics.js/v1/WK1/analytics.min.js')
    expect(snippetOrigin('cdn.x.io')).toBe('https://cdn.x.io')
  })

  it('buffers [method, ...args] with the page context of each call, then an initial page()', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com' }))
    const a = win.analytics as Stub
    history.replaceState(null, '', '/second?q=1')
    document.title = 'Second'
    const returned = a.track('Clicked', { n: 1 })
    a.setAnonymousId('anon-1')
    expect(returned).toBe(a)
    expect(a.length).toBe(3)
    expect(a[0]).toEqual([
      'page',
      { __t: 'bpc', c: undefined, p: '/start', u: 'https://www.example.com/start?utm_source=x#frag', s: '?utm_source=x', t: 'Snippet page', r: '' },
    ])
    expect(a[1]).toEqual([
      'track', 'Clicked', { n: 1 },
      { __t: 'bpc', c: undefined, p: '/second', u: 'https://www.example.com/second?q=1', s: '?q=1', t: 'Second', r: '' },
    ])
    // Non-event methods carry no page context.
    expect(a[2]).toEqual(['setAnonymousId', 'anon-1'])
  })

  it('captures the canonical link href', () => {
    document.head.innerHTML += '<link rel="canonical" href="https://www.example.com/canon">'
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false }))
    win.analytics.identify('u1')
    expect(win.analytics[0][2].c).toBe('https://www.example.com/canon')
  })

  it('renders page arguments and load options', () => {
    run(
      renderSnippet({
        writeKey: 'WK1',
        host: 'cdn.example.com',
        page: { category: 'Docs', name: 'Intro', properties: { a: 1 } },
        load: { integrations: { All: false } },
      }),
    )
    const a = win.analytics as Stub
    expect(a[0].slice(0, 4)).toEqual(['page', 'Docs', 'Intro', { a: 1 }])
    expect(a._loadOptions).toEqual({ integrations: { All: false } })
  })

  it('with load: false leaves loading to the page', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', load: false, page: false }))
    expect(document.querySelectorAll('script[data-global-segment-analytics-key]').length).toBe(0)
    win.analytics.load('WK1', { nonce: 'n0nce' })
    const script = document.querySelector<HTMLScriptElement>('script[data-global-segment-analytics-key]')!
    expect(script.src).toContain('/analytics.js/v1/WK1/analytics.min.js')
    expect(script.nonce).toBe('n0nce')
  })

  it('uses a custom global key', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', globalAnalyticsKey: 'custom' }))
    expect(win.analytics).toBeUndefined()
    expect(win.custom[0][0]).toBe('page')
    expect(document.getElementsByTagName('script')[0].getAttribute('data-global-segment-analytics-key')).toBe('custom')
  })

  it('guards against being included twice and against a loaded library', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com' }))
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com' }))
    expect(error).toHaveBeenCalledWith('Segment snippet included twice.')
    expect(win.analytics.length).toBe(1)
    expect(document.querySelectorAll('script[data-global-segment-analytics-key]').length).toBe(1)
    error.mockRestore()

    const real = { initialize: () => {}, track: vi.fn() }
    win.analytics = real
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com' }))
    expect(win.analytics).toBe(real)
  })

  it('proxies stale stub references to the real instance once initialized', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false }))
    const staleTrack = win.analytics.track
    const real = { initialized: true, track: vi.fn(() => 'ok') }
    win.analytics = real
    expect(staleTrack('E', { a: 1 })).toBe('ok')
    expect(real.track).toHaveBeenCalledWith('E', { a: 1 })
  })

  it('escapes values so they cannot break out of the script tag', () => {
    const code = renderSnippet({ writeKey: 'WK</script><b>', host: 'cdn.example.com', page: { name: 'x\u2028y' } })
    expect(code).not.toContain('</script>')
    expect(code).not.toContain('\u2028')
    run(code)
    expect(win.analytics._writeKey).toBe('WK</script><b>')
  })

  it('starts the settings request with the bundle request, for the write key load() was given', async () => {
    const settings = Promise.resolve(new Response('{}'))
    fetch.mockReturnValue(settings)
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', load: false, page: false }))
    expect(fetch).not.toHaveBeenCalled()
    win.analytics.load('WK 2')
    expect(fetch).toHaveBeenCalledWith('https://cdn.example.com/v1/projects/WK%202/settings')
    expect(win.analytics._settings).toBe(settings)
    // The bundle reads the write key from the stub: it must be the one whose settings are coming.
    expect(win.analytics._writeKey).toBe('WK 2')
  })

  it('handles a failure of the settings request itself, in case no bundle ever takes it over (blocked)', () => {
    // A promise that records who listens to it: a rejection nobody handles is an error in the host page.
    const request = { then: vi.fn(), catch: vi.fn() }
    fetch.mockReturnValue(request)
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false }))
    expect(request.catch).toHaveBeenCalledWith(expect.any(Function))
  })

  it('preconnects to the tracking API when the load options name it, and only then', () => {
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false, load: { integrations: { 'Segment.io': { apiHost: 'events.example.com/v1' } } } }))
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel=preconnect]')]
    expect(links.map((l) => [l.href, l.getAttribute('crossorigin')])).toEqual([['https://events.example.com/', '']])
    delete win.analytics
    document.head.innerHTML = '<script id="first"></script>'
    run(renderSnippet({ writeKey: 'WK1', host: 'cdn.example.com', page: false, load: { integrations: { All: false } } }))
    expect(document.querySelectorAll('link[rel=preconnect]')).toHaveLength(0)
  })

  it('derives the API origin from apiHost and protocol as the bundle does', () => {
    const load = (segmentio: unknown) => ({ integrations: { 'Segment.io': segmentio } })
    expect(apiOrigin(load({ apiHost: 'api.example.com/v1' }))).toBe('https://api.example.com')
    expect(apiOrigin(load({ apiHost: '127.0.0.1:8080/v1', protocol: 'http' }))).toBe('http://127.0.0.1:8080')
    expect(apiOrigin(load({ apiHost: 'https://proxy.example.com/seg/v1' }))).toBe('https://proxy.example.com')
    for (const bad of [true, false, undefined, {}, load(false), load({ apiHost: 42 }), load({ apiHost: 'not a host/v1 ::' })]) {
      expect(apiOrigin(bad as never)).toBe(0)
    }
  })
})
