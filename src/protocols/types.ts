// The tracking plan's public types: what `protocols()` and the `protocols` load option accept, and
// the violations they report. Names follow Segment Protocols.

/** Rule types as Segment's Public API names them; COMMON applies to every event. */
export type RuleType = 'TRACK' | 'IDENTIFY' | 'GROUP' | 'PAGE' | 'SCREEN' | 'COMMON'

/** One rule, as Switchboard keeps it: a draft-07 JSON Schema of the whole event. */
export interface PlanRule {
  type: RuleType
  /** The event name (TRACK) or page/screen name; none for identify, group and COMMON. */
  key?: string
  version: number
  jsonSchema: Record<string, any>
}

/**
 * A tracking plan in any of the shapes Segment's tools produce: the Public API's answers
 * (`{ data: { trackingPlan } }`, `{ data: { rules } }`, a rules array), Typewriter's `plan.json`,
 * or the older Config API's `{ rules: { events, identify, group, global } }`.
 */
export type TrackingPlanInput = unknown

/** What happens to an event that breaks the plan, for one destination (Segment's schema configuration). */
export interface Enforcement {
  /** Track events the plan does not list (default `allow`). */
  unplannedEvents?: 'allow' | 'block'
  /** Properties (traits for identify and group) a planned event does not list (default `allow`). */
  unplannedProperties?: 'allow' | 'omit'
  /** Events with JSON Schema violations: `omit` drops the offending property (default `allow`). */
  violations?: 'allow' | 'omit' | 'block'
}

export interface ProtocolsOptions extends Enforcement {
  /** The tracking plan (see `TrackingPlanInput`). */
  plan: TrackingPlanInput
  /** Per-destination overrides, by destination name (`'Segment.io'`, `'Facebook Pixel'`, …). */
  destinations?: Record<string, Enforcement>
  /** Also send each violation to the tracking API as a `Violation Generated` track event (Segment's forwarded-violation shape). */
  forwardViolations?: boolean
}

export type ViolationType = 'Required' | 'Type' | 'Enum' | 'Pattern' | 'Unplanned Event' | 'Unplanned Property' | 'Invalid'

/** One violation, with the field names of Segment's forwarded violations. Never carries the offending value. */
export interface Violation {
  violationType: ViolationType
  /** Dot path in the event: `properties.order_id`, `traits.email`, `context.device.id`, `event`. */
  violationField: string
  violationDescription: string
  eventType: string
  eventName?: string
  /** The rule that was broken: `TRACK`, `COMMON`, … (none for an unplanned event). */
  ruleType?: RuleType
}
