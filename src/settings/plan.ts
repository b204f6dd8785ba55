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

/** Action subscriptions of remote plugins the plan turns off for this event: `"<plugin> <action>": false`. */
export function disabledActions(event: PlanEvent | undefined, remotePlugins: CDNSettings['remotePlugins']): Record<string, false> {
  const out: Record<string, false> = {}
  const off = Object.keys(event?.integrations ?? {}).filter((name) => event?.integrations?.[name] === false)
  for (const remote of remotePlugins ?? []) {
    if (!remote.creationName || !off.includes(remote.creationName)) continue
    const subscriptions = remote.settings?.subscriptions
    if (Array.isArray(subscriptions)) for (const sub of subscriptions) out[`${remote.name} ${sub?.partnerAction}`] = false
  }
  return out
}

/** The new `integrations` for a track event under the plan (pure). */
export function planIntegrations(
  plan: TrackPlan,
  eventName: string,
  integrations: Record<string, unknown>,
  remotePlugins?: CDNSettings['remotePlugins'],
): Record<string, unknown> {
  const event = Object.prototype.hasOwnProperty.call(plan, eventName) ? plan[eventName] : undefined
  // A blocked event still reaches Segment.io (where the plan is enforced), but no device-mode destination.
  if (!isPlanEventEnabled(plan, event)) return { ...integrations, All: false, 'Segment.io': true }
  return { ...integrations, ...event?.integrations, ...disabledActions(event, remotePlugins) }
}

/** A `before` plugin applying `plan.track`. */
export function schemaFilter(plan: TrackPlan, remotePlugins?: CDNSettings['remotePlugins']): Plugin {
  return {
    name: 'Schema Filter',
    type: 'before',
    version: '0.1.0',
    isLoaded: () => true,
    load: () => undefined,
    track(ctx: Context) {
      const name = ctx.event.event
      if (typeof name === 'string') ctx.updateEvent('integrations', planIntegrations(plan, name, ctx.event.integrations ?? {}, remotePlugins))
      return ctx
    },
  }
}

/** The plan in force: the load option's `plan.track`, else the CDN's; none when empty. */
export function trackPlan(cdn: CDNSettings, optionsPlan: Plan | undefined): TrackPlan | undefined {
  const plan = optionsPlan?.track ?? cdn.plan?.track
  return plan && typeof plan === 'object' && Object.keys(plan).length ? plan : undefined
}
