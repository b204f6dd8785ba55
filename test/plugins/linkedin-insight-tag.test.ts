// Golden table: spec message → the exact lintrk calls. Segment's LinkedIn Insight Tag
// (analytics.js-integrations integrations/linkedin-insight-tag/lib/index.js; segment-docs
// catalog/linkedin-insight-tag: "doesn't use any Segment API calls") only loads the tag, which
// records page views itself; the conversions a site maps in `conversions` are Switchboard's.
import { describe, expect, it } from 'vitest'
import { translate, type LinkedInSettings } from '../../plugins/linkedin-insight-tag/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, MESSAGE_ID, alias, group, identify, page, track } from './fixtures'

const SRC = 'analytics.js-integrations linkedin-insight-tag'
const S: LinkedInSettings = { partnerId: '123456' }
/** Switchboard's opt-in mapping: three E-commerce events, one with two conversions. */
const MAPPED: LinkedInSettings = { partnerId: '123456', conversions: { 'Order Completed': ['9001', '9002'], 'Checkout Started': 9003, 'Product Added': 'abc' } }
const conversion = (id: unknown): VendorCall => ({ fn: 'lintrk', args: ['track', { conversion_id: id, event_id: MESSAGE_ID }] })
const NONE = `${SRC}: no track method (Switchboard: nothing unless the event is mapped in conversions)`

/** Every E-commerce v2 event (with MAPPED) → [the exact calls, where it comes from]. */
const ECOMMERCE_CALLS: Record<string, [VendorCall[], string]> = Object.fromEntries(Object.keys(ECOMMERCE).map((event) => [event, [[], NONE]]))
ECOMMERCE_CALLS['Order Completed'] = [[conversion(9001), conversion(9002)], `Switchboard: conversions maps it to two ids → one lintrk('track', { conversion_id, event_id }) each, numeric ids as numbers`]
ECOMMERCE_CALLS['Checkout Started'] = [[conversion(9003)], `Switchboard: conversions (a numeric id given as a number)`]
ECOMMERCE_CALLS['Product Added'] = [[conversion('abc')], `Switchboard: conversions (a non-numeric id stays a string)`]

type Row = [name: string, msg: SegmentEvent, settings: LinkedInSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}`, track(event, ECOMMERCE[event]), MAPPED, ...ECOMMERCE_CALLS[event]]),
  ['without conversions, Order Completed → nothing', track('Order Completed', ECOMMERCE['Order Completed']), S, [], `${SRC}: no track method`],
  ['conversions as [{ key, value }] rows, names matched exactly', track('Signed Up'), { ...S, conversions: [{ key: 'Signed Up', value: '77' }, { key: 'signed up', value: '78' }] }, [conversion(77)], `Switchboard: conversions in the settings CDN's map shape`],
  ['page → nothing (the tag records the page view itself)', page('Docs', 'Index'), MAPPED, [], `${SRC}: no page method; insight.min.js tracks page views`],
  ['identify → nothing', identify('user-42', { email: 'jane@example.com' }), MAPPED, [], `${SRC}: no identify method`],
  ['group → nothing', group('g-1', { name: 'Acme' }), MAPPED, [], `${SRC}: no group method`],
  ['alias → nothing', alias('user-42', 'anon'), MAPPED, [], `${SRC}: no alias method`],
]

describe('LinkedIn Insight Tag: golden table (Segment LinkedIn Insight Tag)', () => {
  it('covers all 28 E-commerce v2 events', () => {
    expect(Object.keys(ECOMMERCE_CALLS).sort()).toEqual(Object.keys(ECOMMERCE).sort())
  })

  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(analytics\.js-integrations linkedin-insight-tag|Switchboard)/)
    expect(translate(msg, s)).toEqual(calls)
  })
})
