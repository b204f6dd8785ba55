// The plugin shell in jsdom: stub installed at load, calls kept by the vendor's own queue
// before its script arrives, a script that fails marks the plugin failed without throwing.
import { afterEach, describe, expect, it } from 'vitest'
import { Context } from '../../src/core/context'
import type { Plugin, PluginFactory } from '../../src/core/plugin'
import ga4 from '../../plugins/google-analytics-4-web'
import gtm from '../../plugins/google-tag-manager'
import facebookPixel from '../../plugins/facebook-pixel'
import mixpanel from '../../plugins/mixpanel'
import amplitude from '../../plugins/amplitude'
import hotjar from '../../plugins/hotjar'
import posthog from '../../plugins/posthog'
import googleAds from '../../plugins/google-ads-gtag'
import tiktokPixel from '../../plugins/tiktok-pixel'
import linkedinInsightTag from '../../plugins/linkedin-insight-tag'
import pinterestTag from '../../plugins/pinterest-tag'
import { ORDER, identify, page, track } from './fixtures'

const w = window as any
const GLOBALS = ['dataLayer', 'gtag', 'fbq', '_fbq', 'mixpanel', 'amplitude', 'hj', '_hjSettings', 'posthog', 'switchboardScripts', 'ttq', 'TiktokAnalyticsObject', 'lintrk', '_linkedin_partner_id', '_linkedin_data_partner_ids', 'pintrk']
const args = (a: ArrayLike<unknown>) => Array.from(a)

interface Case {
  factory: PluginFactory
  settings: Record<string, unknown>
  src: string
  /** What the vendor's own queue holds, as plain arrays. */
  queue: () => unknown[]
  /** The queued entry that Order Completed must produce. */
  order: unknown
}

const CASES: Record<string, Case> = {
  'Google Analytics 4 Web': {
    factory: ga4,
    settings: { measurementID: 'G-1' },
    src: 'https://www.googletagmanager.com/gtag/js?id=G-1',
    queue: () => w.dataLayer.map(args),
    order: ['event', 'purchase', expect.objectContaining({ transaction_id: ORDER.order_id, value: 27.5, send_to: 'G-1' })],
  },
  'Google Tag Manager': {
    factory: gtm,
    settings: { containerId: 'GTM-1' },
    src: 'https://www.googletagmanager.com/gtm.js?id=GTM-1&l=dataLayer',
    queue: () => w.dataLayer,
    order: expect.objectContaining({ event: 'Order Completed', order_id: ORDER.order_id }),
  },
  'Facebook Pixel': {
    factory: facebookPixel,
    settings: { pixelId: '42' },
    src: 'https://connect.facebook.net/en_US/fbevents.js',
    queue: () => w.fbq.queue.map(args),
    order: ['trackSingle', '42', 'Purchase', expect.objectContaining({ value: '22.50', currency: 'USD', num_items: 2 }), { eventID: expect.any(String) }],
  },
  Mixpanel: {
    factory: mixpanel,
    settings: { token: 'tok' },
    src: 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js',
    queue: () => Array.from(w.mixpanel),
    order: ['track', 'Order Completed', expect.objectContaining({ order_id: ORDER.order_id, products_skus: ['45790-32', '46493-32'] })],
  },
  Amplitude: {
    factory: amplitude,
    settings: { apiKey: 'key' },
    src: 'https://cdn.amplitude.com/libs/analytics-browser-2.48.1-min.js.gz',
    queue: () => w.amplitude._q.map((q: any) => [q.name, ...q.args]),
    order: ['track', 'Product Purchased', expect.objectContaining({ product_id: '505bd76785ebb509fc183733' })],
  },
  Hotjar: {
    factory: hotjar,
    settings: { hjid: '123' },
    src: 'https://static.hotjar.com/c/hotjar-123.js?sv=6',
    queue: () => (w.hj.q || []).map(args),
    order: ['event', 'Order Completed'],
  },
  'Google AdWords New': {
    factory: googleAds,
    settings: { accountId: 'AW-1', clickConversions: [{ value: { event: 'Order Completed', id: 'lbl' } }] },
    src: 'https://www.googletagmanager.com/gtag/js?id=AW-1',
    queue: () => w.dataLayer.map(args),
    order: ['event', 'Order Completed', expect.objectContaining({ transaction_id: ORDER.order_id, value: 22.5, send_to: 'AW-1/lbl' })],
  },
  'TikTok Pixel': {
    factory: tiktokPixel,
    settings: { pixelCode: 'C4' },
    src: 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C4&lib=ttq',
    queue: () => Array.from(w.ttq._i.C4),
    order: ['track', 'CompletePayment', expect.objectContaining({ value: 22.5, order_id: ORDER.order_id }), { event_id: expect.any(String) }],
  },
  'LinkedIn Insight Tag': {
    factory: linkedinInsightTag,
    settings: { partnerId: '123', conversions: { 'Order Completed': '456' } },
    src: 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
    queue: () => w.lintrk.q,
    order: ['track', { conversion_id: 456, event_id: expect.any(String) }],
  },
  'Pinterest Tag': {
    factory: pinterestTag,
    settings: { tid: '262' },
    src: 'https://s.pinimg.com/ct/core.js',
    queue: () => w.pintrk.queue,
    order: ['track', 'Checkout', expect.objectContaining({ order_id: ORDER.order_id, line_items: expect.any(Array) })],
  },
  PostHog: {
    factory: posthog,
    settings: { apiKey: 'phc_1' },
    src: 'https://us-assets.i.posthog.com/static/array.js',
    queue: () => Array.from(w.posthog),
    order: ['capture', 'Order Completed', ORDER],
  },
}

