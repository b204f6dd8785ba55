// Hostile CDN settings, as a table: a destination's script URL that points anywhere but where
// the site allows is refused before any <script> exists, the refusal is counted and explained,
// and the other destinations and Segment.io delivery go on.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadAnalytics } from '../../src/browser/load'
import { PreloadBuffer } from '../../src/browser/buffer'
import type { CDNSettings, InitOptions } from '../../src/core/options'
import type { PluginFactory } from '../../src/core/plugin'
import mixpanel from '../../plugins/mixpanel'
import hotjar from '../../plugins/hotjar'
import { fakeDeps, newRecorder } from '../browser/fakes'
import { VENDOR_GLOBALS } from './seven'
// The on-demand parts that run remote plugins, as a page that loaded extras.js has them.
import '../../src/extras/standalone'

const w = window as any
const CDN = 'https://cdn.example.com'
const SEGMENT_IO = { apiKey: 'WK', apiHost: 'collector.example.com/v1' }

/** Hotjar's script is always allowed here: it shows the other destinations go on. */
const HOTJAR = { hjid: 7 }
const HOTJAR_SRC = 'https://static.hotjar.com/c/hotjar-7.js?sv=6'

const remote = (url: string): Partial<CDNSettings> => ({ remotePlugins: [{ name: 'Hostile', libraryName: 'hostileDestination', url, settings: {} }] })
const mixpanelWith = (settings: Record<string, unknown>): Partial<CDNSettings> => ({
  integrations: { Mixpanel: { type: 'browser', token: 't', ...settings } },
})

/** [what the settings carry, the settings, the URL refused, the rule, the plugin that fails] */
const CASES: [string, Partial<CDNSettings>, string, string, string][] = [
  ['a data: remote plugin', remote('data:text/javascript,window.__pwned=1'), 'data:text/javascript,window.__pwned=1', 'not https', 'Hostile'],
  ['a javascript: remote plugin', remote('javascript:window.__pwned=1'), 'javascript:window.__pwned=1', 'not https', 'Hostile'],
  ['a blob: remote plugin', remote('blob:https://cdn.example.com/0b8e'), 'blob:https://cdn.example.com/0b8e', 'not https', 'Hostile'],
  ['a remote plugin on another host', remote('https://evil.example/p.js'), 'https://evil.example/p.js', 'host not allowed', 'Hostile'],
  ['a protocol-relative remote plugin', remote('//evil.example/p.js'), '//evil.example/p.js', 'host not allowed', 'Hostile'],
  ['a remote plugin over plain http from the CDN host', remote('http://cdn.example.com/p.js'), 'http://cdn.example.com/p.js', 'not https', 'Hostile'],
  ['a remote plugin on a look-alike of the Segment CDN', remote('https://cdn.segment.com.evil.example/p.js'), 'https://cdn.example.com.evil.example/p.js', 'host not allowed', 'Hostile'],
  ['a remote plugin behind user info', remote('https://cdn.segment.com@evil.example/p.js'), 'https://cdn.example.com@evil.example/p.js', 'host not allowed', 'Hostile'],
  ['a data: vendor scriptUrl', mixpanelWith({ scriptUrl: 'data:text/javascript,window.__pwned=1' }), 'data:text/javascript,window.__pwned=1', 'not https', 'Mixpanel'],
  ['a javascript: vendor scriptUrl', mixpanelWith({ scriptUrl: 'javascript:window.__pwned=1' }), 'javascript:window.__pwned=1', 'not https', 'Mixpanel'],
  ['a vendor scriptUrl on another host', mixpanelWith({ scriptUrl: 'https://evil.example/mp.js' }), 'https://evil.example/mp.js', 'host not allowed', 'Mixpanel'],
  ['a vendor scriptUrl on a look-alike host', mixpanelWith({ scriptUrl: 'https://cdn.mxpnl.com.evil.example/mp.js' }), 'https://cdn.mxpnl.com.evil.example/mp.js', 'host not allowed', 'Mixpanel'],
  ['user info in front of another host', mixpanelWith({ scriptUrl: 'https://cdn.mxpnl.com@evil.example/mp.js' }), 'https://cdn.mxpnl.com@evil.example/mp.js', 'host not allowed', 'Mixpanel'],
  ['a protocol-relative vendor scriptUrl', mixpanelWith({ scriptUrl: '//evil.example/mp.js' }), '//evil.example/mp.js', 'host not allowed', 'Mixpanel'],
  ['a vendor scriptUrl over plain http', mixpanelWith({ scriptUrl: 'http://cdn.mxpnl.com/mp.js' }), 'http://cdn.mxpnl.com/mp.js', 'not https', 'Mixpanel'],
  ['a blob: vendor scriptUrl', mixpanelWith({ scriptUrl: 'blob:https://cdn.example.com/0b8e' }), 'blob:https://cdn.example.com/0b8e', 'not https', 'Mixpanel'],
  ['a vendor library URL on another host', mixpanelWith({ customLibraryUrl: 'https://evil.example/mp.js' }), 'https://evil.example/mp.js', 'host not allowed', 'Mixpanel'],
]

