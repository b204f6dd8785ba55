// Hostile input, as a table: whatever a caller puts in properties, traits, context or options is
// data. It reaches every vendor as an argument, and no key, value or shape of it makes a
// destination build an object, call a method or run a string as code.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Analytics } from '../../src/core/analytics'
import type { Context } from '../../src/core/context'
import { PreloadBuffer, replayCall } from '../../src/browser/buffer'
import { runCalls } from '../../plugins/shared/run-calls'
import { call, construct, type VendorCall } from '../../plugins/shared/vendor-call'
import { v2Name } from '../../plugins/shared/ecommerce'
import { ga4Ecommerce } from '../../plugins/shared/ga4-ecommerce'
import { compact, getPath, isoDates, mapped, omit } from '../../plugins/shared/values'
import { PAYLOAD, allSeven, clearVendors, destinationFailures, trapCode, vendorQueues } from './seven'

const w = window as any
type Vendor = keyof ReturnType<typeof vendorQueues>
/** [where the payload goes, the call, what each vendor's queue must then contain] */
type Case = [string, (a: Analytics) => Promise<Context>, Partial<Record<Vendor, string[]>>]

/** A track of `Clicked` reaches all seven (GA4 and GTM share the dataLayer). */
const CLICKED: Partial<Record<Vendor, string[]>> = {
  'dataLayer (GA4, GTM)': ['"event","Clicked"', '"event":"Clicked"'],
  fbq: ['"trackSingleCustom","42","Clicked"'],
  mixpanel: ['"track","Clicked"'],
  amplitude: ['"name":"track","args":["Clicked"'],
  hj: ['"event","Clicked"'],
  posthog: ['"capture","Clicked"'],
}
const AS_DATA = '"$new":"Function","ops":[["constructor","window.__pwned = 1"],["call"]]'
const IDENTIFIED = {
  mixpanel: ['"identify","u-1"'],
  amplitude: ['"name":"setUserId","args":["u-1"]'],
  hj: ['"identify","u-1"'],
  posthog: ['"identify","u-1"'],
  'dataLayer (GA4, GTM)': ['{"user_id":"u-1"}'],
}

const CONSTRUCT_REQUESTS: Case[] = [
  ['properties', (a) => a.track('Clicked', PAYLOAD), { ...CLICKED, posthog: ['"capture","Clicked",{' + AS_DATA] }],
  ['the event object form', (a) => a.track({ event: 'Clicked', properties: PAYLOAD } as never), { ...CLICKED, mixpanel: ['"track","Clicked",{' + AS_DATA] }],
  ['a nested property and an array item', (a) => a.track('Clicked', { nested: PAYLOAD, list: [PAYLOAD] }), { ...CLICKED, posthog: [`"nested":{${AS_DATA}}`] }],
  [
    'an Order Completed product (Amplitude builds a Revenue from it)',
    (a) => a.track('Order Completed', { order_id: 'o-1', revenue: 10, products: [{ product_id: 'p-1', ...PAYLOAD }] }),
    { amplitude: ['"name":"revenue"', '"name":"setEventProperties"'], posthog: [`"products":[{"product_id":"p-1",${AS_DATA}}]`], fbq: ['"Purchase"'] },
  ],
  ['page properties', (a) => a.page('Docs', 'Install', PAYLOAD), { fbq: ['"PageView"'], posthog: ['"$pageview"', AS_DATA], amplitude: ['Viewed Docs Install Page'] }],
  ['identify traits', (a) => a.identify('u-1', PAYLOAD), { ...IDENTIFIED, mixpanel: ['"people.set",{"$new":"Function"', '"people.union",{"ops":[["constructor","window.__pwned = 1"]'], amplitude: ['{"name":"set","args":["$new","Function"]}'] }],
  ['a nested trait', (a) => a.identify('u-1', { company: PAYLOAD }), { ...IDENTIFIED, posthog: [`"company":{${AS_DATA}}`] }],
  ['group traits', (a) => a.group('g-1', PAYLOAD), { amplitude: ['"setGroup","args":["[Segment] Group","g-1"]'], posthog: ['"group","segment_group","g-1",{' + AS_DATA] }],
  ['options.context', (a) => a.track('Clicked', {}, { context: PAYLOAD }), CLICKED],
  ['options.context.page', (a) => a.track('Clicked', {}, { context: { page: PAYLOAD } }), CLICKED],
  ['a custom option (it goes into context)', (a) => a.track('Clicked', {}, { extra: PAYLOAD }), CLICKED],
  [
    'options.integrations, per destination',
    (a) =>
      a.track('Clicked', {}, {
        integrations: { Amplitude: PAYLOAD, Mixpanel: PAYLOAD, 'Facebook Pixel': { contentType: PAYLOAD }, 'Google Analytics 4 Web': PAYLOAD, PostHog: PAYLOAD },
      }),
    CLICKED,
  ],
  ['Amplitude groups option', (a) => a.identify('u-1', { plan: 'pro' }, { integrations: { Amplitude: { groups: PAYLOAD } } }), { amplitude: ['"setGroup","args":["$new","Function"]'] }],
  ['page() context', (a) => a.page('Docs', 'Install', {}, { context: { page: PAYLOAD } }), { fbq: ['"PageView"'] }],
]

