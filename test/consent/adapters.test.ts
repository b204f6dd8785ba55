// The OneTrust adapter and the Google Consent Mode extension. Expectations: Segment's OneTrust
// wrapper (groups from GetDomainData().Groups, granted when in OnetrustActiveGroups; "opt-in" and
// "implied consent" are opt-in, anything else opt-out; the real API is the object with the
// methods; a region without a banner has decided) and Google's Consent Mode v2 (`gtag('consent',
// 'default' | 'update', { ad_storage, analytics_storage, ad_user_data, ad_personalization })`).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { activeGroups, consentModelOf, hasDecided, oneTrust, oneTrustApi, oneTrustCategories, type OneTrustApi } from '../../src/consent/onetrust'
import { DEFAULT_MAPPING, consentState, googleConsentMode } from '../../src/consent/google'
import type { CDNSettings } from '../../src/core/options'

const w = window as any

function fakeOneTrust(opts: { model?: string; banner?: boolean; closed?: boolean; active?: string } = {}) {
  const listeners: ((e: { detail: string[] }) => void)[] = []
  const ot: OneTrustApi & { choose(groups: string[]): void } = {
    GetDomainData: () => ({
      ShowAlertNotice: opts.banner ?? true,
      Groups: [{ CustomGroupId: 'C0001' }, { CustomGroupId: ' C0002 ' }, { CustomGroupId: 'C0004' }],
      ConsentModel: { Name: opts.model ?? 'opt-in' },
    }),
    IsAlertBoxClosed: () => opts.closed ?? false,
    OnConsentChanged: (cb) => void listeners.push(cb as never),
    choose(groups) {
      opts.closed = true
      w.OnetrustActiveGroups = `,${groups.join(',')},`
      for (const l of listeners) l({ detail: groups })
    },
  }
  w.OnetrustActiveGroups = opts.active ?? ',C0001,'
  return ot
}

beforeEach(() => {
  delete w.OneTrust
  delete w.OnetrustActiveGroups
  delete w.dataLayer
  delete w.gtag
})
afterEach(() => vi.useRealTimers())

describe('OneTrust', () => {
  it.each([
    ['opt-in', 'opt-in'],
    ['implied consent', 'opt-in'],
    ['Opt-In', 'opt-in'],
    ['opt-out', 'opt-out'],
    ['notice only', 'opt-out'],
    ['custom', 'opt-out'],
    [undefined, 'opt-out'],
  ])('consent model %j → %s', (name, expected) => {
    expect(consentModelOf(name)).toBe(expected)
  })

  it.each([
    [',C0001,C0002,', ['C0001', 'C0002']],
    ['C0001, C0004', ['C0001', 'C0004']],
    ['', []],
    [undefined, []],
    [42, []],
    [['C0003', 7, ' C0005 '], ['C0003', 'C0005']],
  ])('active groups %j → %j', (input, expected) => {
    expect(activeGroups(input)).toEqual(expected)
  })

  it('every group of the domain is a category, granted when active', () => {
    const ot = fakeOneTrust({ active: ',C0001,C0004,' })
    expect(oneTrustCategories(ot)).toEqual({ C0001: true, C0002: false, C0004: true })
  })

  it('window.OneTrust counts only once it is the API (not a configuration or geolocation object)', () => {
    w.OneTrust = { geolocationResponse: { countryCode: 'DE' } }
    expect(oneTrustApi()).toBeUndefined()
    w.OneTrust = fakeOneTrust()
    expect(oneTrustApi()).toBe(w.OneTrust)
  })

  it.each([
    ['banner shown, not closed', { banner: true, closed: false }, false],
    ['banner closed', { banner: true, closed: true }, true],
    ['a region that shows no banner', { banner: false, closed: false }, true],
    ['no active group yet', { banner: false, active: '' }, false],
  ])('decided: %s → %s', (_, opts, expected) => {
    expect(hasDecided(fakeOneTrust(opts))).toBe(expected)
  })

  it('waits for OneTrust, then reads the model from its domain data', async () => {
    const options = oneTrust({ pollInterval: 10 })
    const model = (options.model as () => Promise<string>)()
    setTimeout(() => (w.OneTrust = fakeOneTrust({ model: 'opt-out' })), 30)
    expect(await model).toBe('opt-out')
  })

  it('opt-in: undecided until the banner closes; the choice arrives through onChange', async () => {
    const ot = (w.OneTrust = fakeOneTrust({ model: 'opt-in' }))
    const options = oneTrust()
    expect(await options.getCategories!()).toBeUndefined()
    const seen: unknown[] = []
    options.onChange!((c) => seen.push(c))
    await new Promise((r) => setTimeout(r, 0))
    ot.choose(['C0001', 'C0002'])
    expect(seen).toEqual([{ C0001: true, C0002: true, C0004: false }])
    expect(await options.getCategories!()).toEqual({ C0001: true, C0002: true, C0004: false })
  })

  it('a region without a banner is decided at once with its defaults (no wait that never ends)', async () => {
    w.OneTrust = fakeOneTrust({ model: 'opt-in', banner: false, active: ',C0001,C0002,' })
    expect(await oneTrust().getCategories!()).toEqual({ C0001: true, C0002: true, C0004: false })
  })

  it('opt-out uses OneTrust\'s defaults before any choice; the site may force the model', async () => {
    w.OneTrust = fakeOneTrust({ model: 'opt-out', active: ',C0001,C0002,C0004,' })
    expect(await oneTrust().getCategories!()).toEqual({ C0001: true, C0002: true, C0004: true })
    const forced = oneTrust({ consentModel: () => 'opt-in' })
    expect(await (forced.model as () => Promise<string>)()).toBe('opt-in')
    expect(await forced.getCategories!()).toBeUndefined()
  })

  it('passes the other consent options through', () => {
    const options = oneTrust({ storageCategory: 'C0003', pruneUnmappedCategories: true, categoryMappings: { Amplitude: ['C0002'] } })
    expect(options).toMatchObject({ storageCategory: 'C0003', pruneUnmappedCategories: true, categoryMappings: { Amplitude: ['C0002'] } })
  })
})