const CDN = 'https://cdn.example.com'

const analytics = (options: Record<string, unknown> = {}) => ({
  options,
  settings: { cdnURL: CDN },
  failedInitializations: [] as string[],
  user: () => ({ id: () => 'user-42', anonymousId: () => 'anon-1', traits: () => ({ email: 'jane@example.com' }) }),
})

const scripts = () => Array.from(document.querySelectorAll('script')) as HTMLScriptElement[]

async function loaded(c: Case, settings: Record<string, unknown> = c.settings, options = {}) {
  const plugin = (await c.factory(settings)) as Plugin
  const ctx = Context.system()
  const a = analytics(options)
  await plugin.load(ctx, a as never)
  return { plugin, ctx, analytics: a }
}

afterEach(() => {
  for (const g of GLOBALS) delete w[g]
  for (const s of scripts()) s.remove()
})

describe.each(Object.keys(CASES))('%s plugin', (name) => {
  const c = CASES[name]

  it('has the catalog name, is a destination, and its factory says which plugin it makes', async () => {
    const plugin = (await c.factory(c.settings)) as Plugin
    expect(plugin.name).toBe(name)
    expect(plugin.type).toBe('destination')
    expect(c.factory.pluginName).toBe(name)
    expect(plugin.isLoaded()).toBe(false)
  })

  it('load installs the stub at once and injects one async script (nonce honoured)', async () => {
    const { plugin } = await loaded(c, c.settings, { nonce: 'n0nce' })
    expect(plugin.isLoaded()).toBe(true)
    const [script] = scripts()
    expect(scripts()).toHaveLength(1)
    expect(script.src).toBe(c.src)
    expect(script.async).toBe(true)
    expect(script.nonce).toBe('n0nce')
  })

  it('a scriptUrl the site gives in code (integrations option, any of its names) loads from anywhere https', async () => {
    for (const key of [name, ...(((await c.factory(c.settings)) as Plugin).alternativeNames ?? [])]) {
      const { plugin } = await loaded(c, c.settings, { integrations: { [key]: { scriptUrl: 'https://self.example.org/vendor.js' } } })
      expect(plugin.isLoaded()).toBe(true)
      expect(scripts().map((x) => x.src)).toEqual(['https://self.example.org/vendor.js'])
      for (const x of scripts()) x.remove()
      // A page loads a shared script (gtag.js) once: start each round as a new page.
      delete w.switchboardScripts
    }
    // Relative to the page, and plain http to this machine.
    await loaded(c, c.settings, { integrations: { [name]: { scriptUrl: '/vendors/v.js' } } })
    expect(scripts()[0].src).toBe(new URL('/vendors/v.js', document.baseURI).href)
    scripts()[0].remove()
    delete w.switchboardScripts
    await loaded(c, c.settings, { integrations: { [name]: { scriptUrl: 'http://127.0.0.1:9/vendor.js' } } })
    expect(scripts()[0].src).toBe('http://127.0.0.1:9/vendor.js')
  })

  it('a scriptUrl from settings loads from the CDN host (relative to the CDN)', async () => {
    await loaded(c, { ...c.settings, scriptUrl: '/vendors/v.js' })
    expect(scripts()[0].src).toBe(`${CDN}/vendors/v.js`)
  })

  it.each([
    ['another host', 'https://evil.example/x.js', 'host not allowed'],
    ['a look-alike host', 'https://cdn.example.com.evil.example/x.js', 'host not allowed'],
    ['user info before another host', `https://${new URL(c.src).host}@evil.example/x.js`, 'host not allowed'],
    ['a data: URL', 'data:text/javascript,window.__pwned=1', 'not https'],
    ['plain http', `http://${new URL(c.src).host}/x.js`, 'not https'],
  ])('a scriptUrl from settings on %s is refused: nothing installed or injected, counted, explained, events skipped', async (_, url, rule) => {
    const { plugin, ctx, analytics } = await loaded(c, { ...c.settings, scriptUrl: url })
    expect(plugin.isLoaded()).toBe(false)
    expect(scripts()).toHaveLength(0)
    for (const g of GLOBALS) expect(w[g], g).toBeUndefined()
    expect(ctx.stats.metrics).toContainEqual(expect.objectContaining({ metric: 'script_refused', value: 1, tags: [`plugin:${name}`] }))
    expect(analytics.failedInitializations).toEqual([name])
    expect(ctx.logs()).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining(`script refused: ${url} (${rule}`) }))
    const event = new Context(track('Order Completed', ORDER))
    await expect(plugin.track!(event)).resolves.toBe(event)
    expect(event.logs()[0].message).toContain(`${name} is not loaded (script refused: ${url}`)
  })

  it('a scriptUrl given in code is held to the policy too', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/javascript,1', 'blob:https://a.example/1', 'http://evil.example/x.js', 42]) {
      const { plugin, ctx } = await loaded(c, c.settings, { integrations: { [name]: { scriptUrl: url } } })
      expect(plugin.isLoaded()).toBe(false)
      expect(scripts()).toHaveLength(0)
      expect(ctx.logs()[0].message).toContain(`script refused: ${url}`)
    }
  })

  it('the integrations option set to false under any of its names keeps the vendor off the page', async () => {
    for (const key of [name, ...c.factory.alternativeNames]) {
      const { plugin, ctx } = await loaded(c, c.settings, { integrations: { [key]: false } })
      expect(plugin.isLoaded()).toBe(false)
      expect(scripts()).toHaveLength(0)
      for (const g of GLOBALS) expect(w[g], g).toBeUndefined()
      expect(ctx.logs()[0].message).toBe(`${name}: turned off by the integrations option`)
    }
  })

  it('calls made before the script arrives are kept by the vendor queue', async () => {
    const { plugin } = await loaded(c)
    const ctx = new Context(track('Order Completed', ORDER))
    await plugin.track!(ctx)
    expect(c.queue()).toContainEqual(c.order)
    expect(ctx.logs()).toEqual([])
  })

  it('a script that fails to load marks the plugin failed; later calls are logged no-ops', async () => {
    const { plugin } = await loaded(c)
    const before = c.queue().length
    scripts()[0].dispatchEvent(new Event('error'))
    await expect(plugin.ready!()).resolves.toBe(false)
    expect(plugin.isLoaded()).toBe(false)
    const ctx = new Context(track('Order Completed', ORDER))
    await expect(plugin.track!(ctx)).resolves.toBe(ctx)
    expect(c.queue()).toHaveLength(before)
    expect(ctx.logs()[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('not loaded') })
  })

  it('skips an event the integrations option turns off by any of its names', async () => {
    const { plugin } = await loaded(c)
    const before = c.queue().length
    for (const key of [name, ...(plugin.alternativeNames ?? [])]) {
      await plugin.track!(new Context(track('Order Completed', ORDER, { integrations: { [key]: false } })))
    }
    expect(c.queue()).toHaveLength(before)
  })

  it('ready resolves once the script has loaded', async () => {
    const { plugin } = await loaded(c)
    scripts()[0].dispatchEvent(new Event('load'))
    await expect(plugin.ready!()).resolves.toBe(true)
    expect(plugin.isLoaded()).toBe(true)
  })

  it('settings without the required id: not loaded, no script, no throw', async () => {
    const { plugin, ctx } = await loaded(c, {})
    expect(plugin.isLoaded()).toBe(false)
    expect(scripts()).toHaveLength(0)
    expect(ctx.logs()[0].level).toBe('warn')
  })
})

