// Device-mode destinations and remote plugins on a page that loads Switchboard from its CDN: the
// code that runs them comes with the on-demand parts (extras.js), requested in parallel with the
// destinations' own files, never before them; events from the first are handed over once both
// are there; a page whose settings name none never asks for extras.js.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadAnalytics } from '../../src/browser/load'
import { PreloadBuffer } from '../../src/browser/buffer'
import { extras } from '../../src/extras'
import type { Plugin, PluginFactory } from '../../src/core/plugin'
import { cdnSettings, fakeDeps, newRecorder } from './fakes'

// A CDN of its own for each test: a script loads once per page, and this file is one page.
let CDN = ''
let EXTRAS = ''
let VENDOR = ''
let n = 0
const g = globalThis as { switchboardExtras?: unknown }

const scripts = () => Array.from(document.querySelectorAll('script'), (s) => s.src)
const script = (src: string) => document.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!
const until = (fn: () => void) => vi.waitFor(fn, { timeout: 2000 })

function vendor(seen: string[]): PluginFactory {
  return () => ({
    name: 'Vendor',
    type: 'destination',
    isLoaded: () => true,
    load: () => undefined,
    track: (ctx) => (seen.push(ctx.event.event!), ctx),
  }) as Plugin
}

const withVendor = () => cdnSettings({ integrations: { 'Segment.io': { apiKey: 'WK' }, Vendor: { type: 'browser', key: 'k' } } })

beforeEach(() => {
  CDN = `https://cdn${++n}.example.com`
  EXTRAS = `${CDN}/plugins/extras.js`
  VENDOR = `${CDN}/plugins/vendor.js`
  localStorage.clear()
  document.head.innerHTML = ''
  delete g.switchboardExtras
  delete window.switchboardPlugins
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('device-mode destinations from the CDN', () => {
  it('a page whose settings name no destination never asks for extras.js', async () => {
    const rec = newRecorder()
    const [analytics] = await loadAnalytics({ writeKey: 'WK', cdnURL: CDN, cdnSettings: cdnSettings() }, {}, new PreloadBuffer(), fakeDeps(rec))
    await analytics.track('A')
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['A']))
    expect(scripts()).toEqual([])
  })

  it('the plugin file and extras.js are both requested before either has loaded; the first events reach the destination in order', async () => {
    const rec = newRecorder()
    const seen: string[] = []
    const [analytics] = await loadAnalytics({ writeKey: 'WK', cdnURL: CDN, cdnSettings: withVendor() }, {}, new PreloadBuffer(), fakeDeps(rec))
    expect(scripts().sort()).toEqual([EXTRAS, VENDOR])
    void analytics.track('First')
    void analytics.track('Not for the vendor', {}, { integrations: { Vendor: false } })
    void analytics.track('Second')
    // Segment.io does not wait for either file.
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['First', 'Not for the vendor', 'Second']))
    // The vendor's file arrives first, then extras.js.
    window.switchboardPlugins = { vendor: vendor(seen) }
    script(VENDOR).dispatchEvent(new Event('load'))
    g.switchboardExtras = extras
    script(EXTRAS).dispatchEvent(new Event('load'))
    await until(() => expect(seen).toEqual(['First', 'Second']))
    void analytics.track('Third')
    await until(() => expect(seen).toEqual(['First', 'Second', 'Third']))
    expect(analytics.plugins.map((p) => p.name)).toContain('Vendor')
  })

  it('when extras.js does not load, the destination is reported and skipped; Segment.io goes on', async () => {
    const rec = newRecorder()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [analytics] = await loadAnalytics({ writeKey: 'WK', cdnURL: CDN, cdnSettings: withVendor() }, {}, new PreloadBuffer(), fakeDeps(rec))
    void analytics.track('A')
    script(EXTRAS).dispatchEvent(new Event('error'))
    await until(() => expect(analytics.failedInitializations).toEqual(['Vendor']))
    await analytics.ready()
    void analytics.track('B')
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['A', 'B']))
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain('plugin "Vendor" skipped')
  })

  it('a factory passed in `plugins` is used instead of the plugin file', async () => {
    const rec = newRecorder()
    const seen: string[] = []
    const factory = Object.assign(vendor(seen), { pluginName: 'Vendor' })
    const [analytics] = await loadAnalytics(
      { writeKey: 'WK', cdnURL: CDN, cdnSettings: withVendor(), plugins: [factory] },
      {},
      new PreloadBuffer(),
      fakeDeps(rec),
    )
    void analytics.track('A')
    expect(scripts()).toEqual([EXTRAS])
    g.switchboardExtras = extras
    script(EXTRAS).dispatchEvent(new Event('load'))
    await until(() => expect(seen).toEqual(['A']))
  })
})
