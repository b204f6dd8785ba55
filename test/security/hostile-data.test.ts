// Hostile data, as a table: one bad or huge event is refused or cut alone, never throws into the
// page (not even later, from a timer), never costs another event its place or its time, and every
// destination gets the same view of it. Classes: one event never costs the others (3), nothing
// throws from a timer (4), normalisation in linear time with one view of the event (5).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Analytics } from '../../src/core/analytics'
import type { Context } from '../../src/core/context'
import { CIRCULAR_MARKER } from '../../src/core/json-safe'
import { recorder, type Recorder } from '../core/helpers'
import { fakeFetch, messages, setup, storedRows, type Sent, type Setup } from '../delivery/helpers'

const LIMIT = /at most 32768/
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms)

let analytics: Analytics
let plugin: Setup['plugin']
let device: Recorder
let sent: Sent[]
let failures: { code: string; reason: string; ctx: Context }[]
const uncaught: unknown[] = []
const onUncaught = (e: unknown) => uncaught.push(e)

async function start(options: Parameters<typeof setup>[1] = {}) {
  ;({ analytics, plugin } = await setup({}, options))
  device = recorder('Device Mode')
  await analytics.register(device)
  analytics.on('delivery_failure', (f) => failures.push(f))
}

beforeEach(async () => {
  localStorage.clear()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  sent = fakeFetch()
  failures = []
  uncaught.length = 0
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onUncaught)
  await start()
})
afterEach(() => {
  plugin.unload?.(undefined as never, undefined as never)
  process.off('uncaughtException', onUncaught)
  process.off('unhandledRejection', onUncaught)
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const events = (list = messages(sent)) => list.map((m: any) => m.event)
const deviceEvents = () => device.events.map((c) => c.event.event)

/** A diamond of shared sub-objects, `depth` levels deep (2^depth paths), counting every read of an edge. */
function diamond(depth: number, counter: { reads: number }) {
  let node: object = { leaf: 'x' }
  for (let i = 0; i < depth; i++) {
    const child = node
    node = {}
    for (const key of ['a', 'b']) Object.defineProperty(node, key, { enumerable: true, get: () => (counter.reads++, child) })
  }
  return node
}

/** An array behind a Proxy that counts every element read. */
function countedArray(list: unknown[], counter: { reads: number }) {
  return new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++
      return Reflect.get(target, key, receiver)
    },
  })
}

describe('3. one event never costs the others', () => {
  it('five normal events then one with a 17 MB property: the big one is refused at the call, the five leave on time', async () => {
    for (let i = 0; i < 5; i++) void analytics.track(`Normal ${i}`, { i })
    const big = analytics.track('Huge', { blob: 'x'.repeat(17 * 1024 * 1024) })
    const ctx = await big
    expect(String(ctx.failedDelivery()?.reason)).toMatch(LIMIT)
    expect(failures).toEqual([expect.objectContaining({ code: 'delivery_failure', ctx })])
    expect(plugin.stats).toMatchObject({ accepted: 6, oversize: 1, dropped: 1, overflow: 0 })
    // Never stored, never handed to a destination.
    expect(storedRows().map((r) => r[3]?.event)).toEqual(['Normal 0', 'Normal 1', 'Normal 2', 'Normal 3', 'Normal 4'])
    expect(deviceEvents()).not.toContain('Huge')
    await tick(1000) // the flush interval: not one millisecond later because of the big one
    expect(events()).toEqual(['Normal 0', 'Normal 1', 'Normal 2', 'Normal 3', 'Normal 4'])
    expect(uncaught).toEqual([])
  })

  it('the big one first: the events after it are not held up', async () => {
    const big = analytics.track('Huge', { list: Array.from({ length: 5000 }, (_, i) => ({ i, text: 'lorem ipsum dolor' })) })
    void analytics.track('After')
    expect(String((await big).failedDelivery()?.reason)).toMatch(LIMIT)
    await tick(1000)
    expect(events()).toEqual(['After'])
  })

  it('an event a source middleware pushes over the limit is dropped at the Segment.io stage, with the reason, and alone', async () => {
    await analytics.addSourceMiddleware(({ payload, next }) => {
      if (payload.obj.event === 'Inflated') payload.obj.properties = { blob: 'y'.repeat(40 * 1024) }
      next(payload)
    })
    const inflated = analytics.track('Inflated')
    void analytics.track('Fine')
    await tick(1000)
    expect(events()).toEqual(['Fine'])
    expect(String((await inflated).failedDelivery()?.reason)).toMatch(LIMIT)
    expect(plugin.stats).toMatchObject({ oversize: 1, dropped: 1 })
  })

  it('outbox bounds evict the oldest, and only as many as the bound requires', async () => {
    plugin.unload?.(undefined as never, undefined as never)
    await start({ delivery: { maxEvents: 3 } })
    vi.stubGlobal('navigator', { onLine: false, userAgent: 'test' })
    for (let i = 0; i < 5; i++) void analytics.track(`E${i}`)
    await tick(2000)
    expect(plugin.stats).toMatchObject({ overflow: 2, dropped: 2 })
    expect(failures.map((f) => f.ctx.event.event)).toEqual(['E0', 'E1'])
    expect(storedRows().map((r) => r[3].event)).toEqual(['E2', 'E3', 'E4'])
  })
})