describe('Google Consent Mode v2', () => {
  const calls = () => (w.dataLayer as IArguments[]).map((a) => [...a])

  it.each([
    [{ C0002: true, C0004: false }, 'opt-in', { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }],
    [{ C0002: true, C0004: true }, 'opt-in', { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
    [{}, 'opt-out', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }],
    [undefined, 'opt-in', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }],
    [undefined, 'opt-out', { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
  ] as const)('%j in %s → %j', (categories, model, expected) => {
    expect(consentState(DEFAULT_MAPPING, categories as any, model)).toEqual(expected)
  })

  it('a type needs every category mapped to it; one mapped to none is granted', () => {
    expect(consentState({ ad_storage: ['A', 'B'], security_storage: [] }, { A: true, B: false }, 'opt-in')).toEqual({ ad_storage: 'denied', security_storage: 'granted' })
  })

  it('sends the default into the page\'s dataLayer as Arguments, then an update on each change', () => {
    const x = googleConsentMode({ waitForUpdate: 500 })
    const settings: CDNSettings = { integrations: {} }
    x.setup!(settings, undefined, 'opt-in')
    x.update({ C0002: true, C0004: false })
    expect(Object.prototype.toString.call(w.dataLayer[0])).toBe('[object Arguments]')
    expect(calls()).toEqual([
      ['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', wait_for_update: 500 }],
      ['consent', 'update', { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }],
    ])
  })

  it('uses the page\'s own gtag and keeps its dataLayer', () => {
    const own: unknown[][] = []
    w.dataLayer = [{ event: 'gtm.js' }]
    w.gtag = (...args: unknown[]) => own.push(args)
    googleConsentMode({ mapping: { ad_storage: ['X'] } }).setup!({ integrations: {} }, { X: true }, 'opt-in')
    expect(own).toEqual([['consent', 'default', { ad_storage: 'granted' }]])
    expect(w.dataLayer).toEqual([{ event: 'gtm.js' }])
  })

  it('turns off destinations\' own Consent Mode so there is one source of consent state', () => {
    const settings: CDNSettings = {
      integrations: { 'Google Analytics 4 Web': { measurementID: 'G-1', enableConsentMode: true }, Amplitude: { apiKey: 'k' } },
      remotePlugins: [{ name: 'GA4', libraryName: 'x', url: 'https://cdn/x.js', settings: { enableConsentMode: true } }],
    }
    googleConsentMode().setup!(settings, undefined, 'opt-in')
    expect(settings.integrations['Google Analytics 4 Web'].enableConsentMode).toBe(false)
    expect(settings.remotePlugins![0].settings.enableConsentMode).toBe(false)
    expect(settings.integrations.Amplitude).toEqual({ apiKey: 'k' })
  })
})
