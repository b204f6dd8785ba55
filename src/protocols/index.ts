// Tracking plans in the page: every event is checked against the plan once, after enrichment, and
// each destination (Segment.io and device mode alike) receives it as its enforcement options say.
// `analytics.register(protocols({ plan, unplannedEvents: 'block' }))`, or the `protocols` load option.
import type { Analytics } from '../core/analytics'
import type { Context } from '../core/context'
import type { Plugin } from '../core/plugin'
import { VERSION } from '../core/constants'
import { randomId } from '../lib/random-id'
import { normalizePlan } from './plan'
import { checkEvent, type CheckResult } from './validate'
import { enforce, enforcementFor } from './enforce'
import type { ProtocolsOptions, Violation } from './types'

export type { Enforcement, PlanRule, ProtocolsOptions, RuleType, TrackingPlanInput, Violation, ViolationType } from './types'
export { normalizePlan, selectRule, plannedNames } from './plan'
export { checkEvent, type CheckResult } from './validate'
export { enforce, enforcementFor } from './enforce'
export { planTypes, schemaType } from './typegen'

/** The event name Segment forwards violations under. */
export const VIOLATION_EVENT = 'Violation Generated'

export function protocols(options: ProtocolsOptions): Plugin {
  const rules = normalizePlan(options?.plan)
  const results = new WeakMap<Context, CheckResult>()
  /** messageIds of the violation reports this plugin sent: not checked against the plan themselves. */
  const reports = new Set<string>()
  let analytics: Analytics | undefined

  const report = (ctx: Context, v: Violation) => {
    ctx.log('warn', `tracking plan: ${v.violationDescription}`, { violation: v })
    ctx.stats.increment('protocols_violation', 1, [v.violationType])
    analytics?.emit('violation', v, ctx)
    if (options.forwardViolations && analytics) {
      const messageId = randomId()
      reports.add(messageId)
      void analytics.track(
        VIOLATION_EVENT,
        { ...v, eventMessageID: ctx.event.messageId },
        { messageId, integrations: { All: false, 'Segment.io': true } },
      )
    }
  }

  /** Checked once per event, by the first destination to ask. */
  const check = (ctx: Context): CheckResult => {
    let result = results.get(ctx)
    if (!result) {
      results.set(ctx, (result = checkEvent(rules, ctx.event)))
      for (const v of result.violations) report(ctx, v)
    }
    return result
  }

  return {
    name: 'Protocols',
    type: 'before',
    version: VERSION,
    isLoaded: () => true,
    load(_ctx, instance) {
      analytics = instance
    },
    beforeDestination(ctx, destination, event) {
      const id = ctx.event.messageId
      if (id && reports.has(id)) return event
      return enforce(event, check(ctx), enforcementFor(options, destination))
    },
  }
}
