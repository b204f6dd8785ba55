import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeAnalytics, recorder, type Recorder } from './helpers'
import type { Analytics } from '../../src/core/analytics'
import { CIRCULAR_MARKER } from '../../src/core/json-safe'

let a: Analytics
let dest: Recorder
let warn: ReturnType<typeof vi.spyOn>
const unhandled: unknown[] = []
const onUnhandled = (e: unknown) => unhandled.push(e)

beforeEach(async () => {
  a = makeAnalytics()
  a.debug(true)
  dest = recorder()
  await a.register(dest)
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  unhandled.length = 0
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  warn.mockRestore()
  process.off('unhandledRejection', onUnhandled)
})

const circular: Record<string, unknown> = { name: 'loop' }
circular.self = circular

/** [label, call, delivered?, what the delivered properties look like, reason substring] */
const rejected: [string, (a: Analytics) => Promise<unknown>, string][] = [
  ['track() with no name', (a) => (a.track as any)(), 'Event missing'],
  ['track(null)', (a) => a.track(null as never), 'Event missing'],
  ['track("")', (a) => a.track(''), 'Event missing'],
  ['track({}) object without event', (a) => a.track({} as never), 'Event missing'],
  ['track(NaN)', (a) => a.track(NaN as never), 'Event missing'],
  ['alias() without id', (a) => (a.alias as any)(), 'Alias missing'],
]

describe('calls that cannot become a message', () => {
  it.each(rejected)('%s resolves with a reason, warns, is not delivered', async (_l, call, reason) => {
    const ctx = (await call(a)) as { failedDelivery(): { reason: string }; logs(): { message: string }[] }
    expect(ctx.failedDelivery().reason).toContain(reason)
    expect(warn.mock.calls.some((c) => String(c[0]).includes(reason))).toBe(true)
    expect(dest.events).toHaveLength(0)
  })
})

const normalised: [string, unknown, unknown, string][] = [
  ['circular reference', circular, { name: 'loop', self: CIRCULAR_MARKER }, 'circular'],
  ['BigInt', { big: BigInt(10) ** BigInt(20) }, { big: '100000000000000000000' }, 'BigInt'],
  ['function and Symbol', { f: () => 1, s: Symbol('x'), keep: 1 }, { keep: 1 }, 'dropped'],
  ['NaN and Infinity', { n: NaN, i: Infinity, ok: 2 }, { n: null, i: null, ok: 2 }, 'finite'],
  ['Date (stays a Date for plugins)', { at: new Date('2024-05-01T00:00:00Z') }, { at: new Date('2024-05-01T00:00:00Z') }, ''],
  ['array with holes of bad values', { list: [1, () => 2, undefined] }, { list: [1, null, null] }, 'dropped'],
]

describe('properties are made JSON-safe', () => {
  it.each(normalised)('%s', async (_l, props, expected, warning) => {
    const ctx = await a.track('Odd', props as Record<string, unknown>)
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(dest.events[0].event.properties).toEqual(expected)
    expect(() => JSON.stringify(dest.events[0].event)).not.toThrow()
    if (warning) expect(ctx.logs().some((l) => l.message.includes(warning))).toBe(true)
  })

  it('properties that are not an object become {}', async () => {
    await a.track('Str', 'not-an-object' as never)
    await a.track('Num', 5 as never)
    expect(dest.events.map((c) => c.event.properties)).toEqual([{}, {}])
  })

  it('a 1 MB properties object is refused with a reason (over the 32 KB a message may have); the next event goes through', async () => {
    const ctx = await a.track('Big', { blob: 'x'.repeat(1024 * 1024) })
    expect(String(ctx.failedDelivery()?.reason)).toMatch(/at most 32768/)
    await a.track('Next', { ok: true })
    expect(dest.events.map((c) => c.event.event)).toEqual(['Next'])
  })

  it('the caller mutating properties afterwards does not change the event', async () => {
    const props = { n: 1 }
    const p = a.track('Copy', props)
    props.n = 2
    await p
    expect(dest.events[0].event.properties).toEqual({ n: 1 })
  })
})

describe('nothing escapes to the host page', () => {
  it('a throwing getter, a plugin whose load throws, and later good events are unaffected', async () => {
    const evil = Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('getter') } })
    await a.register({ ...recorder('BadLoad'), load: () => { throw new Error('load bug') } })
    const ctx = await a.track('Evil', evil)
    expect(ctx.failedDelivery()).toBeUndefined()
    const results = await Promise.all([
      (a.track as any)(),
      a.identify(Symbol('x') as never),
      a.group(() => {}),
      a.page(123 as never, {} as never),
      a.track('Good', { ok: true }),
    ])
    expect(results).toHaveLength(5)
    expect(dest.events.at(-1)!.event).toMatchObject({ event: 'Good', properties: { ok: true } })
    await new Promise((r) => setTimeout(r, 10))
    expect(unhandled).toEqual([])
  })
})
