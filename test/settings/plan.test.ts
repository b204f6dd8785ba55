import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Context } from '../../src/core/context'
import { planIntegrations, schemaFilter, trackPlan } from '../../src/settings'

const trackEvent = (event: string, integrations: Record<string, unknown> = {}) =>
  new Context({ type: 'track', event, messageId: 'm', timestamp: 't', context: {}, integrations: integrations as never })

describe('plan.track', () => {
  const plan = {
    Blocked: { enabled: false },
    Routed: { enabled: true, integrations: { Mixpanel: false } },
    Allowed: { enabled: true },
  }

  it('sends a disabled event to Segment.io only', () => {
    expect(planIntegrations(plan, 'Blocked', { Hotjar: true })).toEqual({ Hotjar: true, All: false, 'Segment.io': true })
  })

  it('merges the plan integrations of an enabled event', () => {
    expect(planIntegrations(plan, 'Routed', { Amplitude: true })).toEqual({ Amplitude: true, Mixpanel: false })
    expect(planIntegrations(plan, 'Allowed', {})).toEqual({})
  })

  it('uses __default for events the plan does not list', () => {
    expect(planIntegrations({ __default: { enabled: false } }, 'Unlisted', {})).toEqual({ All: false, 'Segment.io': true })
    expect(planIntegrations({ __default: { enabled: false }, Listed: { enabled: true } }, 'Listed', {})).toEqual({})
    expect(planIntegrations({}, 'Unlisted', {})).toEqual({})
    // Object.prototype names are not plan entries.
    expect(planIntegrations({ __default: { enabled: false } }, 'toString', {})).toEqual({ All: false, 'Segment.io': true })
  })

  it('a plan entry naming a remote plugin turns it off', () => {
    const p = { E: { enabled: true, integrations: { 'Actions Amplitude': false } } }
    expect(planIntegrations(p, 'E', {})).toEqual({ 'Actions Amplitude': false })
  })

  it('is applied by a before plugin', () => {
    const filter = schemaFilter(plan)
    expect(filter.type).toBe('before')
    const ctx = trackEvent('Blocked')
    filter.track!(ctx)
    expect(ctx.event.integrations).toEqual({ All: false, 'Segment.io': true })
  })

  it('takes the load option plan over the CDN plan, and ignores an empty plan', () => {
    const cdn = { integrations: {}, plan: { track: { A: { enabled: false } } } }
    expect(trackPlan(cdn, undefined)).toEqual({ A: { enabled: false } })
    expect(trackPlan(cdn, { track: { B: { enabled: false } } })).toEqual({ B: { enabled: false } })
    expect(trackPlan({ integrations: {}, plan: { track: {} } }, undefined)).toBeUndefined()
  })

  it('ignores a plan that changes no event, such as the default every Segment source has', () => {
    const withPlan = (track: Record<string, unknown>) => trackPlan({ integrations: {}, plan: { track: track as never } }, undefined)
    // The CDN's default for every source (Segment's settings endpoint).
    expect(withPlan({ __default: { enabled: true, integrations: {} } })).toBeUndefined()
    expect(withPlan({ __default: { enabled: true }, Listed: { enabled: true, integrations: {} } })).toBeUndefined()
    // Any rule at all keeps the plan.
    const rules = [
      { __default: { enabled: false } },
      { __default: { enabled: true, integrations: {} }, Blocked: { enabled: false } },
      { __default: { enabled: true }, Routed: { enabled: true, integrations: { Mixpanel: false } } },
      { Unlisted: { enabled: true }, __default: { enabled: false, integrations: {} } },
    ]
    for (const track of rules) expect(withPlan(track)).toEqual(track)
  })

  it('keeps a plan exactly when some event name gets different integrations from it (property)', () => {
    const integrations = fc.option(fc.dictionary(fc.constantFrom('Mixpanel', 'Amplitude'), fc.boolean()), { nil: undefined })
    const entry = fc.record({ enabled: fc.boolean(), integrations }, { requiredKeys: ['enabled'] })
    const plans = fc.dictionary(fc.constantFrom('__default', 'A', 'B', 'C'), entry)
    fc.assert(
      fc.property(plans, (track) => {
        // '__default' is also an event name: the plan's entry applies to an event called that (and only to it).
        const changes = ['__default', 'A', 'B', 'C', 'Unlisted'].some((name) => JSON.stringify(planIntegrations(track, name, {})) !== '{}')
        expect(trackPlan({ integrations: {}, plan: { track } }, undefined) !== undefined).toBe(changes)
      }),
    )
  })
})
