// The consent part in the load sequence: holding in opt-in, gating destinations, stamping,
// storage following consent, the preference-updated event. Segment's behaviour is the
// expectation where it has one (consent-tools: stamping on every event, "Segment Consent
// Preference Updated" carrying only the consent object, the all-categories rule).
// The on-demand parts that run destinations, as a page that loaded extras.js has them.
import '../../src/extras/standalone'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadAnalytics, type LoaderDeps } from '../../src/browser/load'
import { PreloadBuffer } from '../../src/browser/buffer'
import { NullAnalytics } from '../../src/browser/null-analytics'
import { capturePageContext } from '../../src/browser/page-context'
import type { Plugin } from '../../src/core/plugin'
import type { InitOptions } from '../../src/core/options'
import type { Categories, ConsentOptions } from '../../src/consent/types'
import { startConsent } from '../../src/consent'
import { cdnSettings, fakeDeps, newRecorder, type Recorder } from '../browser/fakes'

const until = (fn: () => void) => vi.waitFor(fn, { timeout: 2000 })

/** CDN settings with Segment's consent management: Amplitude needs C0002, Pixel C0002 and C0004, Hotjar nothing. */
const consentCdn = (extra: Record<string, unknown> = {}) =>
  cdnSettings({
    integrations: {
      'Segment.io': { apiKey: 'WK', apiHost: 'collector.example.com/v1' },
      Amplitude: { consentSettings: { categories: ['C0002'] } },
      'Facebook Pixel': { consentSettings: { categories: ['C0002', 'C0004'] } },
      Hotjar: {},
    },
    consentSettings: { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: true },
    ...extra,
  })

interface Vendor extends Plugin {
  got: string[]
  loads: number
}

/** A destination that records the events it received (by name) and how often it was loaded. */
function vendor(name: string): Vendor {
  const v: Vendor = {
    name,
    type: 'destination',
    got: [],
    loads: 0,
    isLoaded: () => v.loads > 0,
    load: () => void v.loads++,
  }
  for (const t of ['track', 'page', 'identify'] as const) v[t] = (ctx) => (v.got.push(ctx.event.event ?? ctx.event.type), ctx)
  return v
}

/** A consent manager the test drives: `decide()` is the visitor's click. */
function cmp(initial?: Categories) {
  let cb: ((c: Categories) => void) | undefined
  return {
    options: (extra: Partial<ConsentOptions> = {}): ConsentOptions => ({
      model: 'opt-in',
      getCategories: () => initial,
      onChange: (fn) => (cb = fn),
      ...extra,
    }),
    /** Once the consent part listens (it loads after the settings). */
    decide: async (c: Categories) => {
      await until(() => expect(cb).toBeDefined())
      cb!(c)
    },
  }
}

function deps(rec: Recorder): LoaderDeps {
  return { ...fakeDeps(rec), consent: (_cdn, options, cdn, buffer) => startConsent(options, cdn, buffer) }
}

function start(options: InitOptions, cdn = consentCdn(), vendors = ['Amplitude', 'Facebook Pixel', 'Hotjar'].map(vendor)) {
  const rec = newRecorder()
  const buffer = new PreloadBuffer()
  const loaded = loadAnalytics({ writeKey: 'WK', cdnSettings: cdn, plugins: vendors }, options, buffer, deps(rec))
  const by = Object.fromEntries(vendors.map((v) => [v.name, v]))
  const track = (name: string) => void buffer.add('track', [name, {}, capturePageContext()])
  return { rec, buffer, loaded, vendors: by, track }
}

const storedKeys = () => [...Object.keys(localStorage), ...document.cookie.split(';').map((c) => c.trim()).filter(Boolean)]

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  for (const c of document.cookie.split(';')) {
    for (const domain of ['', '; domain=example.com', '; domain=www.example.com']) {
      document.cookie = `${c.split('=')[0].trim()}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain}`
    }
  }
})
afterEach(() => vi.useRealTimers())

