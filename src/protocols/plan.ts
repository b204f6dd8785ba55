// Tracking plans in the shapes Segment's tools produce, turned into one list of rules, each a
// JSON Schema of the whole event (pure).
import type { PlanRule, RuleType, TrackingPlanInput } from './types'

const TYPES: RuleType[] = ['TRACK', 'IDENTIFY', 'GROUP', 'PAGE', 'SCREEN', 'COMMON']
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The field of the event a rule's properties describe: traits for identify and group. */
export const fieldOf = (type: RuleType): 'properties' | 'traits' => (type === 'IDENTIFY' || type === 'GROUP' ? 'traits' : 'properties')

/**
 * Typewriter saves Public API rules unwrapped (the event's properties at the top, marked with
 * `eventMetadata`): wrap them again. The unwrapped copy keeps the wrapper's `required: ["properties"]`
 * when the properties had no `required` of their own, so that entry is dropped unless a property
 * of that name is planned.
 */
function rewrap(schema: Record<string, any>, type: RuleType): Record<string, any> {
  const { eventMetadata: _m, $schema, labels: _l, description: _d, ...inner } = schema
  if (Array.isArray(inner.required) && !(isObject(inner.properties) && 'properties' in inner.properties)) {
    inner.required = inner.required.filter((name: unknown) => name !== 'properties')
  }
  return { $schema, type: 'object', properties: { [fieldOf(type)]: inner } }
}

function publicApiRule(raw: unknown): PlanRule | undefined {
  if (!isObject(raw) || !TYPES.includes(raw.type) || !isObject(raw.jsonSchema)) return undefined
  const type = raw.type as RuleType
  const key = typeof raw.key === 'string' && type !== 'COMMON' ? raw.key : undefined
  const schema = raw.jsonSchema.eventMetadata ? rewrap(raw.jsonSchema, type) : raw.jsonSchema
  return { type, key, version: Number.isInteger(raw.version) ? raw.version : 1, jsonSchema: schema }
}

/** Config API (`rules.events[].rules`, `rules.identify`, `rules.group`, `rules.global`) and Typewriter 7's `{ events }`. */
function configApiRules(rules: Record<string, any>): PlanRule[] {
  const out: PlanRule[] = []
  for (const e of Array.isArray(rules.events) ? rules.events : []) {
    if (isObject(e) && typeof e.name === 'string' && isObject(e.rules)) {
      out.push({ type: 'TRACK', key: e.name, version: Number.isInteger(e.version) ? e.version : 1, jsonSchema: e.rules })
    }
  }
  const whole = { identify: 'IDENTIFY', group: 'GROUP', global: 'COMMON' } as const
  for (const name of Object.keys(whole) as (keyof typeof whole)[]) {
    if (isObject(rules[name])) out.push({ type: whole[name], version: 1, jsonSchema: rules[name] })
  }
  return out
}

/** Every rule of a plan, in any accepted shape; what is not a rule is left out. */
export function normalizePlan(input: TrackingPlanInput): PlanRule[] {
  let plan: unknown = input
  // Public API envelopes: { data: { trackingPlan } } or { data: { rules } }.
  if (isObject(plan) && isObject(plan.data)) plan = plan.data.trackingPlan ?? plan.data
  if (isObject(plan) && isObject(plan.trackingPlan)) plan = plan.trackingPlan
  if (Array.isArray(plan)) return plan.map(publicApiRule).filter((r): r is PlanRule => !!r)
  if (!isObject(plan)) return []
  if (Array.isArray(plan.rules)) return plan.rules.map(publicApiRule).filter((r): r is PlanRule => !!r)
  if (isObject(plan.rules)) return configApiRules(plan.rules)
  if (Array.isArray(plan.events)) return configApiRules(plan)
  return []
}

/** The rules for an event's type, name and `context.protocols.event_version` (else the oldest version). */
export function selectRule(rules: PlanRule[], type: RuleType, name: string | undefined, version: unknown): PlanRule | undefined {
  const candidates = rules.filter((r) => r.type === type && (type === 'TRACK' ? r.key === name : r.key === undefined || r.key === name))
  // A page or screen rule for this name wins over the rule for every page.
  const named = candidates.filter((r) => r.key !== undefined)
  const pool = named.length ? named : candidates
  return pool.find((r) => r.version === version) ?? pool.reduce<PlanRule | undefined>((a, r) => (!a || r.version < a.version ? r : a), undefined)
}

/** The property (or trait) names a rule lists; a rule that lists none plans none, as in Protocols. */
export function plannedNames(rule: PlanRule): string[] {
  const inner = rule.jsonSchema.properties?.[fieldOf(rule.type)]?.properties
  return isObject(inner) ? Object.keys(inner) : []
}
