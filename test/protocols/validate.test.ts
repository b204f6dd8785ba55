import { describe, expect, it } from 'vitest'
import { normalizePlan } from '../../src/protocols/plan'
import { checkEvent } from '../../src/protocols/validate'
import type { SegmentEvent } from '../../src/core/types'
import { publicApiRules } from './fixtures'

const rules = normalizePlan(publicApiRules)
const track = (properties: Record<string, unknown>, extra: Partial<SegmentEvent> = {}): SegmentEvent =>
  ({ type: 'track', event: 'Order Completed', messageId: 'm1', properties, context: { locale: 'en-US' }, ...extra }) as SegmentEvent
const good = { order_id: 'o-1', total: 30 }

const kinds = (e: SegmentEvent) => checkEvent(rules, e).violations.map((v) => [v.violationType, v.violationField])

describe('violations in Segment’s vocabulary, one per problem', () => {
  it.each<[string, SegmentEvent, [string, string][]]>([
    ['a valid event has none', track(good), []],
    ['Required: a missing required property', track({ total: 30 }), [['Required', 'properties.order_id']]],
    ['Type: a wrong type', track({ ...good, total: '30' }), [['Type', 'properties.total']]],
    ['Enum: a value outside the list', track({ ...good, currency: 'GBP' }), [['Enum', 'properties.currency']]],
    ['Pattern: a string that does not match', track({ ...good, coupon: 'lower' }), [['Pattern', 'properties.coupon']]],
    ['Unplanned Event: a track event the plan does not list', track(good, { event: 'Order Complete' }), [['Unplanned Event', 'event']]],
    ['Unplanned Property: a property the rule does not list', track({ ...good, note: 'x' }), [['Unplanned Property', 'properties.note']]],
    ['COMMON applies to every event', track(good, { context: { locale: 'english' } }), [['Pattern', 'context.locale']]],
    ['identify rules check traits', { type: 'identify', messageId: 'm', traits: { plan: 'gold' } } as SegmentEvent, [['Enum', 'traits.plan']]],
    ['several at once', track({ total: 'x', currency: 'GBP' }), [['Required', 'properties.order_id'], ['Type', 'properties.total'], ['Enum', 'properties.currency']]],
  ])('%s', (_, event, expected) => {
    expect(kinds(event)).toEqual(expected)
  })

  it('the version in context.protocols.event_version picks the rule: v2 requires subtotal', () => {
    const v2 = track(good, { context: { locale: 'en-US', protocols: { event_version: 2 } } as never })
    expect(kinds(v2)).toEqual([['Required', 'properties.subtotal']])
    expect(kinds(track(good))).toEqual([])
  })

  it('additionalProperties: false reports the property as unplanned, once', () => {
    const strict = normalizePlan([{ type: 'TRACK', key: 'E', version: 1, jsonSchema: { properties: { properties: { properties: { a: {} }, additionalProperties: false } } } }])
    const result = checkEvent(strict, { type: 'track', event: 'E', messageId: 'm', properties: { a: 1, b: 2 } } as SegmentEvent)
    expect(result.violations.map((v) => [v.violationType, v.violationField])).toEqual([['Unplanned Property', 'properties.b']])
    expect(result.unplannedNames).toEqual(['b'])
  })

  it('other keywords are Invalid, and anyOf reports itself, not each branch', () => {
    const r = normalizePlan([
      { type: 'TRACK', key: 'E', version: 1, jsonSchema: { properties: { properties: { properties: { n: { minimum: 5 }, u: { anyOf: [{ type: 'string' }, { type: 'null' }] } } } } } },
    ])
    const result = checkEvent(r, { type: 'track', event: 'E', messageId: 'm', properties: { n: 1, u: 3 } } as SegmentEvent)
    expect(result.violations.map((v) => [v.violationType, v.violationField])).toEqual([
      ['Invalid', 'properties.n'],
      ['Invalid', 'properties.u'],
    ])
  })

  it('descriptions name the field and never the offending value', () => {
    const result = checkEvent(rules, track({ order_id: 'secret-value-1', total: 'secret-value-2', currency: 'secret-value-3', coupon: 'secret-value-4' }))
    expect(result.violations.length).toBe(3)
    for (const v of result.violations) {
      expect(JSON.stringify(v)).not.toContain('secret-value')
      expect(v.violationDescription).toContain(v.violationField)
      expect(v).toMatchObject({ eventType: 'track', eventName: 'Order Completed', ruleType: 'TRACK' })
    }
  })

  it('Dates are checked as the ISO strings the wire carries', () => {
    const r = normalizePlan([{ type: 'TRACK', key: 'E', version: 1, jsonSchema: { properties: { properties: { properties: { at: { type: 'string' } } } } } }])
    expect(checkEvent(r, { type: 'track', event: 'E', messageId: 'm', properties: { at: new Date(0) } } as SegmentEvent).violations).toEqual([])
  })

  it('field paths decode JSON Pointer escapes: a key with / and ~ and spaces', () => {
    const r = normalizePlan([{ type: 'TRACK', key: 'E', version: 1, jsonSchema: { properties: { properties: { properties: { 'a/b ~c': { type: 'string' } } } } } }])
    const [v] = checkEvent(r, { type: 'track', event: 'E', messageId: 'm', properties: { 'a/b ~c': 1 } } as SegmentEvent).violations
    expect(v.violationField).toBe('properties.a/b ~c')
  })

  it('page, screen, group and alias without a rule of their type are not unplanned events', () => {
    for (const type of ['page', 'screen', 'group', 'alias'] as const) {
      expect(checkEvent(rules, { type, messageId: 'm', context: { locale: 'en-US' } } as SegmentEvent).unplanned).toBe(false)
    }
  })
})