describe('vendor script hosts', () => {
  // Settings keys that move the script (destinations.md) are settings too: the vendor's hosts or
  // the CDN's, or else the site gives `scriptUrl` in code.
  it.each([
    ['Google Analytics 4 Web', { measurementID: 'G-1', domain: 'gtm.example.org' }, 'https://gtm.example.org/gtag/js?id=G-1'],
    ['Google Tag Manager', { containerId: 'GTM-1', fullURLpath: 'sgtm.example.org/gtm.js' }, 'https://sgtm.example.org/gtm.js?id=GTM-1&l=dataLayer'],
    ['Mixpanel', { token: 't', customLibraryUrl: 'https://libs.example.org/mixpanel.js' }, 'https://libs.example.org/mixpanel.js'],
    ['PostHog', { apiKey: 'phc_1', postHogInstance: 'https://ph.example.org' }, 'https://ph.example.org/static/array.js'],
  ])('%s: a URL from its own settings on a host of the site is refused', async (name, settings, url) => {
    const { plugin, ctx } = await loaded(CASES[name], settings)
    expect(plugin.isLoaded()).toBe(false)
    expect(scripts()).toHaveLength(0)
    expect(ctx.logs()[0].message).toBe(`${name}: script refused: ${url} (host not allowed)`)
    await loaded(CASES[name], settings, { integrations: { [name]: { scriptUrl: url } } })
    expect(scripts().map((x) => x.src)).toEqual([url])
  })

  it.each([
    ['Google Tag Manager', { containerId: 'GTM-1', fullURLpath: 'www.googletagmanager.com/gtm.js' }, 'https://www.googletagmanager.com/gtm.js?id=GTM-1&l=dataLayer'],
    ['Mixpanel', { token: 't', customLibraryUrl: 'https://cdn.mxpnl.com/libs/mixpanel-2.60.0.min.js' }, 'https://cdn.mxpnl.com/libs/mixpanel-2.60.0.min.js'],
    ['PostHog', { apiKey: 'phc_1', postHogInstance: 'https://eu.i.posthog.com' }, 'https://eu-assets.i.posthog.com/static/array.js'],
  ])('%s: a URL from its own settings on the vendor host loads', async (name, settings, url) => {
    const { plugin } = await loaded(CASES[name], settings)
    expect(plugin.isLoaded()).toBe(true)
    expect(scripts().map((x) => x.src)).toEqual([url])
  })
})