async function load(cdn: Partial<CDNSettings>, options: InitOptions = {}) {
  const rec = newRecorder()
  const settings = {
    ...cdn,
    integrations: { 'Segment.io': SEGMENT_IO, Hotjar: { type: 'browser', ...HOTJAR }, ...cdn.integrations },
  } as CDNSettings
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const [analytics] = await loadAnalytics(
    { writeKey: 'WK', cdnURL: CDN, cdnSettings: settings, plugins: [mixpanel, hotjar] as PluginFactory[] },
    options,
    new PreloadBuffer(),
    fakeDeps(rec),
  )
  return { analytics, rec, warn }
}

const scripts = () => Array.from(document.querySelectorAll('script'), (s) => s.src)

afterEach(() => {
  vi.restoreAllMocks()
  document.head.innerHTML = ''
  for (const g of [...VENDOR_GLOBALS, '__pwned']) delete w[g]
})

describe('hostile script URLs in CDN settings', () => {
  it.each(CASES)('%s is refused; Segment.io and the other destinations go on', async (_, cdn, url, rule, plugin) => {
    const { analytics, rec, warn } = await load(cdn)
    const ctx = await analytics.track('After')
    // Nothing of the refused URL reached the page; the allowed vendor did.
    await vi.waitFor(() => expect(scripts()).toContain(HOTJAR_SRC))
    expect(scripts().filter((s) => s !== HOTJAR_SRC && !s.startsWith(`${CDN}/plugins/`))).toEqual([])
    expect(w.__pwned).toBeUndefined()
    // Counted and explained, naming the URL and the rule.
    await vi.waitFor(() => expect(analytics.failedInitializations).toEqual([plugin]))
    const explained = [...warn.mock.calls.map((c) => c.map(String).join(' ')), ...ctx.logs().map((l) => l.message)]
    expect(explained.some((m) => m.includes(`script refused: ${url} (${rule})`)), explained.join('\n')).toBe(true)
    // Delivery goes on, and so does the allowed destination's queue.
    await vi.waitFor(() => expect(rec.sent.map((e) => e.event)).toContain('After'))
    expect(JSON.stringify(Array.from(w.hj.q, (a: IArguments) => Array.from(a)))).toContain('"event","After"')
  })

  it('the same URL loads when the site gives it in code', async () => {
    const { analytics } = await load(mixpanelWith({ scriptUrl: 'https://evil.example/mp.js' }), {
      integrations: { Mixpanel: { scriptUrl: 'https://mirror.example.org/mp.js' } },
    })
    await vi.waitFor(() => expect(scripts()).toEqual(expect.arrayContaining(['https://mirror.example.org/mp.js', HOTJAR_SRC])))
    expect(analytics.failedInitializations).toEqual([])
  })
})
