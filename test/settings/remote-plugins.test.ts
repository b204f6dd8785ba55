// Remote plugins load only from the CDN's host or a host the site lists in `remotePluginHosts`;
// a refused one is skipped alone, and the others and Segment.io go on.
import { afterEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { Analytics } from '../../src/core/analytics'
import type { CDNSettings, InitOptions } from '../../src/core/options'
import type { Plugin } from '../../src/core/plugin'
import { obfuscatedURL, remotePlugins } from '../../src/settings/remote-plugins'

const CDN = 'https://cdn.example.com'

const settings = (...urls: string[]): CDNSettings => ({
  integrations: {},
  remotePlugins: urls.map((url, i) => ({ name: `P${i}`, libraryName: `p${i}Destination`, url, settings: {} })),
})

function recorder(name: string, seen: string[]): Plugin {
  return { name, type: 'destination', version: '1', isLoaded: () => true, load: () => undefined, track: (ctx) => (seen.push(`${name}:${ctx.event.event}`), ctx) }
}

const injected = () => Array.from(document.querySelectorAll('script')).map((s) => s.src)

/** Registers the remote plugins; returns what errors the loader was told about. */
async function load(cdn: CDNSettings, options: InitOptions = {}) {
  const errors: [string, string][] = []
  const a = new Analytics({ writeKey: 'WK' }, { disableClientPersistence: true })
  await a.register(...remotePlugins(cdn, options, { cdnURL: CDN, onError: (name, err) => errors.push([name, String(err)]) }))
  return { a, errors }
}

afterEach(() => {
  document.head.innerHTML = ''
  for (let i = 0; i < 4; i++) delete (window as any)[`p${i}Destination`]
})

describe('remote plugin hosts', () => {
  it('the CDN host (Segment-hosted URLs are fetched from the CDN) and relative URLs load', async () => {
    await load(settings(`${CDN}/a.js`, 'https://cdn.segment.com/next-integrations/b.js', '/c.js', 'd.js'))
    expect(injected()).toEqual([`${CDN}/a.js`, `${CDN}/next-integrations/b.js`, `${CDN}/c.js`, `${CDN}/d.js`])
  })

  it.each([
    ['https://evil.example/p.js', 'host not allowed'],
    ['https://cdn.example.com.evil.example/p.js', 'host not allowed'],
    ['https://cdn.example.com@evil.example/p.js', 'host not allowed'],
    ['//evil.example/p.js', 'host not allowed'],
    ['http://cdn.example.com/p.js', 'not https'],
    ['data:text/javascript,window.p0Destination=()=>({})', 'not https'],
    ['javascript:window.__pwned=1', 'not https'],
  ])('%s is refused, explained, and costs no other plugin', async (url, rule) => {
    const seen: string[] = []
    // loadScript shares one load per URL per page: a URL of this test's own.
    const ok = `${CDN}/ok-${encodeURIComponent(url)}.js`
    const { a, errors } = await load(settings(url, ok))
    expect(injected()).toEqual([ok])
    ;(window as any).p1Destination = () => recorder('inner', seen)
    document.querySelector('script')!.dispatchEvent(new Event('load'))
    await vi.waitFor(() => expect(errors).toEqual([['P0', expect.stringContaining(`script refused: ${url} (${rule}`)]]))
    await a.track('After')
    await vi.waitFor(() => expect(seen).toEqual(['inner:After']))
    expect((window as any).__pwned).toBeUndefined()
  })

  it('hosts the site lists in remotePluginHosts load too; nothing else does', async () => {
    const { errors } = await load(settings('https://plugins.example.org/a.js', 'https://plugins.example.org:8443/b.js', 'https://other.example/c.js', 'https://p.example/d.js'), {
      remotePluginHosts: ['plugins.example.org', 'plugins.example.org:8443', 'P.example'],
    })
    expect(injected()).toEqual(['https://plugins.example.org/a.js', 'https://plugins.example.org:8443/b.js'])
    await vi.waitFor(() => expect(errors.map(([n]) => n)).toEqual(['P2', 'P3']))
    expect(errors[0][1]).toContain('script refused: https://other.example/c.js (host not allowed)')
  })

  it('a remotePluginHosts that is not a list adds nothing (a string is not searched)', async () => {
    const { errors } = await load(settings('https://evil.example/a.js'), { remotePluginHosts: 'evil.example' as never })
    expect(injected()).toEqual([])
    await vi.waitFor(() => expect(errors).toHaveLength(1))
  })
})

const script = (src: string) => document.querySelector<HTMLScriptElement>(`script[src="${src}"]`)

describe('obfuscatedURL', () => {
  // Analytics.js 2.0 (remote-loader, `obfuscate`): the second-to-last path segment becomes its
  // base64 without '='; Segment's CDN and @segment/browser-destinations' dist/web hold both copies.
  it.each([
    ['https://cdn.segment.com/next-integrations/actions/amplitude-plugins/6743af15a3c984ff970b.js', 'https://cdn.segment.com/next-integrations/actions/YW1wbGl0dWRlLXBsdWdpbnM/6743af15a3c984ff970b.js'],
    ['https://cdn.example.com/next-integrations/actions/braze/5ed000d479d90100ee15.js', 'https://cdn.example.com/next-integrations/actions/YnJhemU/5ed000d479d90100ee15.js'],
    ['https://cdn.example.com/next-integrations/actions/hubspot-web/7a7616f5c685854486a6.js', 'https://cdn.example.com/next-integrations/actions/aHVic3BvdC13ZWI/7a7616f5c685854486a6.js'],
  ])('%s', (plain, obfuscated) => {
    expect(obfuscatedURL(plain)).toBe(obfuscated)
  })

  it('never throws, whatever the settings hold, and changes only the folder of a real bundle name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (url) => void obfuscatedURL(url)))
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,30}$/), (folder) => {
        const expected = Buffer.from(folder).toString('base64').replace(/=/g, '')
        expect(obfuscatedURL(`https://cdn.x/actions/${folder}/h.js`)).toBe(`https://cdn.x/actions/${expected}/h.js`)
        expect(obfuscatedURL(`next-integrations/actions/${folder}/h.js`)).toBe(`next-integrations/actions/${expected}/h.js`)
      }),
    )
  })
})

