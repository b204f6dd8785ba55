// The plugin shell in jsdom for Intercom, FullStory, Heap and HubSpot: both catalog names, the
// vendor's own stub installed at load, calls queued before its script arrives, the script
// policy, a failing script isolated, and each vendor's load-time and reset calls.
import { afterEach, describe, expect, it } from 'vitest'
import { Context } from '../../src/core/context'
import type { Plugin, PluginFactory } from '../../src/core/plugin'
import intercom from '../../plugins/intercom'
import fullstory from '../../plugins/fullstory'
import heap from '../../plugins/heap'
import hubspot from '../../plugins/hubspot'
import { ORDER, identify, page, track } from './fixtures'

const w = window as any
const GLOBALS = ['Intercom', 'intercomSettings', 'FS', '_fs_host', '_fs_script', '_fs_org', '_fs_namespace', '_fs_is_outer_script', '_fs_app_host', 'heap', 'heapReadyCb', '_hsq', 'switchboardScripts']
const args = (a: ArrayLike<unknown>) => Array.from(a)

interface Case {
  factory: PluginFactory
  /** The other catalog name (classic or Actions). */
  other: string
  settings: Record<string, unknown>
  src: string
  queue: () => unknown[]
  order: unknown
}

/** Heap's queue holds closures: run them against a recording heap to see the calls. */
function heapQueue(): unknown[] {
  const out: unknown[] = []
  const real = w.heap
  w.heap = new Proxy({}, { get: (_, name) => (...a: unknown[]) => out.push([name, ...a]) })
  for (const entry of w.heapReadyCb) entry.fn()
  w.heap = real
  return out
}

const CASES: Record<string, Case> = {
  'Intercom Web (Actions)': {
    factory: intercom,
    other: 'Intercom',
    settings: { appId: 'abc123' },
    src: 'https://widget.intercom.io/widget/abc123',
    queue: () => w.Intercom.q.map(args),
    order: ['trackEvent', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, price: { amount: 2250, currency: 'USD' } })],
  },
  'Fullstory (Actions)': {
    factory: fullstory,
    other: 'FullStory',
    settings: { orgId: 'o-1-na1' },
    src: 'https://edge.fullstory.com/s/fs.js',
    queue: () => w.FS.q,
    order: ['trackEvent', { name: 'Order Completed', properties: ORDER }, 'segment-browser-actions', undefined, undefined, 2],
  },
  'Heap Web (Actions)': {
    factory: heap,
    other: 'Heap',
    settings: { appId: '1234567' },
    src: 'https://cdn.us.heap-api.com/config/1234567/heap_config.js',
    queue: heapQueue,
    order: ['track', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, total: '27.5', segment_library: 'browser-destination' })],
  },
  'Hubspot Web (Actions)': {
    factory: hubspot,
    other: 'HubSpot',
    settings: { portalId: '123456' },
    src: 'https://js.hs-scripts.com/123456.js',
    queue: () => Array.from(w._hsq),
    order: ['trackCustomBehavioralEvent', { name: 'pe123456_order_completed', properties: expect.objectContaining({ order_id: ORDER.order_id, products_1_sku: '46493-32' }) }],
  },
}

const CDN = 'https://cdn.example.com'
const analytics = (options: Record<string, unknown> = {}) => ({
  options,
  settings: { cdnURL: CDN },
  failedInitializations: [] as string[],
  user: () => ({ id: () => 'user-42', anonymousId: () => 'anon-1', traits: () => ({ email: 'jane@example.com' }) }),
  group: () => ({ id: () => 'g-1', traits: () => ({ name: 'Acme' }) }),
})
const scripts = () => Array.from(document.querySelectorAll('script')) as HTMLScriptElement[]

async function loaded(c: Case, settings: Record<string, unknown> = c.settings, options = {}) {
  const plugin = (await c.factory(settings)) as Plugin
  const ctx = Context.system()
  await plugin.load(ctx, analytics(options) as never)
  return { plugin, ctx }
}

