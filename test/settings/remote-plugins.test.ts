// Remote plugins load only from the CDN's host or a host the site lists in `remotePluginHosts`;
// a refused one is skipped alone, and the others and Segment.io go on.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import type { CDNSettings, InitOptions } from '../../src/core/options'
import type { Plugin } from '../../src/core/plugin'
import { remotePlugins } from '../../src/settings/remote-plugins'

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
