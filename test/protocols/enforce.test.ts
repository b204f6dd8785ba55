import { describe, expect, it } from 'vitest'
import { normalizePlan } from '../../src/protocols/plan'
import { checkEvent } from '../../src/protocols/validate'
import { enforce, enforcementFor } from '../../src/protocols/enforce'
import type { ProtocolsOptions } from '../../src/protocols/types'
import type { SegmentEvent } from '../../src/core/types'
import { publicApiRules } from './fixtures'

const rules = normalizePlan(publicApiRules)
const event = (name: string, properties: Record<string, unknown>) => ({ type: 'track', event: name, messageId: 'm', properties }) as SegmentEvent
const unplanned = event('Coupon Applied', { code: 'X' })
const extra = event('Order Completed', { order_id: 'o', total: 1, note: 'n' })
const broken = event('Order Completed', { order_id: 'o', total: 'one', currency: 'USD' })

/** What one destination receives: 'blocked', or its properties. */
const receive = (e: SegmentEvent, options: Omit<ProtocolsOptions, 'plan'>, destination = 'Any') => {
  const out = enforce(e, checkEvent(rules, e), enforcementFor({ plan: null, ...options }, destination))
  return out ? out.properties : 'blocked'
}

describe('enforcement options as Segment’s schema configuration names them', () => {
  it.each<[string, SegmentEvent, Omit<ProtocolsOptions, 'plan'>, unknown]>([
    ['unplanned events: allow (default)', unplanned, {}, { code: 'X' }],
    ['unplanned events: block', unplanned, { unplannedEvents: 'block' }, 'blocked'],
    ['unplanned properties: allow (default)', extra, {}, { order_id: 'o', total: 1, note: 'n' }],
    ['unplanned properties: omit', extra, { unplannedProperties: 'omit' }, { order_id: 'o', total: 1 }],
    ['violations: allow (default)', broken, {}, { order_id: 'o', total: 'one', currency: 'USD' }],
    ['violations: omit drops the offending property', broken, { violations: 'omit' }, { order_id: 'o', currency: 'USD' }],
    ['violations: block', broken, { violations: 'block' }, 'blocked'],
    ['violations: block lets a valid event through', extra, { violations: 'block' }, { order_id: 'o', total: 1, note: 'n' }],
    ['unplanned properties are not violations for block', extra, { violations: 'block', unplannedEvents: 'block' }, { order_id: 'o', total: 1, note: 'n' }],
  ])('%s', (_, e, options, expected) => {
    expect(receive(e, options)).toEqual(expected)
  })

  it('a missing required property cannot be omitted: violations: omit sends the rest', () => {
    expect(receive(event('Order Completed', { total: 1, note: 'n' }), { violations: 'omit' })).toEqual({ total: 1, note: 'n' })
  })

  it('per-destination overrides win over the defaults, for each option', () => {
    const options: Omit<ProtocolsOptions, 'plan'> = {
      unplannedEvents: 'block',
      violations: 'block',
      destinations: { 'Segment.io': { unplannedEvents: 'allow', violations: 'allow' }, Mixpanel: { violations: 'omit' }, Amplitude: { unplannedProperties: 'omit' } },
    }
    expect(receive(unplanned, options, 'Segment.io')).toEqual({ code: 'X' })
    expect(receive(unplanned, options, 'Mixpanel')).toBe('blocked')
    expect(receive(broken, options, 'Segment.io')).toEqual({ order_id: 'o', total: 'one', currency: 'USD' })
    expect(receive(broken, options, 'Mixpanel')).toEqual({ order_id: 'o', currency: 'USD' })
    expect(receive(broken, options, 'Google Analytics 4 Web')).toBe('blocked')
    expect(receive(extra, options, 'Amplitude')).toEqual({ order_id: 'o', total: 1 })
  })

  it('a destination named like an Object.prototype member gets the defaults', () => {
    expect(receive(unplanned, { unplannedEvents: 'block' }, 'constructor')).toBe('blocked')
  })

  it('the event is never changed in place: omitting copies', () => {
    const e = event('Order Completed', { order_id: 'o', total: 1, note: 'n' })
    receive(e, { unplannedProperties: 'omit' })
    expect(e.properties).toEqual({ order_id: 'o', total: 1, note: 'n' })
  })

  it('identify: unplanned traits are omitted from traits', () => {
    const e = { type: 'identify', messageId: 'm', traits: { email: 'a@b.co', favourite: 'x' } } as SegmentEvent
    const out = enforce(e, checkEvent(rules, e), enforcementFor({ plan: null, unplannedProperties: 'omit' }, 'X'))
    expect(out?.traits).toEqual({ email: 'a@b.co' })
  })
})