describe('opt-in', () => {
  it('holds everything until the visitor decides: no destination, no Segment.io, nothing stored', async () => {
    const c = cmp()
    const s = start({ consent: c.options() })
    s.track('Viewed Home')
    s.track('Clicked Banner')
    await new Promise((r) => setTimeout(r, 50))
    expect(s.rec.calls).not.toContain('segmentio')
    expect(s.rec.sent).toEqual([])
    for (const v of Object.values(s.vendors)) expect(v.loads).toBe(0)
    expect(storedKeys()).toEqual([])

    await c.decide({ C0002: true, C0004: false })
    const [analytics] = await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Viewed Home', 'Clicked Banner', 'Segment Consent Preference Updated']))
    // Every held event carries the decision; the preference event only the consent object.
    for (const e of s.rec.sent) expect(e.context.consent).toEqual({ categoryPreferences: { C0002: true, C0004: false } })
    expect(s.rec.sent[2].properties).toEqual({})
    expect(s.vendors.Amplitude.got).toEqual(['Viewed Home', 'Clicked Banner', 'Segment Consent Preference Updated'])
    expect(s.vendors.Hotjar.got).toHaveLength(3)
    expect(s.vendors['Facebook Pixel'].loads).toBe(0)
    expect(s.vendors['Facebook Pixel'].got).toEqual([])
    expect(analytics.consent!.stats.kept).toEqual({ 'Facebook Pixel': 3 })
    expect(analytics.consent!.categories()).toEqual({ C0002: true, C0004: false })
  })

  it('a destination allowed later loads then (no reload) and gets the held events it was kept from', async () => {
    const c = cmp()
    const s = start({ consent: c.options() })
    s.track('Held')
    await c.decide({ C0002: true, C0004: false })
    const [analytics] = await s.loaded
    await until(() => expect(s.vendors.Amplitude.got).toContain('Held'))
    void analytics.track('After Decision')
    await until(() => expect(s.vendors.Amplitude.got).toContain('After Decision'))
    expect(s.vendors['Facebook Pixel'].loads).toBe(0)

    await c.decide({ C0002: true, C0004: true })
    await until(() => expect(s.vendors['Facebook Pixel'].loads).toBe(1))
    // The held event belongs to whatever the visitor decides; the one made under the refusal does not.
    await until(() => expect(s.vendors['Facebook Pixel'].got).toEqual(['Held', 'Segment Consent Preference Updated']))
    void analytics.track('Later')
    await until(() => expect(s.vendors['Facebook Pixel'].got).toContain('Later'))
  })

  it('a revocation stops a destination at once', async () => {
    const c = cmp({ C0002: true, C0004: true })
    const s = start({ consent: c.options() })
    const [analytics] = await s.loaded
    await analytics.track('Before')
    expect(s.vendors['Facebook Pixel'].got).toEqual(['Before'])
    await c.decide({ C0002: true, C0004: false })
    await analytics.track('After')
    expect(s.vendors['Facebook Pixel'].got).toEqual(['Before'])
    expect(s.vendors.Amplitude.got).toEqual(['Before', 'Segment Consent Preference Updated', 'After'])
  })

  it('a refusal sends nothing, stores nothing and counts what it dropped', async () => {
    const c = cmp()
    const cdn = consentCdn({ consentSettings: { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false } })
    const s = start({ consent: c.options() }, cdn)
    s.track('One')
    s.track('Two')
    await c.decide({ C0002: false, C0004: false })
    const [analytics] = await s.loaded
    await analytics.track('Three')
    await new Promise((r) => setTimeout(r, 20))
    expect(s.rec.sent).toEqual([])
    for (const v of Object.values(s.vendors)) expect(v.got).toEqual([])
    // Two held, the preference event, one more.
    expect(analytics.consent!.stats.dropped).toBe(4)
    expect(storedKeys()).toEqual([])
  })

  it('a returning visitor who decided before is not held and gets no preference event', async () => {
    const s = start({ consent: cmp({ C0002: true }).options() })
    s.track('Hello')
    const [analytics] = await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Hello']))
    expect(analytics.consent!.model).toBe('opt-in')
  })

  it('the site can decide through analytics.consent.update() once the stub has it (snippet pages)', async () => {
    const stub: any = []
    ;(window as any).consentStub = stub
    const s = start({ consent: { model: 'opt-in' }, globalAnalyticsKey: 'consentStub' })
    s.track('Held')
    await until(() => expect(typeof stub.consent?.update).toBe('function'))
    stub.consent.update({ C0002: true })
    const [analytics] = await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Held', 'Segment Consent Preference Updated']))
    expect(analytics.consent).toBe(stub.consent)
    delete (window as any).consentStub
  })
})