describe('vendor specifics', () => {
  it('GA4: gtag pushes Arguments objects, config on page, user id cleared on reset', async () => {
    const { plugin } = await loaded(CASES['Google Analytics 4 Web'])
    await plugin.page!(new Context(page('Docs', 'Install')))
    plugin.reset!()
    const entries = w.dataLayer
    expect(Object.prototype.toString.call(entries[0])).toBe('[object Arguments]')
    expect(args(entries[0])[0]).toBe('js')
    expect(args(entries[1]).slice(0, 2)).toEqual(['config', 'G-1'])
    expect(args(entries[2])).toEqual(['set', { user_id: null }])
  })

  it('GA4: updateConsent() sends the update at once and each later page re-sends the state', async () => {
    const { plugin } = await loaded(CASES['Google Analytics 4 Web'], { measurementID: 'G-1', enableConsentMode: true, defaultAnalyticsStorageConsentState: 'denied' })
    expect(args(w.dataLayer[1])).toEqual(['consent', 'default', { ad_storage: 'granted', analytics_storage: 'denied' }])
    ;(plugin.updateConsent as (c: unknown) => void)({ analytics_storage: 'granted' })
    expect(args(w.dataLayer.at(-1))).toEqual(['consent', 'update', { analytics_storage: 'granted' }])
    await plugin.page!(new Context(page('Docs', 'Install')))
    expect(w.dataLayer.slice(-2).map(args).map((a: unknown[]) => a.slice(0, 2))).toEqual([['consent', 'update'], ['config', 'G-1']])
    expect(args(w.dataLayer.at(-2))[2]).toEqual({ ad_storage: 'granted', analytics_storage: 'granted' })
  })

  it('GA4 and GTM share one dataLayer array', async () => {
    await loaded(CASES['Google Tag Manager'])
    const layer = w.dataLayer
    await loaded(CASES['Google Analytics 4 Web'])
    expect(w.dataLayer).toBe(layer)
    expect(layer[0]).toMatchObject({ event: 'gtm.js' })
    expect(args(layer[1])[0]).toBe('js')
  })

  it('GA4 and Google Ads share dataLayer, gtag and one gtag.js: the second waits for the first one’s script', async () => {
    const ga4Loaded = await loaded(CASES['Google Analytics 4 Web'])
    const gtag = w.gtag
    const ads = await loaded(CASES['Google AdWords New'])
    expect(w.gtag).toBe(gtag)
    expect(scripts().map((x) => x.src)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-1'])
    expect(w.dataLayer.map(args).map((a: unknown[]) => a.slice(0, 2))).toEqual([['js', expect.any(Date)], ['js', expect.any(Date)], ['config', 'AW-1']])
    scripts()[0].dispatchEvent(new Event('load'))
    await expect(ads.plugin.ready!()).resolves.toBe(true)
    await expect(ga4Loaded.plugin.ready!()).resolves.toBe(true)
  })

  it('a shared gtag.js that fails fails both Google destinations', async () => {
    const ads = await loaded(CASES['Google AdWords New'])
    const ga4Loaded = await loaded(CASES['Google Analytics 4 Web'])
    expect(scripts()).toHaveLength(1)
    scripts()[0].dispatchEvent(new Event('error'))
    await expect(ga4Loaded.plugin.ready!()).resolves.toBe(false)
    expect([ads.plugin.isLoaded(), ga4Loaded.plugin.isLoaded()]).toEqual([false, false])
  })

  it('TikTok Pixel: the snippet’s queues; this pixel’s calls on its own instance, match keys hashed', async () => {
    const { plugin } = await loaded(CASES['TikTok Pixel'], { pixelCode: 'C4', ldu: true })
    expect(w.TiktokAnalyticsObject).toBe('ttq')
    expect([w.ttq._i.C4._u, w.ttq._o.C4, w.ttq._partner]).toEqual(['https://analytics.tiktok.com/i18n/pixel/events.js', { limited_data_use: true }, 'Segment'])
    expect(Array.from(w.ttq._i.C4)).toEqual([['page']])
    expect(Array.from(w.ttq)).toEqual([])
    await plugin.track!(new Context(track('Product Added', { product_id: 'p1', email: 'Jane@Example.com' })))
    const [identify] = Array.from(w.ttq._i.C4).slice(-2) as unknown[][]
    expect(identify[0]).toBe('identify')
    expect((identify[1] as Record<string, string>).email).toMatch(/^[0-9a-f]{64}$/)
  })

  it('LinkedIn Insight Tag: the partner id as LinkedIn’s snippet sets it, once, beside other partners’ ids', async () => {
    w._linkedin_data_partner_ids = ['999']
    await loaded(CASES['LinkedIn Insight Tag'])
    await loaded(CASES['LinkedIn Insight Tag'])
    expect([w._linkedin_partner_id, w._linkedin_data_partner_ids]).toEqual(['123', ['999', '123']])
    expect(w.lintrk.q).toEqual([])
  })

  it('Pinterest Tag: load and page queued as the snippet does; enhanced match from the stored email when asked', async () => {
    await loaded(CASES['Pinterest Tag'], { tid: '262', useEnhancedMatchLoad: true })
    expect(w.pintrk.version).toBe('3.0')
    expect(w.pintrk.queue).toEqual([['load', '262', { em: 'jane@example.com' }], ['page']])
  })

  it.each([
    // action-destinations tiktok-pixel: no reset; the next event's external id is the new anonymous id.
    ['TikTok Pixel', () => Array.from(w.ttq._i.C4)],
    // analytics.js-integrations linkedin-insight-tag: no methods at all.
    ['LinkedIn Insight Tag', () => w.lintrk.q],
    // analytics.js-integrations pinterest-tag: no reset (pintrk has no logout).
    ['Pinterest Tag', () => w.pintrk.queue],
  ])('%s: reset() sends nothing', async (name, queue) => {
    const { plugin } = await loaded(CASES[name])
    const before = JSON.stringify(queue())
    plugin.reset?.()
    expect(JSON.stringify(queue())).toBe(before)
  })

  it('Meta Pixel: init queued after LDU; an existing fbq is kept; reset re-inits', async () => {
    const { plugin } = await loaded(CASES['Facebook Pixel'])
    expect(w.fbq.queue.map(args)).toEqual([['dataProcessingOptions', ['LDU'], 0, 0], ['init', '42']])
    expect(w._fbq).toBe(w.fbq)
    // The partner tag Segment's integration sets (its `agent` option, 'seg' by default).
    expect(w.fbq.agent).toBe('seg')
    expect([w.fbq.version, w.fbq.loaded, w.fbq.disablePushState, w.fbq.allowDuplicatePageViews]).toEqual(['2.0', true, true, true])
    const fbq = w.fbq
    plugin.reset!()
    expect(w.fbq.queue.map(args).at(-1)).toEqual(['init', '42'])
    await loaded(CASES['Facebook Pixel'])
    expect(w.fbq).toBe(fbq)
  })

  it('Meta Pixel: blocklisted properties are sent as SHA-256 hex', async () => {
    const { plugin } = await loaded(CASES['Facebook Pixel'], { pixelId: '42', blacklistPiiProperties: [{ propertyName: 'member', hashProperty: true }] })
    await plugin.track!(new Context(track('Joined', { member: 'abc' })))
    const [, , , params] = w.fbq.queue.map(args).at(-1)
    expect(params.member).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('Mixpanel: init queued on _i; people and group calls queued as the snippet does', async () => {
    const { plugin } = await loaded(CASES.Mixpanel, { token: 'tok', groupIdentifierTraits: ['company'] })
    expect(w.mixpanel._i).toEqual([['tok', { cross_subdomain_cookie: true, secure_cookie: false, persistence: 'cookie' }, undefined]])
    expect(Array.from(w.mixpanel)).toEqual([['register', { mp_lib: 'Segment: web' }]])
    await plugin.identify!(new Context(identify('user-42', { plan: 'pro' })))
    expect(Array.from(w.mixpanel.people)).toEqual([['set', { plan: 'pro', id: 'user-42' }]])
    await plugin.group!(new Context({ ...identify('user-42'), type: 'group', groupId: 'g-1', traits: { name: 'Acme' } }))
    expect(Array.from(w.mixpanel).slice(-2)).toEqual([
      [['get_group', 'company', 'g-1'], ['set_once', { name: 'Acme' }]],
      ['set_group', 'company', ['g-1']],
    ])
    plugin.reset!()
    expect(Array.from(w.mixpanel).slice(-2)).toEqual([['reset'], ['register', { mp_lib: 'Segment: web' }]])
  })

  it('Amplitude: Identify objects built from the stub class; async calls return a promise', async () => {
    const { plugin } = await loaded(CASES.Amplitude)
    await plugin.identify!(new Context(identify('user-42', { plan: 'pro' })))
    const [setUser, ident] = w.amplitude._q.slice(-2)
    expect(setUser).toMatchObject({ name: 'setUserId', args: ['user-42'] })
    expect(ident.name).toBe('identify')
    expect(ident.args[0]).toBeInstanceOf(w.amplitude.Identify)
    expect(ident.args[0]._q).toEqual([{ name: 'set', args: ['plan', 'pro'] }, { name: 'set', args: ['id', 'user-42'] }])
    expect(w.amplitude.track('x').promise).toBeInstanceOf(Promise)
  })

  it('Hotjar: site settings global', async () => {
    await loaded(CASES.Hotjar)
    expect(w._hjSettings).toEqual({ hjid: 123, hjsv: 6 })
  })

  it('PostHog: init queued on _i; reset queued', async () => {
    const { plugin } = await loaded(CASES.PostHog)
    expect(w.posthog._i[0][0]).toBe('phc_1')
    plugin.reset!()
    expect(Array.from(w.posthog).at(-1)).toEqual(['reset'])
  })
})
