// The plugin in a real pipeline: checked once after enrichment, enforced per destination,
// Segment.io included; violations on the Context, as 'violation' events and forwarded on request.
// Middleware code comes with the on-demand parts: here they are there, as on a page that loaded extras.js.
import '../../src/extras/standalone'
import { describe, expect, it } from 'vitest'
import { makeAnalytics, recorder } from '../core/helpers'
import { protocols, VIOLATION_EVENT, type ProtocolsOptions, type Violation } from '../../src/protocols'
import type { Plugin } from '../../src/core/plugin'
import type { Context } from '../../src/core/context'
import { publicApiRules } from './fixtures'

async function setup(options: Omit<ProtocolsOptions, 'plan'>) {
  const a = makeAnalytics()
  const segment = recorder('Segment.io')
  const pixel = recorder('Facebook Pixel')
  const ga4 = recorder('Google Analytics 4 Web')
  const violations: [Violation, Context][] = []
  a.on('violation', (v: Violation, ctx: Context) => violations.push([v, ctx]))
  // Enrichment runs before the check: the COMMON rule sees the locale it adds.
  const enrich: Plugin = { name: 'env', type: 'enrichment', isLoaded: () => true, load: () => undefined, track: (ctx) => (ctx.updateEvent('context.locale', 'en-US'), ctx) }
  await a.register(protocols({ plan: publicApiRules, ...options }), enrich, segment, pixel, ga4)
  return { a, segment, pixel, ga4, violations }
}

describe('protocols(): a before plugin for every destination', () => {
  it('an unplanned event blocked reaches no destination, Segment.io included, and says why on its Context', async () => {
    const { a, segment, pixel, ga4, violations } = await setup({ unplannedEvents: 'block' })
    const ctx = await a.track('Coupon Aplied', { code: 'X' })
    expect([segment.events, pixel.events, ga4.events].map((e) => e.length)).toEqual([0, 0, 0])
    expect(violations.map(([v]) => v.violationType)).toEqual(['Unplanned Event'])
    expect(violations[0][1]).toBe(ctx)
    expect(ctx.logs().some((l) => l.message === 'tracking plan: "Coupon Aplied" is not in the tracking plan')).toBe(true)
    expect(ctx.logs().filter((l) => l.message.startsWith('withheld from')).map((l) => l.message)).toEqual([
      'withheld from "Segment.io"',
      'withheld from "Facebook Pixel"',
      'withheld from "Google Analytics 4 Web"',
    ])
    expect(ctx.stats.count('protocols_violation')).toBe(1)
  })

  it('checks once per event, after enrichment, whatever the number of destinations', async () => {
    const { a, violations } = await setup({})
    await a.track('Order Completed', { total: 1 })
    // One Required violation, not three (one per destination); the locale from enrichment passes COMMON.
    expect(violations.map(([v]) => `${v.violationType} ${v.violationField}`)).toEqual(['Required properties.order_id'])
  })

  it('per-destination overrides: omit for the pixel, block for GA4, everything for Segment.io', async () => {
    const { a, segment, pixel, ga4 } = await setup({
      unplannedProperties: 'omit',
      violations: 'block',
      destinations: { 'Segment.io': { unplannedProperties: 'allow', violations: 'allow' }, 'Facebook Pixel': { violations: 'omit' } },
    })
    await a.track('Order Completed', { order_id: 'o', total: 'ten', note: 'n' })
    expect(segment.events[0].event.properties).toEqual({ order_id: 'o', total: 'ten', note: 'n' })
    expect(pixel.events[0].event.properties).toEqual({ order_id: 'o' })
    expect(ga4.events).toHaveLength(0)
  })

  it('destinations get a copy: the caller’s Context keeps the event as called', async () => {
    const { a, pixel } = await setup({ unplannedProperties: 'omit' })
    const ctx = await a.track('Order Completed', { order_id: 'o', total: 1, note: 'n' })
    expect(pixel.events[0].event.properties).toEqual({ order_id: 'o', total: 1 })
    expect(pixel.events[0].id).toBe(ctx.id)
    expect(ctx.event.properties).toEqual({ order_id: 'o', total: 1, note: 'n' })
  })

  it('forwardViolations sends Segment’s Violation Generated event to Segment.io only, never checked itself', async () => {
    const { a, segment, pixel } = await setup({ unplannedEvents: 'block', forwardViolations: true })
    const ctx = await a.track('Coupon Aplied')
    await new Promise((r) => setTimeout(r, 20))
    expect(pixel.events).toHaveLength(0)
    expect(segment.events.map((c) => c.event.event)).toEqual([VIOLATION_EVENT])
    expect(segment.events[0].event.properties).toMatchObject({
      violationType: 'Unplanned Event',
      violationField: 'event',
      eventName: 'Coupon Aplied',
      eventType: 'track',
      eventMessageID: ctx.event.messageId,
    })
  })

  it('a plan that is not a plan checks nothing and blocks only track events it cannot find', async () => {
    const { a, segment } = await setup({ plan: 'nonsense' } as never)
    await a.identify('u1', { anything: 1 })
    expect(segment.events).toHaveLength(1)
  })
})

describe('the pipeline hook (beforeDestination)', () => {
  it('a throwing hook withholds the event from that destination only and logs why', async () => {
    const a = makeAnalytics()
    const one = recorder('One')
    const two = recorder('Two')
    const guard: Plugin = {
      name: 'flaky',
      type: 'before',
      isLoaded: () => true,
      load: () => undefined,
      beforeDestination: (_ctx, destination, event) => {
        if (destination === 'One') throw new Error('boom')
        return event
      },
    }
    await a.register(guard, one, two)
    const ctx = await a.track('X')
    expect(one.events).toHaveLength(0)
    expect(two.events).toHaveLength(1)
    expect(ctx.logs().some((l) => l.message.includes('"One" failed'))).toBe(true)
  })

  it('destination middleware sees what the hook gave that destination', async () => {
    const a = makeAnalytics()
    const one = recorder('One')
    const seen: unknown[] = []
    const strip: Plugin = {
      name: 'strip',
      type: 'before',
      isLoaded: () => true,
      load: () => undefined,
      beforeDestination: (_ctx, _d, event) => ({ ...event, properties: {} }),
    }
    await a.register(strip, one)
    await a.addDestinationMiddleware('One', ({ payload, next }) => {
      seen.push(payload.obj.properties)
      next(payload)
    })
    await a.track('X', { secret: 1 })
    expect(seen).toEqual([{}])
    expect(one.events[0].event.properties).toEqual({})
  })
})