describe('opt-out', () => {
  it('everything flows until a category is refused; the preference event only when something changed', async () => {
    const c = cmp({ C0002: true, C0004: true })
    const s = start({ consent: c.options({ model: 'opt-out' }) })
    const [analytics] = await s.loaded
    await analytics.track('A')
    await c.decide({ C0002: true, C0004: true })
    await c.decide({ C0004: true, C0002: true })
    await analytics.track('B')
    await c.decide({ C0002: true, C0004: false })
    await c.decide({ C0002: true, C0004: false })
    await analytics.track('C')
    expect(s.rec.sent.map((e) => e.event)).toEqual(['A', 'B', 'Segment Consent Preference Updated', 'C'])
    expect(s.vendors['Facebook Pixel'].got).toEqual(['A', 'B'])
    expect(s.rec.sent[3].context.consent).toEqual({ categoryPreferences: { C0002: true, C0004: false } })
  })

  it('with nothing known yet, events flow unstamped; a consent manager that never answers holds nothing up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const s = start({ consent: { model: 'opt-out', getCategories: () => new Promise(() => {}) } })
    await vi.advanceTimersByTimeAsync(1000)
    const [analytics] = await s.loaded
    vi.useRealTimers()
    await analytics.track('A')
    expect(s.rec.sent[0].context.consent).toBeUndefined()
    expect(s.vendors['Facebook Pixel'].got).toEqual(['A'])
  })

  it('consent settings alone (no consent option): each call\'s own preferences decide', async () => {
    const s = start({})
    const [analytics] = await s.loaded
    expect(analytics.consent!.model).toBe('opt-out')
    await analytics.track('Mine', {}, { consent: { categoryPreferences: { C0002: true, C0004: false } } })
    await analytics.track('Unstamped')
    expect(s.vendors['Facebook Pixel'].got).toEqual(['Unstamped'])
    expect(s.vendors.Amplitude.got).toEqual(['Mine', 'Unstamped'])
    expect(s.rec.sent[0].context.consent).toEqual({ categoryPreferences: { C0002: true, C0004: false } })
  })
})

describe('stamping', () => {
  it('pruneUnmappedCategories keeps only the categories a destination is mapped to', async () => {
    const s = start({ consent: cmp({ C0001: true, C0002: true, C0005: false }).options({ pruneUnmappedCategories: true }) })
    const [analytics] = await s.loaded
    await analytics.track('A')
    expect(s.rec.sent[0].context.consent).toEqual({ categoryPreferences: { C0002: true } })
  })

  it('without pruning every category goes, and other consent fields the caller set are kept', async () => {
    const s = start({ consent: cmp({ C0001: true, C0002: true }).options() })
    const [analytics] = await s.loaded
    await analytics.track('A', {}, { consent: { version: 2, categoryPreferences: { C0009: true } } })
    expect(s.rec.sent[0].context.consent).toEqual({ version: 2, categoryPreferences: { C0001: true, C0002: true } })
  })

  it('categoryMappings replace the settings; shouldEnableIntegration replaces the rule', async () => {
    const s = start({
      consent: cmp({ C0002: false, C0009: true }).options({
        categoryMappings: { Amplitude: ['C0009'], 'Facebook Pixel': ['C0002'] },
        shouldEnableIntegration: (cats, prefs, { creationName }) => creationName !== 'Hotjar' && cats.every((x) => prefs[x]),
      }),
    })
    const [analytics] = await s.loaded
    await analytics.track('A')
    expect(s.vendors.Amplitude.got).toEqual(['A'])
    expect(s.vendors['Facebook Pixel'].got).toEqual([])
    expect(s.vendors.Hotjar.got).toEqual([])
  })
})

