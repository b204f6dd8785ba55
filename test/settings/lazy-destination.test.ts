import { afterEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import type { Plugin } from '../../src/core/plugin'
import { lazyDestination, remotePlugins, deviceModePlugins } from '../../src/settings'
import { MAX_PENDING } from '../../src/settings/lazy-destination'
import { Context } from '../../src/core/context'

function recorder(name: string, seen: string[]): Plugin {
  return {
    name,
    type: 'destination',
    version: '1',
    isLoaded: () => true,
    load: () => undefined,
    track: (ctx) => {
      seen.push(ctx.event.event!)
      return ctx
    },
  }
}

const analytics = () => new Analytics({ writeKey: 'WK' }, { disableClientPersistence: true })

describe('lazyDestination', () => {
  it('routes by the loaded plugin\'s alternative names once it has arrived', async () => {
    const seen: string[] = []
    const a = analytics()
    const plugin = lazyDestination({
      name: 'Facebook Pixel',
      settings: {},
      factory: () => () => ({ ...recorder('Facebook Pixel', seen), alternativeNames: ['Meta Pixel'] }),
    })
    await a.register(plugin)
    await vi.waitFor(() => expect(plugin.isLoaded()).toBe(true))
    await a.track('On', {}, { integrations: { All: false, 'Meta Pixel': true } })
    await a.track('Off', {}, { integrations: { 'Meta Pixel': false } })
    expect(seen).toEqual(['On'])
  })

  it('keeps events until the plugin code arrives without holding up the caller, then delivers them in order', async () => {
    const seen: string[] = []
    let release!: () => void
    const arrived = new Promise<void>((r) => (release = r))
    const a = analytics()
    const settings = vi.fn()
    await a.register(
      lazyDestination({
        name: 'Vendor',
        settings: { key: 'k' },
        factory: async () => {
          await arrived
          return (s: Record<string, unknown>) => (settings(s), recorder('Vendor inner', seen))
        },
      }),
    )
    // The callers' promises settle while the plugin is still on its way.
    await Promise.all([a.track('First'), a.track('Second')])
    expect(seen).toEqual([])
    release()
    await vi.waitFor(() => expect(seen).toEqual(['First', 'Second']))
    await a.track('Third')
    expect(seen).toEqual(['First', 'Second', 'Third'])
    expect(settings).toHaveBeenCalledWith({ key: 'k' })
  })

  it('skips a plugin whose code fails to arrive, and reports it', async () => {
    const onError = vi.fn()
    const a = analytics()
    await a.register(lazyDestination({ name: 'Broken', settings: {}, factory: () => Promise.reject(new Error('404')), onError }))
    const ctx = await a.track('Still works')
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(a.plugins.find((p) => p.name === 'Broken')!.isLoaded()).toBe(false)
  })

  it('registers non-destination plugins a factory returns in their own right', async () => {
    const a = analytics()
    const enrich: Plugin = {
      name: 'Enricher',
      type: 'enrichment',
      isLoaded: () => true,
      load: () => undefined,
      track: (ctx) => (ctx.updateEvent('properties.enriched', true), ctx),
    }
    await a.register(lazyDestination({ name: 'Bundle', settings: {}, factory: () => () => [enrich] }))
    await vi.waitFor(() => expect(a.plugins.map((p) => p.name)).toContain('Enricher'))
    expect((await a.track('E')).event.properties).toEqual({ enriched: true })
  })
})

describe('plugins that change events', () => {
  it('join once loaded, are loaded once, and `joined` settles before the destinations have loaded', async () => {
    const a = analytics()
    let vendorReady!: () => void
    const vendor = new Promise<void>((r) => (vendorReady = r))
    const load = vi.fn()
    const seen: string[] = []
    let releaseEnricher!: () => void
    const enricherLoaded = new Promise<void>((r) => (releaseEnricher = r))
    const enrich: Plugin = {
      name: 'Session',
      type: 'enrichment',
      isLoaded: () => true,
      load: async () => (load(), await enricherLoaded),
      // Like Segment's Actions plugins: its hook needs what load set up.
      track: (ctx) => (ctx.updateEvent('integrations.Vendor', { session_id: 42 }), ctx),
    }
    const destination: Plugin = { ...recorder('Vendor inner', seen), load: () => vendor }
    const plugin = lazyDestination({ name: 'Vendor', settings: {}, factory: () => () => [enrich, destination] })
    await a.register(plugin)
    let settled = false
    void plugin.joined!.then(() => (settled = true))
    // Before its load has finished the enrichment plugin is not in the pipeline.
    expect((await a.track('Too Early')).event.integrations).toEqual({})
    expect(settled).toBe(false)
    releaseEnricher()
    await plugin.joined
    expect((await a.track('Enriched')).event.integrations).toEqual({ Vendor: { session_id: 42 } })
    expect(load).toHaveBeenCalledTimes(1)
    expect(plugin.isLoaded()).toBe(false)
    vendorReady()
    await vi.waitFor(() => expect(seen).toEqual(['Too Early', 'Enriched']))
  })

  it('`joined` settles when the code fails too, and an enrichment plugin that fails to load is left out', async () => {
    const onError = vi.fn()
    const broken = lazyDestination({ name: 'Broken', settings: {}, factory: () => Promise.reject(new Error('404')), onError })
    broken.load(Context.system(), analytics())
    await broken.joined
    const a = analytics()
    const failing: Plugin = { name: 'Failing', type: 'before', isLoaded: () => false, load: () => Promise.reject(new Error('no vendor')) }
    const seen: string[] = []
    const mixed = lazyDestination({ name: 'Mixed', settings: {}, factory: () => () => [failing, recorder('Mixed inner', seen)], onError })
    await a.register(mixed)
    await mixed.joined
    expect(a.plugins.map((p) => p.name)).not.toContain('Failing')
    await a.track('Goes On')
    await vi.waitFor(() => expect(seen).toEqual(['Goes On']))
    expect(onError).toHaveBeenCalledTimes(2)
  })
})

describe('a slow vendor', () => {
  afterEach(() => vi.useRealTimers())

  it('is delivered to once it is ready, however long that takes', async () => {
    vi.useFakeTimers()
    const seen: string[] = []
    let vendorReady!: () => void
    const vendor = new Promise<void>((r) => (vendorReady = r))
    const a = analytics()
    const plugin = lazyDestination({ name: 'Slow', settings: {}, factory: () => () => ({ ...recorder('Slow inner', seen), load: () => vendor }) })
    await a.register(plugin)
    await a.track('Before')
    await vi.advanceTimersByTimeAsync(60_000)
    await a.track('During')
    vendorReady()
    await vi.waitFor(() => expect(seen).toEqual(['Before', 'During']))
    expect(plugin.isLoaded()).toBe(true)
  })

  it('can be deregistered while it is still loading', async () => {
    const a = analytics()
    const plugin = lazyDestination({ name: 'Never', settings: {}, factory: () => new Promise<undefined>(() => {}) })
    await a.register(plugin)
    await a.deregister('Never')
    expect(a.plugins.map((p) => p.name)).not.toContain('Never')
  })
})

describe('lazyDestination bounds', () => {
  it('keeps at most MAX_PENDING events while loading, letting the oldest go', async () => {
    const seen: string[] = []
    let release!: () => void
    const arrived = new Promise<void>((r) => (release = r))
    const plugin = lazyDestination({ name: 'Slow', settings: {}, factory: async () => (await arrived, () => recorder('inner', seen)) })
    plugin.load(Context.system(), analytics())
    for (let i = 0; i < MAX_PENDING + 5; i++) {
      const ctx = Context.system()
      ctx.event.event = `E${i}`
      await plugin.track!(ctx)
    }
    release()
    await vi.waitFor(() => expect(seen.length).toBe(MAX_PENDING))
    expect(seen[0]).toBe('E5')
    expect(seen.at(-1)).toBe(`E${MAX_PENDING + 4}`)
    expect(plugin.dropped).toBe(5)
  })
})

describe('loading from the CDN', () => {
  it('loads a remote plugin script, reads window[libraryName] and calls it with merged settings', async () => {
    document.head.innerHTML = ''
    const seen: string[] = []
    const factory = vi.fn(() => recorder('inner', seen))
    const [plugin] = remotePlugins(
      {
        integrations: { Vendor: { extra: 1 } },
        remotePlugins: [
          { name: 'Vendor', creationName: 'Vendor Actions', libraryName: 'vendorDestination', url: 'https://cdn.segment.com/v.js', settings: { a: 1 } },
        ],
      },
      {},
      { cdnURL: 'https://cdn.example.com' },
    )
    expect(plugin.name).toBe('Vendor Actions')
    expect(plugin.alternativeNames).toEqual(['Vendor'])
    const a = analytics()
    await a.register(plugin)
    const script = document.querySelector<HTMLScriptElement>('script[src="https://cdn.example.com/v.js"]')!
    ;(window as any).vendorDestination = factory
    await a.track('Hello')
    script.dispatchEvent(new Event('load'))
    await vi.waitFor(() => expect(seen).toEqual(['Hello']))
    expect(factory).toHaveBeenCalledWith({ a: 1, extra: 1 })
  })

  it('loads a device-mode destination from <cdn>/plugins/<slug>.js and window.switchboardPlugins', async () => {
    document.head.innerHTML = ''
    const seen: string[] = []
    const [plugin] = deviceModePlugins([{ name: 'Facebook Pixel', slug: 'facebook-pixel', settings: { pixelId: '1' } }], {
      cdnURL: 'https://cdn.example.com',
      nonce: 'n',
    })
    const a = analytics()
    await a.register(plugin)
    const script = document.querySelector<HTMLScriptElement>('script[src="https://cdn.example.com/plugins/facebook-pixel.js"]')!
    expect(script.nonce).toBe('n')
    const factory = vi.fn(() => recorder('Facebook Pixel', seen))
    window.switchboardPlugins = { 'facebook-pixel': factory }
    await a.track('Bought')
    script.dispatchEvent(new Event('load'))
    await vi.waitFor(() => expect(seen).toEqual(['Bought']))
    expect(factory).toHaveBeenCalledWith({ pixelId: '1' })
  })

  it('uses a factory passed in `plugins` instead of downloading', async () => {
    document.head.innerHTML = ''
    const seen: string[] = []
    const factory = Object.assign(() => recorder('Hotjar', seen), { pluginName: 'Hotjar' })
    const [plugin] = deviceModePlugins([{ name: 'Hotjar', slug: 'hotjar', settings: {} }], { cdnURL: 'https://cdn.example.com', factories: [factory] })
    const a = analytics()
    await a.register(plugin)
    await a.track('X')
    await vi.waitFor(() => expect(seen).toEqual(['X']))
    expect(document.querySelectorAll('script').length).toBe(0)
  })
})