beforeEach(() => {
  clearVendors()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  vi.restoreAllMocks()
  clearVendors()
})

describe('a construct request in caller data is data', () => {
  it.each(CONSTRUCT_REQUESTS)('in %s: nothing runs, every vendor gets the event', async (_where, send, expected) => {
    const analytics = await allSeven()
    const { result: ctx, reached } = await trapCode(() => send(analytics))
    expect(reached).toEqual([])
    expect(w.__pwned).toBeUndefined()
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(destinationFailures(ctx)).toEqual([])
    const queues = vendorQueues()
    for (const [vendor, marks] of Object.entries(expected)) for (const mark of marks!) expect(queues[vendor as Vendor], vendor).toContain(mark)
  })

  it('the same request a translator builds itself does run (the mechanism still works)', async () => {
    const analytics = await allSeven()
    await analytics.identify('u-1', { plan: 'pro' })
    // Amplitude's Identify was built with `new amplitude.Identify()` and its `set` op applied.
    const identify = w.amplitude._q.find((q: any) => q.name === 'identify')
    expect(identify.args[0]._q).toEqual([{ name: 'set', args: ['plan', 'pro'] }, { name: 'set', args: ['id', 'u-1'] }])
  })
})

describe('a value to hash, in caller data, is data', () => {
  it('only a blocklisted property is hashed; a caller `{ $sha256 }` or `{ sha256 }` is sent as it is', async () => {
    const analytics = await allSeven()
    const ctx = await analytics.track('Clicked', { member: 'M-1', note: { $sha256: 'a secret' }, other: { sha256: 'also data' } })
    expect(destinationFailures(ctx)).toEqual([])
    const sent = w.fbq.queue.map((a: IArguments) => Array.from(a)).find((a: unknown[]) => a[2] === 'Clicked')[3]
    expect(sent.member).toMatch(/^[0-9a-f]{64}$/)
    expect(sent.note).toEqual({ $sha256: 'a secret' })
    expect(sent.other).toEqual({ sha256: 'also data' })
  })
})

describe('the call runner interprets only descriptors that translate() built', () => {
  const vendor = () => {
    const log: unknown[][] = []
    const built: string[] = []
    class Thing {
      constructor() {
        built.push('Thing')
      }
      set() {
        return this
      }
    }
    return { log, built, root: { vendor: { f: (...args: unknown[]) => log.push(args), Thing } } }
  }

  it('a plain object shaped like a call is refused, and nothing is called', () => {
    const v = vendor()
    const errors = runCalls([{ fn: 'vendor.f', args: [1] } as VendorCall, { ...call('vendor.f', 2) }], v.root)
    expect(errors.map(String)).toEqual(['TypeError: not a vendor call built by call()', 'TypeError: not a vendor call built by call()'])
    expect(v.log).toEqual([])
  })

  it('objects shaped like constructs (old and new keys, copies, proxies) reach the vendor as they are', () => {
    const v = vendor()
    const copy = { ...construct('vendor.Thing', [['set', 1]]) }
    const touched: PropertyKey[] = []
    const proxy = new Proxy({}, { get: (_t, k) => (touched.push(k), 'new'), has: (_t, k) => (touched.push(k), true) })
    const args = [{ $new: 'vendor.Thing', ops: [] }, { ctor: 'vendor.Thing', ops: [['set', 1]] }, copy, proxy]
    expect(runCalls([call('vendor.f', ...args)], v.root)).toEqual([])
    expect(touched).toEqual([])
    expect(v.log).toHaveLength(1)
    v.log[0].forEach((got, i) => expect(got).toBe(args[i]))
    expect(v.built).toEqual([])
  })

  it('descriptors are frozen: a later change cannot redirect a call', () => {
    const c = call('vendor.f', 1)
    expect(Object.isFrozen(c)).toBe(true)
    expect(() => ((c as any).fn = 'vendor.Thing')).toThrow(TypeError)
  })
})