describe('the integrations option applies after consent', () => {
  it.each([
    ['consent allows, integrations allow', { C0002: true }, {}, true],
    ['consent allows, integrations turn it off', { C0002: true }, { Amplitude: false }, false],
    ['consent refuses, integrations turn it on', { C0002: false, C0004: true }, { All: false, Amplitude: true }, false],
    ['consent allows, All: false without an entry', { C0002: true }, { All: false }, false],
    ['consent allows, All: false with an entry', { C0002: true }, { All: false, Amplitude: true }, true],
  ])('%s', async (_, prefs, integrations, delivered) => {
    const s = start({ consent: cmp(prefs).options() })
    const [analytics] = await s.loaded
    await analytics.track('A', {}, { integrations })
    expect(s.vendors.Amplitude.got).toEqual(delivered ? ['A'] : [])
  })
})

describe('storage follows consent', () => {
  const anonymousIdInStorage = () => localStorage.getItem('ajs_anonymous_id')

  it('starts in memory and moves to storage when the storage category is granted, keeping the anonymousId', async () => {
    const c = cmp({ C0002: true, C0003: false })
    const s = start({ consent: c.options({ model: 'opt-out', storageCategory: 'C0003' }) })
    const [analytics] = await s.loaded
    await analytics.track('In Memory')
    const anonymousId = s.rec.sent[0].anonymousId
    expect(anonymousId).toBeTruthy()
    expect(storedKeys()).toEqual([])

    await c.decide({ C0002: true, C0003: true })
    expect(JSON.parse(anonymousIdInStorage()!)).toBe(anonymousId)
    expect(document.cookie).toContain(`ajs_anonymous_id=${anonymousId}`)
    await analytics.track('Stored')
    expect(s.rec.sent.at(-1)!.anonymousId).toBe(anonymousId)
  })

  it('a revocation moves back to memory and clears what was stored, still the same anonymousId', async () => {
    const c = cmp({ C0002: true, C0003: true })
    const s = start({ consent: c.options({ model: 'opt-out', storageCategory: 'C0003' }) })
    const [analytics] = await s.loaded
    await analytics.identify('user-1', { plan: 'pro' })
    const anonymousId = analytics.user().anonymousId()
    expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"')

    await c.decide({ C0002: true, C0003: false })
    expect(localStorage.getItem('ajs_user_id')).toBeNull()
    expect(localStorage.getItem('ajs_anonymous_id')).toBeNull()
    expect(localStorage.getItem('ajs_user_traits')).toBeNull()
    expect(document.cookie).not.toContain('ajs_')
    expect(analytics.user().anonymousId()).toBe(anonymousId)
    expect(analytics.user().id()).toBe('user-1')
    expect(analytics.user().traits()).toEqual({ plan: 'pro' })
  })

  it('a site that keeps everything in memory stays there whatever is granted', async () => {
    const c = cmp({ C0002: true })
    const s = start({ disableClientPersistence: true, consent: c.options({ model: 'opt-out' }) })
    const [analytics] = await s.loaded
    await c.decide({ C0002: true, C0004: true })
    await analytics.track('A')
    expect(storedKeys()).toEqual([])
  })
})

describe('extensions (Google Consent Mode)', () => {
  it('are set up before any destination loads, told the decision and each later change', async () => {
    const log: string[] = []
    const c = cmp()
    const vendors = ['Amplitude', 'Facebook Pixel', 'Hotjar'].map((name) => {
      const v = vendor(name)
      v.load = () => void (v.loads++, log.push(`load ${name}`))
      return v
    })
    const s = start(
      {
        consent: c.options({
          extensions: [
            {
              setup: (_settings, categories, model) => void log.push(`setup ${JSON.stringify(categories)} ${model}`),
              update: (categories) => void log.push(`update ${JSON.stringify(categories)}`),
            },
          ],
        }),
      },
      consentCdn(),
      vendors,
    )
    await c.decide({ C0002: true })
    const [analytics] = await s.loaded
    analytics.consent!.update({ C0002: true, C0004: true })
    expect(log).toEqual([
      'setup undefined opt-in',
      'update {"C0002":true}',
      'load Amplitude',
      'load Hotjar',
      'update {"C0002":true,"C0004":true}',
      'load Facebook Pixel',
    ])
  })
})

