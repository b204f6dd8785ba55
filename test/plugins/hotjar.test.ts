// Golden table: spec message → the exact hj() calls Segment's classic Hotjar integration makes
// (analytics.js-integrations, integrations/hotjar/lib/index.js), with a source note per row.
import { describe, expect, it } from 'vitest'
import { siteId, translate } from '../../plugins/hotjar/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, alias, group, identify, page, track } from './fixtures'

const hj = (...args: unknown[]): VendorCall => ({ fn: 'hj', args })
const SRC = 'analytics.js-integrations hotjar'
const EVENT = `${SRC} track(): hj('event', track.event(), …); Switchboard leaves out the properties Hotjar ignores`

type Row = [name: string, msg: SegmentEvent, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}: the name only`, track(event, ECOMMERCE[event]), [hj('event', event)], EVENT]),
  ['non-ASCII event names unchanged', track('Añadir al carrito', { sku: 'x' }), [hj('event', 'Añadir al carrito')], EVENT],
  ['カートに追加', track('カートに追加'), [hj('event', 'カートに追加')], EVENT],
  ['punctuation unchanged', track('Played "Video" <b>', { a: 1 }), [hj('event', 'Played "Video" <b>')], EVENT],
  ['an empty event name → nothing', track(''), [], `${SRC} track(): 'event name is required'`],
  [
    'identify: user id and attributes (id dropped; Switchboard: only scalars, Dates as ISO strings)',
    identify('user-42', { id: 'user-42', email: 'j@x.io', plan: 'pro', seats: 3, admin: true, created: new Date('2020-01-01T00:00:00Z'), since: '2020-01-01', address: { city: 'Paris' }, tags: ['a'], gone: null }),
    [hj('identify', 'user-42', { email: 'j@x.io', plan: 'pro', seats: 3, admin: true, created: '2020-01-01T00:00:00.000Z', since: '2020-01-01' })],
    `${SRC} identify(): hj('identify', userId, traits without id)`,
  ],
  ['identify without a user id → nothing', identify(null, { plan: 'pro' }), [], `${SRC} identify(): 'user id is required'`],
  ['page with category and name → nothing (the script records page views)', page('Docs', 'Index'), [], `${SRC}: no page()`],
  ['page without category → nothing', page(undefined, 'Pricing'), [], `${SRC}: no page()`],
  ['group → nothing', group('g-1'), [], `${SRC}: no group()`],
  ['alias → nothing', alias('user-42', 'anon'), [], `${SRC}: no alias()`],
]

describe('Hotjar: golden table (Segment classic Hotjar)', () => {
  it.each(ROWS)('%s', (_name, msg, calls, source) => {
    expect(source).toMatch(/^analytics\.js-integrations hotjar/)
    expect(translate(msg)).toEqual(calls)
  })

  it('hjid must be a non-zero number (analytics.js-integrations hotjar initialize(): areOptionsValid)', () => {
    expect(siteId({ hjid: '123456' })).toBe(123456)
    expect(siteId({ hjid: 0 })).toBeUndefined()
    expect(siteId({ hjid: 'abc' })).toBeUndefined()
  })
})
