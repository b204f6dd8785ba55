// Segment's consent decision rules as tables. Expectations come from Segment's consent model:
// a destination needs every one of its categories (none: always enabled), Segment is disabled
// when no granted category is mapped and no destination is unmapped (consent-tools'
// blocking-helpers), pruning keeps only `allCategories`.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  allowsCategories,
  allowsStorage,
  consentSettingsOf,
  destinationCategories,
  isAllowed,
  isSegmentDisabled,
  sameCategories,
  stampedCategories,
  validCategories,
} from '../../src/consent/rules'
import type { CDNSettings } from '../../src/core/options'

const settings = (extra: Partial<CDNSettings> = {}): CDNSettings => ({
  integrations: {
    'Segment.io': { apiKey: 'WK' },
    Amplitude: { type: 'browser', consentSettings: { categories: ['C0002'] } },
    'Facebook Pixel': { type: 'browser', consentSettings: { categories: ['C0002', 'C0004'] } },
    Hotjar: { type: 'browser' },
    Broken: { consentSettings: { categories: 'C0002' } },
  },
  consentSettings: { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false },
  ...extra,
})

describe('a destination is enabled only when all its categories are granted', () => {
  it.each([
    [['C0002'], { C0002: true }, true],
    [['C0002'], { C0002: false }, false],
    [['C0002'], {}, false],
    [['C0002', 'C0004'], { C0002: true, C0004: true }, true],
    [['C0002', 'C0004'], { C0002: true, C0004: false }, false],
    [['C0002', 'C0004'], { C0002: true }, false],
    [[], {}, true],
    [[], { C0002: false }, true],
  ] as const)('categories %j, preferences %j → %s', (categories, prefs, expected) => {
    expect(allowsCategories([...categories], prefs)).toBe(expected)
  })

  it.each([
    ['Amplitude', ['C0002']],
    ['Facebook Pixel', ['C0002', 'C0004']],
    ['Hotjar', []],
    ['Broken', []],
    ['Unknown', []],
    ['constructor', []],
  ])('%s is mapped to %j by the settings', (name, expected) => {
    expect(destinationCategories(name, settings())).toEqual(expected)
  })

  it('the site mapping replaces the settings', () => {
    expect(destinationCategories('Amplitude', settings(), { Amplitude: ['C0003'] })).toEqual(['C0003'])
    expect(destinationCategories('Facebook Pixel', settings(), { Amplitude: ['C0003'] })).toEqual([])
  })
})

describe('Segment is disabled altogether', () => {
  const cs = { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false }
  it.each([
    ['nothing granted', { C0002: false, C0004: false }, cs, true],
    ['no preferences at all', {}, cs, true],
    ['only an unmapped category granted', { C0001: true, C0002: false }, cs, true],
    ['a mapped category granted', { C0001: true, C0002: true }, cs, false],
    ['unmapped destinations exist', { C0002: false }, { ...cs, hasUnmappedDestinations: true }, false],
    ['no consent settings', { C0002: false }, undefined, false],
    ['preferences unknown (opt-out, nothing known yet)', undefined, cs, false],
  ] as const)('%s → %s', (_, prefs, consentSettings, expected) => {
    expect(isSegmentDisabled(prefs as any, consentSettings as any)).toBe(expected)
  })

  it('a site mapping stands for the settings, with no unmapped destinations', () => {
    expect(consentSettingsOf(settings(), { A: ['X'], B: ['X', 'Y'] })).toEqual({ allCategories: ['X', 'Y'], hasUnmappedDestinations: false })
    expect(consentSettingsOf(settings())).toEqual({ allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false })
    expect(consentSettingsOf({ integrations: {} })).toBeUndefined()
  })
})