afterEach(() => {
  for (const g of GLOBALS) delete w[g]
  for (const s of scripts()) s.remove()
})

describe.each(Object.keys(CASES))('%s plugin', (name) => {
  const c = CASES[name]

  it('answers to both catalog names; its factory says which plugin it makes', async () => {
    const plugin = (await c.factory(c.settings)) as Plugin
    expect(plugin.name).toBe(name)
    expect(plugin.alternativeNames).toEqual([c.other])
    expect(plugin.type).toBe('destination')
    expect(c.factory.pluginName).toBe(name)
    expect(c.factory.alternativeNames).toEqual([c.other])
  })

  it('the integrations option set to false under either name keeps the vendor off the page', async () => {
    for (const key of [name, c.other]) {
      const { plugin, ctx } = await loaded(c, c.settings, { integrations: { [key]: false } })
      expect(plugin.isLoaded()).toBe(false)
      expect(scripts()).toHaveLength(0)
      for (const g of GLOBALS) expect(w[g], g).toBeUndefined()
      expect(ctx.logs()[0].message).toBe(`${name}: turned off by the integrations option`)
    }
  })

  it('load installs the stub at once and injects one async script from the vendor (nonce honoured)', async () => {
    const { plugin } = await loaded(c, c.settings, { nonce: 'n0nce' })
    expect(plugin.isLoaded()).toBe(true)
    expect(scripts().map((s) => [s.src, s.async, s.nonce])).toEqual([[c.src, true, 'n0nce']])
  })

  it('calls made before the script arrives are kept by the vendor queue', async () => {
    const { plugin } = await loaded(c)
    const ctx = new Context(track('Order Completed', ORDER))
    await plugin.track!(ctx)
    expect(c.queue()).toContainEqual(c.order)
    expect(ctx.logs()).toEqual([])
  })

  it('a scriptUrl from settings on another host is refused: nothing installed, events skipped', async () => {
    const { plugin, ctx } = await loaded(c, { ...c.settings, scriptUrl: 'https://evil.example/x.js' })
    expect(plugin.isLoaded()).toBe(false)
    expect(scripts()).toHaveLength(0)
    for (const g of ['Intercom', 'FS', 'heap', '_hsq']) expect(w[g], g).toBeUndefined()
    expect(ctx.logs()[0].message).toContain('script refused: https://evil.example/x.js (host not allowed')
  })

  it('a scriptUrl the site gives in code, under either name, loads instead', async () => {
    for (const key of [name, c.other]) {
      await loaded(c, c.settings, { integrations: { [key]: { scriptUrl: 'https://self.example.org/vendor.js' } } })
      expect(scripts().map((x) => x.src)).toEqual(['https://self.example.org/vendor.js'])
      for (const x of scripts()) x.remove()
    }
  })

  it('a script that fails to load marks the plugin failed; later calls are logged no-ops', async () => {
    const { plugin } = await loaded(c)
    const before = c.queue().length
    scripts()[0].dispatchEvent(new Event('error'))
    await expect(plugin.ready!()).resolves.toBe(false)
    const ctx = new Context(track('Order Completed', ORDER))
    await expect(plugin.track!(ctx)).resolves.toBe(ctx)
    expect(c.queue()).toHaveLength(before)
    expect(ctx.logs()[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('not loaded') })
  })

  it('skips an event the integrations option turns off by either name', async () => {
    const { plugin } = await loaded(c)
    const before = c.queue().length
    for (const key of [name, c.other]) await plugin.track!(new Context(track('Order Completed', ORDER, { integrations: { [key]: false } })))
    expect(c.queue()).toHaveLength(before)
  })

  it('settings without the required id: not loaded, no script, no throw', async () => {
    const { plugin, ctx } = await loaded(c, {})
    expect(plugin.isLoaded()).toBe(false)
    expect(scripts()).toHaveLength(0)
    expect(ctx.logs()[0].level).toBe('warn')
  })
})