/** Keys that name members of Object.prototype (or the prototype itself). */
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf']
/** Own properties, as JSON.parse makes them (an object literal would set the prototype for `__proto__`). */
const withKey = (key: string, value: unknown = 'v') => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`)

describe('keys that name Object.prototype members are keys like any other', () => {
  afterEach(() => {
    expect(({} as any).v).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
  })

  it.each(ODD_KEYS)('event name %s reaches every vendor as that name', async (name) => {
    const analytics = await allSeven()
    const { result: ctx, reached } = await trapCode(() => analytics.track(name, { revenue: 5 }))
    expect(reached).toEqual([])
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(destinationFailures(ctx)).toEqual([])
    const queues = vendorQueues()
    const quoted = JSON.stringify(name)
    expect(queues['dataLayer (GA4, GTM)']).toContain(`"event",${quoted}`)
    expect(queues['dataLayer (GA4, GTM)']).toContain(`"event":${quoted}`)
    expect(queues.fbq).toContain(`"trackSingleCustom","42",${quoted}`)
    expect(queues.mixpanel).toContain(`"track",${quoted}`)
    expect(queues.amplitude).toContain(`"name":"track","args":[${quoted}`)
    expect(queues.hj).toContain(`"event",${quoted}`)
    expect(queues.posthog).toContain(`"capture",${quoted}`)
    for (const [vendor, queue] of Object.entries(queues)) expect(queue, vendor).not.toContain('[native code]')
  })

  it.each(ODD_KEYS.filter((k) => k !== '__proto__'))('property key %s reaches every vendor as a key', async (key) => {
    const analytics = await allSeven()
    const { result: ctx, reached } = await trapCode(() => analytics.track('Clicked', { ...withKey(key), plan: 'pro' }))
    expect(reached).toEqual([])
    expect(destinationFailures(ctx)).toEqual([])
    const pair = `${JSON.stringify(key)}:"v"`
    for (const [vendor, queue] of Object.entries(vendorQueues())) {
      if (vendor !== 'hj') expect(queue, vendor).toContain(pair) // Hotjar events carry no properties
      expect(queue, vendor).not.toContain('[native code]')
    }
  })

  it.each(ODD_KEYS.filter((k) => k !== '__proto__'))('trait key %s: Mixpanel People and every other vendor get it as a key', async (key) => {
    const analytics = await allSeven()
    const { result: ctx, reached } = await trapCode(() => analytics.identify('u-1', { ...withKey(key), plan: 'pro' }))
    expect(reached).toEqual([])
    expect(destinationFailures(ctx)).toEqual([])
    const queues = vendorQueues()
    expect(queues.mixpanel).toContain(`"people.set",{${JSON.stringify(key)}:"v","plan":"pro","id":"u-1"}`)
    expect(queues.amplitude).toContain(`{"name":"set","args":[${JSON.stringify(key)},"v"]}`)
    expect(queues.hj).toContain(`"identify","u-1",{${JSON.stringify(key)}:"v","plan":"pro"}`)
    for (const [vendor, queue] of Object.entries(queues)) expect(queue, vendor).not.toContain('[native code]')
  })

  it('a __proto__ key in properties, traits, context and options neither throws, pollutes nor runs anything', async () => {
    const analytics = await allSeven()
    const proto = () => withKey('__proto__', { polluted: 1, $new: 'Function', ops: [['constructor', 'window.__pwned = 1']] })
    const { result: contexts, reached } = await trapCode(() =>
      Promise.all([
        analytics.track('Clicked', proto(), { context: proto(), integrations: proto(), ...proto() }),
        analytics.identify('u-1', proto()),
        analytics.group('g-1', proto()),
        analytics.page('Docs', 'Install', proto()),
      ]),
    )
    expect(reached).toEqual([])
    expect(w.__pwned).toBeUndefined()
    for (const ctx of contexts) expect(destinationFailures(ctx)).toEqual([])
    expect(vendorQueues().posthog).toContain('"capture","Clicked"')
  })
})

describe('values are never converted through their own toString or valueOf keys', () => {
  const tricky = () => JSON.parse('{"toString": {"$new": "Function"}, "valueOf": "x"}')

  it.each([
    ['page properties name and category', (a: Analytics) => a.page({ name: tricky(), category: tricky() })],
    ['an E-commerce currency, price and product id', (a: Analytics) => a.track('Product Added', { currency: tricky(), price: tricky(), product_id: tricky(), category: tricky() })],
    ['traits Facebook matches on', (a: Analytics) => a.identify('u-1', { email: tricky(), phone: tricky(), lastName: [tricky()], address: { city: tricky() } })],
    ['a property Facebook hashes', (a: Analytics) => a.track('Clicked', { member: tricky() })],
  ])('%s', async (_label, send) => {
    const analytics = await allSeven()
    const { result: ctx, reached } = await trapCode(() => send(analytics) as Promise<Context>)
    expect(reached).toEqual([])
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(destinationFailures(ctx)).toEqual([])
  })
})

describe('analytics.push and buffered calls dispatch only to public methods', () => {
  const HOSTILE: unknown[][] = [
    ['constructor'],
    ['constructor', 'window.__pwned = 1'],
    ['__proto__'],
    ['__proto__', { track: 1 }],
    ['toString'],
    ['hasOwnProperty', 'track'],
    ['valueOf'],
    ['__defineGetter__', 'track', 'x'],
    ['__lookupGetter__', 'track'],
    ['isPrototypeOf', {}],
    ['prototype'],
    ['_user'],
    ['stop_'],
    ['storage'],
    [''],
    [42],
    [null],
    [{ toString: 'track' }],
    ['no such method'],
  ]

  it.each(HOSTILE.map((args) => [JSON.stringify(args), args]))('push(%s) does nothing and does not throw', async (_label, args) => {
    const analytics = await allSeven()
    const track = analytics.track
    const { reached } = await trapCode(async () => analytics.push(args))
    expect(reached).toEqual([])
    expect(w.__pwned).toBeUndefined()
    expect(analytics.track).toBe(track)
    // The instance still works: a later push is delivered.
    analytics.push(['track', 'After'])
    await vi.waitFor(() => expect(vendorQueues().posthog).toContain('"capture","After"'))
  })

  it('push of a public method still works, with its arguments as data', async () => {
    const analytics = await allSeven()
    analytics.push(['track', 'Pushed', PAYLOAD])
    await vi.waitFor(() => expect(vendorQueues().posthog).toContain(`"capture","Pushed",{${AS_DATA}}`))
    expect(w.__pwned).toBeUndefined()
  })

  it('snippet-buffered calls with these names are replayed as nothing, and the calls around them run', async () => {
    const analytics = await allSeven()
    const stub = [['track', 'Before'], ...HOSTILE, ['track', 'After']]
    const buffer = new PreloadBuffer(() => stub.splice(0))
    const calls = buffer.take(() => true)
    const { result, reached } = await trapCode(() => Promise.all(calls.map((c) => replayCall(analytics, c))))
    expect(reached).toEqual([])
    expect(result.slice(1, -1)).toEqual(calls.slice(1, -1).map(() => undefined))
    expect(console.warn).not.toHaveBeenCalled()
    expect(vendorQueues().posthog).toContain('"capture","Before"')
    expect(vendorQueues().posthog).toContain('"capture","After"')
  })

  it.each(ODD_KEYS)('listeners for an event named %s are kept and called', async (name) => {
    const analytics = await allSeven()
    const got: unknown[] = []
    expect(() => analytics.on(name, (x: unknown) => got.push(x))).not.toThrow()
    analytics.emit(name, 1)
    analytics.once(name, (x: unknown) => got.push(x))
    analytics.emit(name, 2)
    analytics.off(name)
    analytics.emit(name, 3)
    expect(got).toEqual([1, 2, 2])
  })
})

describe('the shared value helpers read and write own keys only', () => {
  it.each(ODD_KEYS)('%s as a name to look up is not found', (key) => {
    expect(v2Name(key)).toBe(key)
    expect(ga4Ecommerce(key, { name: 'purchase', params: {} })).toBeUndefined()
    expect(mapped({ 'Signed Up': 'CompleteRegistration' }, key)).toEqual([])
    expect(getPath({ context: {} }, `context.${key}`)).toBeUndefined()
    expect(getPath({}, `${key}.${key}`)).toBeUndefined()
  })

  it('a __proto__ key stays an own key through compact, omit and isoDates, and no prototype changes', () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}')
    for (const out of [compact(input), omit(input, ['b']), isoDates(input)]) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
      expect(Object.keys(out)).toEqual(['__proto__', 'a'])
      expect((out as any).polluted).toBeUndefined()
      expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":1},"a":1}')
    }
  })

  it('inherited members, even of a polluted prototype, are not data', () => {
    const props = Object.create({ inherited: 'x' })
    props.own = 1
    expect(compact(props)).toEqual({ own: 1 })
    expect(Object.keys(omit(props, []))).toEqual(['own'])
  })
})