describe('isAllowed: the whole decision for one destination', () => {
  const d = (options = {}) => ({ settings: settings(), options })
  it.each([
    ['Amplitude', { C0002: true, C0004: false }, true],
    ['Facebook Pixel', { C0002: true, C0004: false }, false],
    ['Facebook Pixel', { C0002: true, C0004: true }, true],
    ['Hotjar', { C0002: true }, true],
    // Segment disabled: even a destination with no category gets nothing.
    ['Hotjar', { C0002: false, C0004: false }, false],
    ['Segment.io', { C0002: false, C0004: true }, true],
    ['Segment.io', { C0001: true }, false],
    ['Amplitude', undefined, true],
  ] as const)('%s under %j → %s', (name, prefs, expected) => {
    expect(isAllowed(name, prefs as any, d())).toBe(expected)
  })

  it('shouldEnableIntegration decides instead of the default rule, told the categories and preferences', () => {
    const calls: unknown[] = []
    const any = (cats: string[], prefs: Record<string, boolean>, info: { creationName: string }) => {
      calls.push([cats, prefs, info])
      return cats.some((c) => prefs[c])
    }
    expect(isAllowed('Facebook Pixel', { C0002: true, C0004: false }, d({ shouldEnableIntegration: any }))).toBe(true)
    expect(calls).toEqual([[['C0002', 'C0004'], { C0002: true, C0004: false }, { creationName: 'Facebook Pixel' }]])
    // Segment disabled still wins.
    expect(isAllowed('Hotjar', { C0002: false }, d({ shouldEnableIntegration: () => true }))).toBe(false)
  })

  it('a shouldEnableIntegration that throws keeps the destination off and is reported', () => {
    const errors: unknown[] = []
    const decider = { settings: settings(), options: { shouldEnableIntegration: () => { throw new Error('bad') } }, onError: (e: unknown) => errors.push(e) }
    expect(isAllowed('Amplitude', { C0002: true }, decider)).toBe(false)
    expect(errors).toHaveLength(1)
  })
})

describe('stamped categories and pruning', () => {
  const cs = { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false }
  it.each([
    [false, { C0001: true, C0002: true, C0005: false }, { C0001: true, C0002: true, C0005: false }],
    [true, { C0001: true, C0002: true, C0005: false }, { C0002: true }],
    [true, { C0004: false }, { C0004: false }],
  ] as const)('prune %s: %j → %j', (prune, prefs, expected) => {
    expect(stampedCategories({ ...prefs }, cs, prune)).toEqual(expected)
  })

  it('with nothing mapped, pruning keeps everything (the event still says what the visitor chose)', () => {
    expect(stampedCategories({ A: true }, { allCategories: [], hasUnmappedDestinations: true }, true)).toEqual({ A: true })
    expect(stampedCategories({ A: true }, undefined, true)).toEqual({ A: true })
  })
})

describe('preferences are data', () => {
  it.each([
    [{ C0001: true, C0002: 'yes', C0003: 1, C0004: false }, { C0001: true, C0004: false }],
    [null, undefined],
    ['C0001', undefined],
    [['C0001'], undefined],
    [{}, {}],
  ] as const)('%j → %j', (input, expected) => {
    expect(validCategories(input)).toEqual(expected)
  })

  it('a "__proto__" key stays a key, never a prototype', () => {
    const parsed = JSON.parse('{"__proto__": true, "C0001": true}')
    const valid = validCategories(parsed)!
    expect(Object.getPrototypeOf(valid)).toBe(Object.prototype)
    expect(Object.keys(valid).sort()).toEqual(['C0001', '__proto__'])
  })

  it('any input: valid preferences hold only booleans, and compare equal to themselves', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const v = validCategories(input)
        if (v === undefined) return
        expect(Object.values(v).every((x) => typeof x === 'boolean')).toBe(true)
        expect(sameCategories(v, validCategories(JSON.parse(JSON.stringify(v))))).toBe(true)
      }),
    )
  })

  it.each([
    [{ A: true }, { A: true }, true],
    [{ A: true }, { A: false }, false],
    [{ A: true }, { A: true, B: false }, false],
    [{ A: true, B: false }, { B: false, A: true }, true],
    [undefined, undefined, true],
    [undefined, {}, false],
  ] as const)('same(%j, %j) → %s', (a, b, expected) => {
    expect(sameCategories(a as any, b as any)).toBe(expected)
  })
})

describe('storage follows consent', () => {
  const cs = { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false }
  const base = { optOut: false, sitePersists: true, cs }
  it.each([
    ['opt-in, undecided', undefined, base, false],
    ['opt-out, nothing known', undefined, { ...base, optOut: true }, true],
    ['opt-out, nothing known, storage category named', undefined, { ...base, optOut: true, storageCategory: 'C0003' }, false],
    ['a mapped category granted', { C0002: true }, base, true],
    ['refused', { C0002: false, C0004: false }, base, false],
    ['storage category granted', { C0003: true, C0002: false }, { ...base, storageCategory: 'C0003' }, true],
    ['storage category refused, others granted', { C0003: false, C0002: true }, { ...base, storageCategory: 'C0003' }, false],
    ['the site keeps everything in memory', { C0002: true }, { ...base, sitePersists: false }, false],
  ] as const)('%s → %s', (_, prefs, opts, expected) => {
    expect(allowsStorage(prefs as any, opts as any)).toBe(expected)
  })
})
