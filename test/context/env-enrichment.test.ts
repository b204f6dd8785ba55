import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Context } from '../../src/core/context'
import { envEnrichment } from '../../src/context'
import type { SegmentEvent } from '../../src/core/types'
import { clearAll, cookieMap } from '../storage/helpers'

const event = (search = '', extra: Record<string, unknown> = {}): Context =>
  new Context({
    type: 'track',
    event: 'E',
    messageId: 'm',
    timestamp: new Date().toISOString(),
    integrations: {},
    context: { page: { path: '/', referrer: '', search, title: '', url: 'https://www.example.com/' + search }, ...extra },
  } as SegmentEvent)

const run = async (plugin: ReturnType<typeof envEnrichment>, ctx: Context) => (await plugin.track!(ctx)) as Context

beforeEach(clearAll)
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('envEnrichment', () => {
  it('is a before plugin named Page Enrichment', () => {
    const p = envEnrichment({ options: {} })
    expect(p.name).toBe('Page Enrichment')
    expect(p.type).toBe('before')
    expect(p.isLoaded()).toBe(true)
  })

  it('adds userAgent, locale, timezone, library and campaign', async () => {
    const ctx = await run(envEnrichment({ options: {} }), event('?utm_source=google&utm_campaign=spring&utm_medium=cpc&foo=bar'))
    const c = ctx.event.context
    expect(c.userAgent).toBe(navigator.userAgent)
    expect(c.locale).toBe(navigator.language)
    expect(c.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(c.library).toEqual({ name: 'analytics.js', version: expect.stringMatching(/^switchboard-/) })
    expect(c.campaign).toEqual({ source: 'google', name: 'spring', medium: 'cpc' })
  })

  it('campaign is {} for a query without utm, absent without a query, untouched when given', async () => {
    const p = envEnrichment({ options: {} })
    expect((await run(p, event('?foo=bar'))).event.context.campaign).toEqual({})
    expect((await run(p, event(''))).event.context.campaign).toBeUndefined()
    expect((await run(p, event('?utm_source=x', { campaign: { name: 'mine' } }))).event.context.campaign).toEqual({ name: 'mine' })
  })

  it('keeps a given locale and library; events never share a campaign object', async () => {
    const p = envEnrichment({ options: {} })
    const a = await run(p, event('?utm_source=x', { locale: 'fr-FR', library: { name: 'custom', version: '1' } }))
    expect(a.event.context.locale).toBe('fr-FR')
    expect(a.event.context.library).toEqual({ name: 'custom', version: '1' })
    const b = await run(p, event('?utm_source=x'))
    a.event.context.campaign!.source = 'changed'
    expect(b.event.context.campaign).toEqual({ source: 'x' })
  })

  it('low-entropy userAgentData from navigator.userAgentData.toJSON()', async () => {
    const data = { brands: [{ brand: 'Chromium', version: '140' }], mobile: false, platform: 'Linux' }
    vi.stubGlobal('navigator', { ...navigator, userAgent: navigator.userAgent, language: 'en-US', userAgentData: { toJSON: () => data, getHighEntropyValues: vi.fn() } })
    const ctx = await run(envEnrichment({ options: {} }), event())
    expect(ctx.event.context.userAgentData).toEqual(data)
  })

  it('high-entropy hints are fetched once at load and reused by every event', async () => {
    const high = vi.fn(async (hints: string[]) => ({ brands: [], mobile: false, platform: 'Linux', architecture: 'x86', asked: hints }))
    vi.stubGlobal('navigator', { userAgent: 'UA', language: 'en-US', userAgentData: { toJSON: () => ({ platform: 'Linux' }), getHighEntropyValues: high } })
    const p = envEnrichment({ options: { highEntropyValuesClientHints: ['architecture'] } })
    await p.load(Context.system(), undefined as never)
    for (let i = 0; i < 5; i++) expect((await run(p, event())).event.context.userAgentData).toMatchObject({ architecture: 'x86', asked: ['architecture'] })
    expect(high).toHaveBeenCalledTimes(1)
  })

  it('ad referrer ids are persisted in the s:context.referrer cookie and reapplied later', async () => {
    const p = envEnrichment({ options: {} })
    const first = await run(p, event('?btid=abc'))
    expect(first.event.context.referrer).toEqual({ id: 'abc', type: 'dataxu' })
    expect(JSON.parse(decodeURIComponent(cookieMap()['s:context.referrer']))).toEqual({ id: 'abc', type: 'dataxu' })
    // A later page (new plugin instance) without the id still carries it.
    const later = await run(envEnrichment({ options: {} }), event('?x=1'))
    expect(later.event.context.referrer).toEqual({ id: 'abc', type: 'dataxu' })
  })

  it('the referrer cookie is written once, not per event; never with disableClientPersistence', async () => {
    const p = envEnrichment({ options: {} })
    const spy = vi.spyOn(document, 'cookie', 'set')
    for (let i = 0; i < 20; i++) await run(p, event('?urid=u1'))
    expect(spy.mock.calls.filter(([c]) => c.startsWith('s%3Acontext.referrer') || c.startsWith('s:context.referrer'))).toHaveLength(1)
    spy.mockClear()
    clearAll()
    const np = envEnrichment({ options: { disableClientPersistence: true } })
    expect((await run(np, event('?urid=u2'))).event.context.referrer).toEqual({ id: 'u2', type: 'millennial-media' })
    expect(cookieMap()['s:context.referrer']).toBeUndefined()
  })

  it('context.amp from a _ga cookie that starts with amp (re-read at most once a second)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const p = envEnrichment({ options: {} })
      expect((await run(p, event())).event.context.amp).toBeUndefined()
      document.cookie = '_ga=amp-xyz; path=/'
      vi.setSystemTime(Date.now() + 1001)
      expect((await run(p, event())).event.context.amp).toEqual({ id: 'amp-xyz' })
      document.cookie = '_ga=GA1.2.3.4; path=/'
      expect((await run(p, event())).event.context.amp).toEqual({ id: 'amp-xyz' })
      vi.setSystemTime(Date.now() + 1001)
      expect((await run(p, event())).event.context.amp).toBeUndefined()
    } finally {
      vi.useRealTimers()
    }
  })

  it('10,000 events cost little and touch storage rarely', async () => {
    const p = envEnrichment({ options: {} })
    const ls = vi.spyOn(Storage.prototype, 'setItem')
    const ck = vi.spyOn(document, 'cookie', 'set')
    for (let i = 0; i < 10_000; i++) await run(p, event('?utm_source=x&btid=b'))
    expect(ls).not.toHaveBeenCalled()
    expect(ck.mock.calls.length).toBeLessThanOrEqual(1 + 4) // one referrer write (+ domain probe)
  })
})