describe('vendor specifics', () => {
  it('Intercom: intercomSettings, boot with the known user and group, page → update, reset → shutdown then an anonymous boot', async () => {
    const { plugin } = await loaded(CASES['Intercom Web (Actions)'], { appId: 'abc123', apiBase: 'https://api-iam.eu.intercom.io' })
    expect(w.intercomSettings).toEqual({ app_id: 'abc123', installation_type: 's', custom_launcher_selector: '#IntercomDefaultWidget' })
    await plugin.page!(new Context({ ...page('Docs', 'Index'), userId: 'user-42' }))
    plugin.reset!()
    expect(w.Intercom.q.map(args)).toEqual([
      ['boot', { app_id: 'abc123', installation_type: 's', api_base: 'https://api-iam.eu.intercom.io', user_id: 'user-42', email: 'jane@example.com', company: { company_id: 'g-1', name: 'Acme' } }],
      ['update', { user_id: 'user-42' }],
      ['shutdown'],
      ['boot', { app_id: 'abc123', installation_type: 's', api_base: 'https://api-iam.eu.intercom.io' }],
    ])
  })

  it('Intercom: a page that already runs the Messenger keeps its Intercom', async () => {
    const own = Object.assign((...a: unknown[]) => own.calls.push(a), { calls: [] as unknown[][] })
    w.Intercom = own
    await loaded(CASES['Intercom Web (Actions)'])
    expect(w.Intercom).toBe(own)
    expect(own.calls[0][0]).toBe('boot')
  })

  it('FullStory: the v2 snippet globals, the classic settings keys, reset → anonymize', async () => {
    const { plugin } = await loaded(CASES['Fullstory (Actions)'], { org: 'o-2-na1', isOuterScript: true, appHost: 'app.fullstory.com' })
    expect([w._fs_host, w._fs_script, w._fs_org, w._fs_namespace, w._fs_is_outer_script, w._fs_app_host]).toEqual(['fullstory.com', 'edge.fullstory.com/s/fs.js', 'o-2-na1', 'FS', true, 'app.fullstory.com'])
    expect(w.FS._v).toBe('2.0.0')
    await plugin.identify!(new Context(identify('user-42', { name: 'Jane' })))
    plugin.reset!()
    expect(w.FS.q).toEqual([
      ['setIdentity', { uid: 'user-42', properties: { name: 'Jane', segmentAnonymousId: expect.any(String), displayName: 'Jane' } }, 'segment-browser-actions', undefined, undefined, 2],
      ['setIdentity', { anonymous: true }, 'segment-browser-actions', undefined, undefined, 2],
    ])
  })

  it('Heap: heap.load with the client config, identify → identify + addUserProperties, reset → resetIdentity', async () => {
    const { plugin } = await loaded(CASES['Heap Web (Actions)'], { appId: '1234567', secureCookie: true })
    expect(w.heap.envId).toBe('1234567')
    expect(w.heap.clientConfig).toEqual({ disableTextCapture: false, secureCookie: true, shouldFetchServerConfig: false })
    await plugin.identify!(new Context(identify('user-42', { plan: 'pro' })))
    plugin.reset!()
    expect(heapQueue()).toEqual([['identify', 'user-42'], ['addUserProperties', { plan: 'pro' }], ['resetIdentity']])
  })

  it('HubSpot: the loader tag has its id; the first page sets the path only, later pages track; reset calls nothing', async () => {
    const { plugin } = await loaded(CASES['Hubspot Web (Actions)'])
    expect(scripts()[0].id).toBe('hs-script-loader')
    await plugin.page!(new Context(page('Docs', 'Index')))
    await plugin.page!(new Context(page(undefined, 'Pricing', { path: '/pricing', search: '' })))
    plugin.reset!()
    expect(Array.from(w._hsq)).toEqual([['setPath', '/docs/install?x=1'], ['setPath', '/pricing'], ['trackPageView']])
  })
})