describe('holding over page loads (holdIn: sessionStorage)', () => {
  const pageEvent = (type: string, persisted = false) => {
    const e = new Event(type)
    Object.defineProperty(e, 'persisted', { value: persisted })
    window.dispatchEvent(e)
  }
  const held = () => JSON.parse(sessionStorage.getItem('sb_consent_held:WK') ?? 'null')

  it('a visitor who moves on before deciding takes the held calls along; the decision on the next page delivers both pages\' in order', async () => {
    const gone = cmp()
    const first = start({ consent: gone.options({ holdIn: 'sessionStorage' }) })
    first.track('On Page One')
    await new Promise((r) => setTimeout(r, 20))
    pageEvent('pagehide')
    expect(held().map((c: unknown[]) => [c[0], (c[1] as unknown[])[0]])).toEqual([['track', 'On Page One']])

    const c = cmp()
    const second = start({ consent: c.options({ holdIn: 'sessionStorage' }) })
    second.track('On Page Two')
    await c.decide({ C0002: true })
    await second.loaded
    await until(() => expect(second.rec.sent.map((e) => e.event)).toEqual(['On Page One', 'On Page Two', 'Segment Consent Preference Updated']))
    expect(sessionStorage.length).toBe(0)
    expect(second.vendors.Amplitude.got).toEqual(['On Page One', 'On Page Two', 'Segment Consent Preference Updated'])
    // (The first page is gone in a browser; here it is settled so it stops listening.)
    await gone.decide({ C0002: false })
  })

  it('a page back from the back/forward cache leaves its held calls to the page that took them', async () => {
    const c = cmp()
    const s = start({ consent: c.options({ holdIn: 'sessionStorage' }) })
    s.track('Handed Over')
    await new Promise((r) => setTimeout(r, 20))
    pageEvent('pagehide')
    pageEvent('pageshow', true)
    await c.decide({ C0002: true })
    await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Segment Consent Preference Updated']))
    expect(held()).toHaveLength(1)
  })

  it('only event calls come back from storage (it is data), and without the option nothing is kept', async () => {
    sessionStorage.setItem('sb_consent_held:WK', JSON.stringify([['eval', ['x']], ['track', ['Restored', {}]], 'junk', ['track', 'not args']]))
    const s = start({ consent: cmp({ C0002: true }).options({ holdIn: 'sessionStorage' }) })
    await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Restored']))

    const plain = start({ consent: cmp().options() })
    plain.track('Memory Only')
    await new Promise((r) => setTimeout(r, 20))
    pageEvent('pagehide')
    expect(sessionStorage.length).toBe(0)
  })
})

describe('timing', () => {
  it('a decision reported while the part is still starting counts as the decision: held events first, extensions told default then update', async () => {
    const log: string[] = []
    let answer!: (c: Categories | undefined) => void
    let cb!: (c: Categories) => void
    const s = start({
      consent: {
        model: 'opt-in',
        getCategories: () => new Promise((r) => (answer = r)),
        onChange: (fn) => (cb = fn),
        extensions: [{ setup: (_s, c) => void log.push(`setup ${JSON.stringify(c)}`), update: (c) => void log.push(`update ${JSON.stringify(c)}`) }],
      },
    })
    s.track('Held')
    await until(() => expect(cb).toBeDefined())
    cb({ C0002: true })
    answer(undefined)
    const [analytics] = await s.loaded
    await until(() => expect(s.rec.sent.map((e) => e.event)).toEqual(['Held', 'Segment Consent Preference Updated']))
    expect(log).toEqual(['setup undefined', 'update {"C0002":true}'])
    expect(analytics.consent!.categories()).toEqual({ C0002: true })
  })

  it('opt-out: a consent manager that answers late applies its answer without a preference event', async () => {
    let answer!: (c: Categories | undefined) => void
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const s = start({ consent: { model: 'opt-out', getCategories: () => new Promise((r) => (answer = r)) } })
    await vi.advanceTimersByTimeAsync(1000)
    const [analytics] = await s.loaded
    vi.useRealTimers()
    answer({ C0002: true, C0004: false })
    await until(() => expect(analytics.consent!.categories()).toEqual({ C0002: true, C0004: false }))
    await analytics.track('A')
    expect(s.rec.sent.map((e) => e.event)).toEqual(['A'])
    expect(s.vendors['Facebook Pixel'].got).toEqual([])
  })
})