describe('4. nothing throws from a timer', () => {
  const middleware: [string, 'dropped' | 'sent', (obj: any) => void][] = [
    ['adds a circular reference', 'dropped', (obj) => (obj.properties.self = obj)],
    ['adds a BigInt', 'dropped', (obj) => (obj.properties.big = 10n ** 20n)],
    ['adds a Symbol and a function (JSON leaves them out)', 'sent', (obj) => Object.assign(obj.properties, { s: Symbol('s'), f: () => 1 })],
    ['makes the context circular', 'dropped', (obj) => (obj.context.loop = obj.context)],
  ]

  it.each(middleware)('a source middleware that %s: that event alone is %s, delivery goes on', async (_label, fate, mutate) => {
    await analytics.addSourceMiddleware(({ payload, next }) => {
      if (payload.obj.event === 'Bad') mutate(payload.obj)
      next(payload)
    })
    void analytics.track('Before')
    const bad = analytics.track('Bad', { n: 1 })
    void analytics.track('After')
    await tick(1500)
    void analytics.track('Later') // the page keeps delivering, no reload needed
    await tick(1500)
    expect(uncaught).toEqual([])
    if (fate === 'dropped') {
      expect(events()).toEqual(['Before', 'After', 'Later'])
      expect(String((await bad).failedDelivery()?.reason)).toMatch(/cannot be serialised/)
      expect(plugin.stats).toMatchObject({ unserializable: 1, dropped: 1 })
      expect(failures).toHaveLength(1)
    } else {
      expect(events()).toEqual(['Before', 'Bad', 'After', 'Later'])
      expect(messages(sent)[1].properties).toEqual({ n: 1 })
    }
    await tick(2000) // acknowledged events leave storage on the next lazy write
    expect(storedRows()).toEqual([])
  })

  it('an event made circular while a slow middleware holds it: the outbox rewrite drops it alone; leaving sends the rest', async () => {
    let release!: () => void
    await analytics.addSourceMiddleware(async ({ payload, next }) => {
      if (payload.obj.event === 'Stuck') {
        payload.obj.properties.self = payload.obj
        await new Promise<void>((r) => (release = r))
      }
      next(payload)
    })
    void analytics.track('First')
    void analytics.track('Stuck')
    void analytics.track('Third') // waits behind Stuck in the pipeline, stored as accepted
    await tick(3000) // First delivered: the segment it shared with Stuck and Third is rewritten
    expect(events()).toEqual(['First'])
    expect(plugin.stats).toMatchObject({ unserializable: 1 })
    expect(storedRows().map((r) => r[3].event)).toEqual(['Third'])
    window.dispatchEvent(new Event('pagehide')) // leaving: Third goes as accepted
    await tick(100)
    expect(events()).toEqual(['First', 'Third'])
    expect(sent.at(-1)!.keepalive).toBe(true)
    release()
    await tick(1500)
    expect(events()).toEqual(['First', 'Third'])
    expect(uncaught).toEqual([])
  })

  it('the same, when the page is left before any rewrite: the page-hide flush drops it alone', async () => {
    await analytics.addSourceMiddleware(async ({ payload, next }) => {
      if (payload.obj.event === 'Stuck') {
        payload.obj.properties.self = payload.obj
        await new Promise(() => {})
      }
      next(payload)
    })
    void analytics.track('Stuck')
    void analytics.track('Second')
    await tick(0)
    window.dispatchEvent(new Event('pagehide'))
    await tick(100)
    expect(uncaught).toEqual([])
    expect(events()).toEqual(['Second'])
    expect(plugin.stats).toMatchObject({ unserializable: 1, dropped: 1 })
  })

  it('a device-mode plugin that makes the event circular after Segment.io serialised it: the batch still goes, as serialised', async () => {
    await analytics.register({
      ...recorder('Mutating Plugin'),
      track: async (ctx: Context) => {
        await Promise.resolve()
        ;(ctx.event.properties as any).self = ctx.event
        return ctx
      },
    })
    void analytics.track('A', { n: 1 })
    void analytics.track('B', { n: 2 })
    await tick(1500)
    expect(uncaught).toEqual([])
    expect(messages(sent).map((m: any) => [m.event, m.properties])).toEqual([
      ['A', { n: 1 }],
      ['B', { n: 2 }],
    ])
  })

  it('identify with circular and BigInt traits: what is stored with the user is JSON, and the event goes', async () => {
    const traits: any = { name: 'Ada', id: 7n }
    traits.self = traits
    const ctx = await analytics.identify('u-1', traits)
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(JSON.parse(localStorage.getItem('ajs_user_traits')!)).toEqual({ name: 'Ada', id: '7', self: CIRCULAR_MARKER })
    await tick(1500)
    expect(messages(sent)[0]).toMatchObject({ type: 'identify', userId: 'u-1', traits: { name: 'Ada', id: '7', self: CIRCULAR_MARKER } })
    expect(uncaught).toEqual([])
  })
})

