// Tracking-plan rules for track events (`plan.track`), applied as Analytics.js 2.0 applies them.
import type { Context } from '../core/context'
import type { CDNSettings, Plan, PlanEvent } from '../core/options'
import type { Plugin } from '../core/plugin'

type TrackPlan = NonNullable<Plan['track']>

/** An event's own `enabled` wins; otherwise `__default.enabled`; otherwise enabled. */
export function isPlanEventEnabled(plan: TrackPlan, event: PlanEvent | undefined): boolean {
  if (typeof event?.enabled === 'boolean') return event.enabled
  return plan.__default?.enabled ?? true
}

/** The new `integrations` for a track event under the plan (pure). */
export function planIntegrations(plan: TrackPlan, eventName: string, integrations: Record<string, unknown>): Record<string, unknown> {
  const event = Object.prototype.hasOwnProperty.call(plan, eventName) ? plan[eventName] : undefined
  // A blocked event still reaches Segment.io (where the plan is enforced), but no device-mode destination.
  if (!isPlanEventEnabled(plan, event)) return { ...integrations, All: false, 'Segment.io': true }
  // A plan entry naming a remote plugin's creationName turns off that plugin as a whole (one
  // Switchboard plugin wraps all of its actions), so no per-action keys are needed.
  return { ...integrations, ...event?.integrations }
}

/** A `before` plugin applying `plan.track`. */
export function schemaFilter(plan: TrackPlan): Plugin {
  return {
    name: 'Schema Filter',
    type: 'before',
    isLoaded: () => true,
    load: () => undefined,
    track(ctx: Context) {
      const name = ctx.event.event
      if (typeof name === 'string') ctx.updateEvent('integrations', planIntegrations(plan, name, ctx.event.integrations ?? {}))
      return ctx
    },
  }
}

/**
 * The plan in force: the load option's `plan.track`, else the CDN's; none when it changes no
 * event. Every Segment source's settings carry `__default: { enabled: true, integrations: {} }`,
 * which blocks and reroutes nothing, so it must cost no plugin.
 */
export function trackPlan(cdn: CDNSettings, optionsPlan: Plan | undefined): TrackPlan | undefined {
  const plan = optionsPlan?.track ?? cdn.plan?.track
  const rules = (entry?: PlanEvent) => !isPlanEventEnabled(plan!, entry) || Object.keys(entry?.integrations ?? {}).length > 0
  // `undefined` stands for the events the plan does not list.
  return plan && typeof plan === 'object' && [undefined, ...Object.values(plan)].some(rules) ? plan : undefined
}