describe('failures', () => {
  it('a consent part that cannot load leaves an instance that sends nothing', async () => {
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['Lost', capturePageContext()])
    const [analytics] = await loadAnalytics(
      { writeKey: 'WK', cdnSettings: consentCdn() },
      { consent: { model: 'opt-out' } },
      buffer,
      { ...fakeDeps(rec), consent: async () => undefined },
    )
    expect(analytics).toBeInstanceOf(NullAnalytics)
    expect(rec.calls).not.toContain('segmentio')
  })

  it('preferences that are not an object of booleans are ignored with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const c = cmp({ C0002: true })
    const s = start({ consent: c.options() })
    const [analytics] = await s.loaded
    analytics.consent!.update('C0002' as never)
    expect(analytics.consent!.categories()).toEqual({ C0002: true })
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })

  it('a consent manager that throws is reported and treated as undecided', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = start({ consent: { model: 'opt-out', getCategories: () => { throw new Error('cmp down') }, onChange: () => { throw new Error('no') } } })
    const [analytics] = await s.loaded
    await analytics.track('A')
    expect(s.rec.sent.map((e) => e.event)).toEqual(['A'])
    warn.mockRestore()
  })
})

describe('remote plugins behind consent', () => {
  // A remote bundle whose plugin changes events (as Amplitude (Actions) adds its session id):
  // it belongs to its destination, so it joins only once consent allows that destination.
  const remote = { name: 'Amplitude', libraryName: 'amplitude-pluginsDestination', url: 'https://cdn.segment.com/next-integrations/actions/amplitude-plugins/h.js', settings: {} }
  const bundle = Object.assign(
    () => {
      const enrich = (ctx: any) => (ctx.updateEvent('integrations.Amplitude', { session_id: 1 }), ctx)
      return [{ name: 'Amplitude sessionId', type: 'enrichment', isLoaded: () => true, load: () => undefined, track: enrich } as Plugin]
    },
    { pluginName: 'Amplitude' },
  )

  it('one consent does not allow yet holds no call back; once allowed, its plugins apply from then on', async () => {
    const c = cmp({ C0002: false, C0004: false })
    const rec = newRecorder()
    const buffer = new PreloadBuffer()
    void buffer.add('track', ['Before Load', {}, capturePageContext()])
    const started = Date.now()
    const [analytics] = await loadAnalytics({ writeKey: 'WK', cdnSettings: consentCdn({ remotePlugins: [remote] }), plugins: [bundle] }, { consent: c.options() }, buffer, deps(rec))
    // Not the remote plugins' wait (3 s): nothing loads this one, so nothing waits for it.
    expect(Date.now() - started).toBeLessThan(1000)
    await until(() => expect(rec.sent.map((e) => e.event)).toEqual(['Before Load']))
    expect(rec.sent[0].integrations).toEqual({})

    await c.decide({ C0002: true, C0004: false })
    await until(() => expect(analytics.plugins.map((p) => p.name)).toContain('Amplitude sessionId'))
    await analytics.track('After Consent')
    expect(rec.sent.find((e) => e.event === 'After Consent')!.integrations).toEqual({ Amplitude: { session_id: 1 } })
  })
})