describe('5. normalisation: linear time, one view of the event', () => {
  it('shared sub-objects 25 levels deep (33 million paths): refused after reading no more than the limit allows', async () => {
    const counter = { reads: 0 }
    const started = performance.now()
    const ctx = await analytics.track('Diamond', { tree: diamond(25, counter) })
    expect(String(ctx.failedDelivery()?.reason)).toMatch(LIMIT)
    expect(counter.reads).toBeLessThan(40_000)
    expect(performance.now() - started).toBeLessThan(2000) // backstop only; the read count is the measure
  })

  it('shared sub-objects that fit are copied in full, each occurrence as the API will see it', async () => {
    const counter = { reads: 0 }
    const tree = diamond(6, counter)
    await analytics.track('Small Diamond', { tree })
    await tick(1500)
    expect(messages(sent)[0].properties).toEqual({ tree: JSON.parse(JSON.stringify(tree)) })
    expect(device.events[0].event.properties).toEqual({ tree: JSON.parse(JSON.stringify(tree)) })
  })

  it('a sparse a[1e7] = 1: refused at once, not ten million elements', async () => {
    const counter = { reads: 0 }
    const sparse: unknown[] = []
    sparse[1e7] = 1
    const ctx = await analytics.track('Sparse', { list: countedArray(sparse, counter) })
    expect(String(ctx.failedDelivery()?.reason)).toMatch(LIMIT)
    expect(counter.reads).toBeLessThan(40_000)
  })

  it('a small sparse array: holes become null, as JSON has them', async () => {
    const ctx = await analytics.track('Holes', { list: [, 'b', , 'd'] }) // eslint-disable-line no-sparse-arrays
    expect(ctx.event.properties!.list).toEqual([null, 'b', null, 'd'])
  })

  it('an own __proto__ key stays a key: no destination sees revenue the API never got', async () => {
    const props = JSON.parse('{"__proto__": {"revenue": 999999}, "price": 10}')
    await analytics.track('Order Completed', props)
    await tick(1500)
    const seen = device.events[0].event.properties!
    expect(seen.revenue).toBeUndefined()
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(seen, '__proto__')?.value).toEqual({ revenue: 999999 })
    const raw = sent[0].raw
    expect(raw).toContain('"__proto__":{"revenue":999999}')
    expect(JSON.parse(JSON.stringify(seen))).toEqual(JSON.parse(JSON.stringify(messages(sent)[0].properties)))
  })

  /** [label, properties, what every destination gets, a warning the Context carries] */
  const odd = (): [string, Record<string, unknown>, Record<string, unknown>, RegExp][] => {
    const circular: any = { name: 'loop' }
    circular.self = circular
    const throwingGetter = Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: () => { throw new Error('getter') } })
    const proxyKeys = new Proxy({}, { ownKeys: () => { throw new Error('ownKeys') } })
    const proxyGet = new Proxy({ a: 1 }, { get: () => { throw new Error('get') } })
    const selfJSON: any = { v: 1 }
    selfJSON.toJSON = () => selfJSON
    return [
      ['a circular reference', { circular }, { circular: { name: 'loop', self: CIRCULAR_MARKER } }, /self: circular/],
      ['a BigInt', { big: 2n ** 70n }, { big: '1180591620717411303424' }, /BigInt/],
      ['a Symbol and a function', { s: Symbol('s'), f: () => 1, keep: true }, { keep: true }, /dropped/],
      ['NaN and Infinity', { n: NaN, i: -Infinity }, { n: null, i: null }, /not finite/],
      ['a getter that throws (its object is dropped)', { nested: throwingGetter, keep: 1 }, { keep: 1 }, /nested: threw/],
      ['a Proxy whose ownKeys throws', { p: proxyKeys, keep: 1 }, { keep: 1 }, /p: threw/],
      ['a Proxy whose get throws', { p: proxyGet, keep: 1 }, { keep: 1 }, /p: threw/],
      ['a toJSON that throws', { t: { toJSON: () => { throw new Error('toJSON') } }, keep: 1 }, { keep: 1 }, /t: threw/],
      ['a toJSON that returns itself', { t: selfJSON }, { t: CIRCULAR_MARKER }, /circular/],
      ['a toJSON that returns data', { t: { toJSON: () => ({ shown: 1 }) } }, { t: { shown: 1 } }, /^$/],
      ['nesting deeper than 64 levels', { deep: JSON.parse('['.repeat(80) + ']'.repeat(80)) }, {}, /too deep/],
    ]
  }

  it.each(odd())('%s: every destination gets the same JSON-safe data, the Context says why', async (_label, props, expected, warning) => {
    const ctx = await analytics.track('Odd', props)
    void analytics.track('Next')
    await tick(1500)
    expect(uncaught).toEqual([])
    expect(ctx.failedDelivery()).toBeUndefined()
    const forDevice = device.events[0].event.properties!
    if ('deep' in props) {
      expect(JSON.stringify(forDevice.deep)).toBe('['.repeat(64) + 'null' + ']'.repeat(64))
    } else expect(forDevice).toEqual(expected)
    expect(messages(sent)[0].properties).toEqual(JSON.parse(JSON.stringify(forDevice)))
    expect(events()).toEqual(['Odd', 'Next'])
    if (warning.source !== '^$') expect(ctx.logs().map((l) => l.message).join('\n')).toMatch(warning)
  })
})

