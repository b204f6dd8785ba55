// Property-based: any message, with hostile data in every field a caller controls, through every
// destination's translate() and then the call runner against fake vendor globals. Nothing throws,
// no code runs, the output is plain JSON-safe data of bounded size, and each vendor receives the
// caller's data as the very arguments translate() chose (constructs built only where asked).
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { SegmentEvent } from '../../src/core/types'
import { runCalls } from '../../plugins/shared/run-calls'
import { isDescriptor, type Construct, type VendorCall } from '../../plugins/shared/vendor-call'
import { translate as amplitude } from '../../plugins/amplitude/translate'
import { initCalls as facebookInit, translate as facebook } from '../../plugins/facebook-pixel/translate'
import { hashMarkers } from '../../plugins/shared/hash'
import { translate as ga4 } from '../../plugins/google-analytics-4-web/translate'
import { translate as gtm } from '../../plugins/google-tag-manager/translate'
import { translate as hotjar } from '../../plugins/hotjar/translate'
import { translate as mixpanel } from '../../plugins/mixpanel/translate'
import { translate as posthog } from '../../plugins/posthog/translate'
import { translate as intercom } from '../../plugins/intercom/translate'
import { translate as fullstory } from '../../plugins/fullstory/translate'
import { translate as heap } from '../../plugins/heap/translate'
import { translate as hubspot } from '../../plugins/hubspot/translate'
import { Built, fakeVendors, type Recorded } from './fake-vendors'
import { commerceMessage, jsonObject, jsonValue, message, wideMessage } from './hostile-json'
import { installCodeTraps } from './seven'

const w = window as any
/** FC_RUNS=5000 for a longer search. */
const RUNS = Number(process.env.FC_RUNS) || 150
const TIMEOUT = 30_000 + RUNS * 50
/** Output JSON may repeat the input a few times (a page named three ways, traits as super and People properties). */
const SIZE_FACTOR = 8
const SIZE_SLACK = 2000

type Translate = (msg: SegmentEvent, s: any) => VendorCall[]
interface Case {
  translate: Translate
  /** Default settings, and settings that turn every option on (with hostile names in them). */
  settings: Record<string, unknown>[]
  prepare?: (calls: VendorCall[]) => Promise<VendorCall[]>
}

const ODD = ['constructor', '__proto__', 'toString']
const PAGES = { trackAllPages: true, trackNamedPages: true, trackCategorizedPages: true }

const DESTINATIONS: Record<string, Case> = {
  amplitude: {
    translate: amplitude,
    settings: [
      { apiKey: 'k' },
      {
        apiKey: 'k',
        ...PAGES,
        trackRevenuePerProduct: true,
        preferAnonymousIdForDeviceId: true,
        traitsToIncrement: ODD,
        traitsToSetOnce: ['plan', 'valueOf'],
        traitsToAppend: ['hasOwnProperty'],
        traitsToPrepend: ['prototype'],
        groupTypeTrait: 'constructor',
        groupValueTrait: 'toString',
        appendFieldsToEventProps: { 'context.page.constructor': 'a', 'properties.__proto__': 'b', 'context.page.url': '__proto__', 'constructor.constructor': 'c' },
      },
      { apiKey: 'k', trackProductsOnce: true, groupTypeTrait: 'plan', groupValueTrait: 'company', appendFieldsToEventProps: [{ key: 'traits.email', value: 'email' }] },
    ],
  },
  'facebook-pixel': {
    translate: facebook,
    prepare: hashMarkers,
    settings: [
      { pixelId: '42' },
      {
        pixelId: '42',
        standardEvents: { 'Signed Up': 'CompleteRegistration', Clicked: ['Lead', 'Contact'] },
        legacyEvents: [{ key: 'Clicked', value: '6000' }],
        contentTypes: { Games: 'product_group' },
        standardEventsCustomProperties: ['plan', 'constructor', '__proto__'],
        whitelistPiiProperties: ['email', 'toString'],
        blacklistPiiProperties: [
          { propertyName: 'member', hashProperty: true },
          { propertyName: 'constructor', hashProperty: true },
          { propertyName: '__proto__', hashProperty: true },
          { propertyName: 'plan', hashProperty: false },
        ],
        initWithExistingTraits: true,
        keyForExternalId: 'constructor',
        valueIdentifier: 'price',
      },
      { pixelId: '42', initWithExistingTraits: true, userIdAsExternalId: true },
    ],
  },
  'google-analytics-4-web': {
    translate: ga4,
    settings: [{ measurementID: 'G-1' }, { measurementID: 'G-1', userProperties: ['plan', ...ODD, 'valueOf'], lowercase: true, pageView: false, send_to: false }],
  },
  'google-tag-manager': {
    translate: gtm,
    settings: [{ containerId: 'GTM-1' }, { containerId: 'GTM-1', ga4Ecommerce: true, ...PAGES }],
  },
  hotjar: { translate: hotjar, settings: [{ hjid: 1 }] },
  mixpanel: {
    translate: mixpanel,
    settings: [
      { token: 't' },
      {
        token: 't',
        ...PAGES,
        people: true,
        setAllTraitsByDefault: false,
        peopleProperties: ['plan', ...ODD],
        superProperties: ['plan', ...ODD],
        eventIncrements: ['Clicked', 'constructor'],
        propIncrements: ['revenue', 'toString'],
        groupIdentifierTraits: ['company', 'constructor'],
        groupTraitsToSetOnce: ['name', '__proto__'],
        legacySuperProperties: true,
        sourceName: 'web',
      },
      { token: 't', consolidatedPageCalls: true, groupIdentifierTraits: ['company'] },
    ],
  },
  posthog: { translate: posthog, settings: [{ apiKey: 'phc' }] },
  intercom: { translate: intercom, settings: [{ appId: 'a' }, { appId: 'a', activator: '#help', richLinkProperties: ['article', ...ODD] }] },
  fullstory: { translate: fullstory, settings: [{ orgId: 'o' }] },
  heap: { translate: heap, settings: [{ appId: '1' }, { appId: '1', browserArrayLimit: 5 }] },
  hubspot: {
    translate: hubspot,
    settings: [{ portalId: '1' }, { portalId: '1', formatCustomBehavioralEventNames: false, flushIdentifyImmediately: true }],
  },
}