describe('remotePlugins with obfuscate', () => {
  const amplitude = {
    integrations: {},
    remotePlugins: [
      {
        name: 'Amplitude (Actions)',
        creationName: 'Actions Amplitude',
        libraryName: 'amplitude-pluginsDestination',
        url: 'https://cdn.segment.com/next-integrations/actions/amplitude-plugins/abc.js',
        settings: {},
      },
    ],
  }
  const plain = 'https://cdn.example.com/next-integrations/actions/amplitude-plugins/abc.js'
  const hidden = 'https://cdn.example.com/next-integrations/actions/YW1wbGl0dWRlLXBsdWdpbnM/abc.js'

  it('loads the base64-named copy, and the plain one when that is missing', async () => {
    document.head.innerHTML = ''
    const onError = vi.fn()
    const [plugin] = remotePlugins(amplitude, { obfuscate: true }, { cdnURL: 'https://cdn.example.com', onError })
    plugin.load(undefined as never, new Analytics({ writeKey: 'WK' }, { disableClientPersistence: true }))
    await vi.waitFor(() => expect(script(hidden)).not.toBeNull())
    expect(script(plain)).toBeNull()
    script(hidden)!.dispatchEvent(new Event('error'))
    await vi.waitFor(() => expect(script(plain)).not.toBeNull())
    ;(window as any)['amplitude-pluginsDestination'] = () => ({ name: 'inner', type: 'destination', isLoaded: () => true, load: () => undefined })
    script(plain)!.dispatchEvent(new Event('load'))
    await vi.waitFor(() => expect(plugin.isLoaded()).toBe(true))
    expect(onError).not.toHaveBeenCalled()
  })

  it('a host neither the CDN nor listed is refused under both names', async () => {
    const { errors } = await load(settings('https://evil.example/actions/p/h.js'), { obfuscate: true })
    expect(injected()).toEqual([])
    await vi.waitFor(() => expect(errors).toEqual([['P0', expect.stringContaining('script refused: https://evil.example/actions/p/h.js (host not allowed)')]]))
  })

  it('whatever URL the settings hold, no script comes from a host other than the CDN\'s or a listed one, obfuscated or not', async () => {
    const allowed = [new URL(CDN).host, 'plugins.example.org']
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('https://evil.example/h.js', 'https:/evil.example/a/h.js', '//evil.example/a/h.js', 'https://plugins.example.org/h.js', '/h.js', 'h.js'),
    )
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        document.head.innerHTML = ''
        await load(settings(u), { obfuscate: true, remotePluginHosts: ['plugins.example.org'] })
        // Every copy fails to load, so each URL the plugin would try is tried.
        for (let n = 0; n < 3; n++) {
          for (const s of document.querySelectorAll('script')) s.dispatchEvent(new Event('error'))
          await new Promise((r) => setTimeout(r))
        }
        for (const src of injected()) expect(allowed).toContain(new URL(src).host)
      }),
      { numRuns: 60 },
    )
  })

  it('without the option, loads only the plain URL', async () => {
    document.head.innerHTML = ''
    const [plugin] = remotePlugins(amplitude, {}, { cdnURL: 'https://other-cdn.example.com' })
    plugin.load(undefined as never, new Analytics({ writeKey: 'WK' }, { disableClientPersistence: true }))
    await vi.waitFor(() => expect(injected()).toEqual([plain.replace('cdn.', 'other-cdn.')]))
  })
})