describe('Dates: plugins get Date objects, the wire gets ISO strings', () => {
  it('a device-mode plugin registered with register() receives the Date the caller passed; the API receives its ISO string', async () => {
    const date = new Date('2026-03-04T05:06:07.089Z')
    await analytics.track('Booked', { date, trip: { start: date } }, { timestamp: date })
    await tick(1500)
    const props = device.events[0].event.properties!
    expect(props.date).toBeInstanceOf(Date)
    expect(props.date.getTime()).toBe(date.getTime())
    expect(props.trip.start).toBeInstanceOf(Date)
    expect(messages(sent)[0]).toMatchObject({ timestamp: '2026-03-04T05:06:07.089Z', properties: { date: '2026-03-04T05:06:07.089Z', trip: { start: '2026-03-04T05:06:07.089Z' } } })
  })

  it('behind destination middleware too', async () => {
    let seen: unknown
    await analytics.addDestinationMiddleware('Device Mode', ({ payload, next }) => {
      seen = payload.obj.properties!.date
      next(payload)
    })
    await analytics.track('Booked', { date: new Date(0) })
    expect(seen).toBeInstanceOf(Date)
    expect(device.events[0].event.properties!.date).toBeInstanceOf(Date)
  })

  it('an invalid Date is null everywhere', async () => {
    const ctx = await analytics.track('Booked', { date: new Date('nope') })
    await tick(1500)
    expect(device.events[0].event.properties).toEqual({ date: null })
    expect(messages(sent)[0].properties).toEqual({ date: null })
    expect(ctx.logs().map((l) => l.message).join()).toMatch(/invalid Date/)
  })
})