/** Where a value in the output is not plain data; undefined when it all is. */
function notPlainData(value: unknown, path = 'calls', seen = new Set<object>()): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined
    case 'number':
      return Number.isFinite(value) ? undefined : `${path}: ${value}`
    case 'object':
      break
    default:
      return `${path}: a ${typeof value}`
  }
  if (value === null || seen.has(value)) return undefined
  // A translator may send a Date it made (Mixpanel's `Last <event>`): JSON has it as an ISO string.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? `${path}: an invalid Date` : undefined
  seen.add(value)
  const proto = Object.getPrototypeOf(value)
  const descriptor = isDescriptor(value, 'call') || isDescriptor(value, 'new') || isDescriptor(value, 'sha256')
  if (!descriptor && proto !== Object.prototype && proto !== Array.prototype && proto !== null) return `${path}: an instance of ${proto?.constructor?.name}`
  for (const k of Object.keys(value)) {
    const found = notPlainData((value as Record<string, unknown>)[k], `${path}.${k}`, seen)
    if (found) return found
  }
  return undefined
}

/** What the vendors must have received, in order: each call's path and arguments, then its chain. */
function expectedCalls(calls: VendorCall[]): { fn: string; args: unknown[]; chained: boolean }[] {
  const out: { fn: string; args: unknown[]; chained: boolean }[] = []
  for (let c: VendorCall | undefined of calls) for (let chained = false; c; c = c.then, chained = true) out.push({ fn: c.fn, args: c.args, chained })
  return out
}

/** Each argument is the very value translate() chose, or (for a construct) an object built as it asked. */
function checkReceived(calls: VendorCall[], log: Recorded[]): void {
  const expected = expectedCalls(calls)
  expect(log.map((r) => r.path)).toHaveLength(expected.length)
  expected.forEach((e, i) => {
    const got = log[i]
    if (e.chained) expect(got.path.endsWith('.' + e.fn)).toBe(true)
    else expect(got.path).toBe(e.fn)
    expect(got.args).toHaveLength(e.args.length)
    e.args.forEach((arg, j) => {
      if (!isDescriptor(arg, 'new')) return expect(got.args[j]).toBe(arg)
      const { ctor, ops } = arg as Construct
      const built = got.args[j] as Built
      expect(built).toBeInstanceOf(Built)
      expect('amplitude.' + built.kind).toBe(ctor)
      expect(built.ops).toHaveLength(ops.length)
      ops.forEach((op, k) => op.forEach((part, n) => expect(built.ops[k][n]).toBe(part)))
    })
  })
}

afterEach(() => {
  delete w.__pwned
})

describe.each(Object.keys(DESTINATIONS))('%s: translate and run any hostile message', (name) => {
  const { translate, settings, prepare } = DESTINATIONS[name]

  it.each([
    ['any message', message, true],
    ['E-commerce events with products and amounts of any size', commerceMessage, true],
    // Shrinking lists of hundreds of objects takes minutes: report the first failure as it is.
    ['long lists of objects with keys of their own', wideMessage, false],
  ] as const)('%s: no throw, no code, plain data of bounded size, caller data reaches the vendor only as arguments', async (_label, messages, shrink) => {
    await fc.assert(
      fc.asyncProperty(messages, fc.constantFrom(...settings), async (msg, s) => {
        const inputSize = JSON.stringify(msg).length
        let traps = installCodeTraps()
        let calls: VendorCall[]
        try {
          calls = translate(msg, s)
        } finally {
          traps.restore()
        }
        expect(traps.reached).toEqual([])
        expect(notPlainData(calls)).toBeUndefined()
        expect(calls.every((c) => isDescriptor(c, 'call'))).toBe(true)
        expect(JSON.stringify(calls).length).toBeLessThanOrEqual(SIZE_FACTOR * inputSize + SIZE_SLACK)
        if (prepare) calls = await prepare(calls)

        const { root, log } = fakeVendors()
        traps = installCodeTraps()
        let errors: unknown[]
        try {
          errors = runCalls(calls, root)
        } finally {
          traps.restore()
        }
        expect(errors).toEqual([])
        expect(traps.reached).toEqual([])
        expect(w.__pwned).toBeUndefined()
        checkReceived(calls, log)
      }),
      { numRuns: RUNS, endOnFailure: !shrink },
    )
  }, TIMEOUT)
})

describe('facebook-pixel: init with hostile stored traits and load options', () => {
  it('no throw, no code, plain data', () => {
    fc.assert(
      fc.property(jsonObject, jsonValue, fc.constantFrom(...DESTINATIONS['facebook-pixel'].settings), (traits, dpo, s) => {
        const traps = installCodeTraps()
        let calls: VendorCall[]
        try {
          calls = facebookInit(s as never, traits, { userId: 'u', anonymousId: 'a' }, dpo)
        } finally {
          traps.restore()
        }
        expect(traps.reached).toEqual([])
        expect(notPlainData(calls)).toBeUndefined()
        const { root, log } = fakeVendors()
        expect(runCalls(calls, root)).toEqual([])
        checkReceived(calls, log)
      }),
      { numRuns: RUNS },
    )
  }, TIMEOUT)
})
