// Checking one event against a plan: the rule for its type, name and version, then COMMON.
// @cfworker/json-schema interprets schemas without generating code, so strict-CSP pages work.
import { Validator, type OutputUnit } from '@cfworker/json-schema'
import type { SegmentEvent } from '../core/types'
import { fieldOf, plannedNames, selectRule } from './plan'
import type { PlanRule, RuleType, Violation, ViolationType } from './types'

const RULE_TYPE: Record<string, RuleType> = { track: 'TRACK', identify: 'IDENTIFY', group: 'GROUP', page: 'PAGE', screen: 'SCREEN' }

/** Keywords that only say a child failed; the child's own error is the violation. */
const WRAPPERS = new Set(['properties', 'items', 'additionalItems', 'prefixItems', 'allOf', '$ref', '$recursiveRef', 'patternProperties', 'dependentSchemas', 'contains', 'unevaluatedItems', 'if', 'then', 'else'])

const TYPE_OF_KEYWORD: Record<string, ViolationType> = {
  required: 'Required',
  type: 'Type',
  enum: 'Enum',
  const: 'Enum',
  pattern: 'Pattern',
  additionalProperties: 'Unplanned Property',
  unevaluatedProperties: 'Unplanned Property',
}

export interface CheckResult {
  /** The rule the event was checked against; none for an unplanned event (or a type the plan leaves open). */
  rule?: PlanRule
  /** A track event the plan does not list. */
  unplanned: boolean
  /** Top-level properties (traits) the rule does not list. */
  unplannedNames: string[]
  /** Top-level properties (traits) that are there and break the rule (what `violations: 'omit'` leaves out). */
  offendingNames: string[]
  violations: Violation[]
}

const validators = new WeakMap<object, Validator>()
const validatorFor = (rule: PlanRule): Validator => {
  let v = validators.get(rule)
  if (!v) validators.set(rule, (v = new Validator(rule.jsonSchema as never, '7', false)))
  return v
}

/** `#/properties/a~1b/0` → `['properties', 'a/b', '0']`. */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        s = decodeURIComponent(s)
      } catch {
        // kept as it is
      }
      return s.replace(/~1/g, '/').replace(/~0/g, '~')
    })
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key)

function describe(type: ViolationType, field: string, unit: OutputUnit): string {
  switch (type) {
    case 'Required':
      return `${field} is required`
    case 'Type': {
      const expected = /Expected (.+)\.$/.exec(unit.error)?.[1]?.replace(/"/g, '')
      return expected ? `${field} must be ${expected}` : `${field} has the wrong type`
    }
    case 'Enum':
      return `${field} is not one of the allowed values`
    case 'Pattern':
      return `${field} does not match the pattern`
    case 'Unplanned Property':
      return `${field} is not in the tracking plan`
    default:
      return `${field} fails "${unit.keyword}"`
  }
}

/**
 * Violations from a schema's errors, in Segment's vocabulary, without the offending values; the
 * top-level keys of `properties` (or `traits`) that are there and wrong are added to `offending`.
 */
export function violationsOf(errors: OutputUnit[], ruleType: RuleType, event: SegmentEvent, offending: Set<string> = new Set()): Violation[] {
  const own = event.type === 'identify' || event.type === 'group' ? 'traits' : 'properties'
  const out: Violation[] = []
  for (const unit of errors) {
    // Branches of anyOf/oneOf/not are not violations by themselves: the combinator's own error is.
    // (A `false` schema's own error repeats its parent's, such as additionalProperties: false.)
    if (WRAPPERS.has(unit.keyword) || unit.keyword === 'false' || /\/(anyOf|oneOf|not)\/\d|\/not\//.test(unit.keywordLocation)) continue
    const type = TYPE_OF_KEYWORD[unit.keyword] ?? 'Invalid'
    const segments = pointerSegments(unit.instanceLocation)
    let field = segments.join('.')
    if (type !== 'Required' && segments[0] === own && segments.length > 1) offending.add(segments[1])
    if (type === 'Required') field = join(field, /property "(.*)"\.$/.exec(unit.error)?.[1] ?? '')
    if (type === 'Unplanned Property') {
      const key = /Property "(.*)" does not match/.exec(unit.error)?.[1]
      if (key !== undefined) {
        field = join(field, key)
        if (segments.length === 1 && segments[0] === own) offending.add(key)
      }
    }
    out.push({ violationType: type, violationField: field, violationDescription: describe(type, field, unit), eventType: event.type, eventName: nameOf(event), ruleType })
  }
  return out
}

const nameOf = (event: SegmentEvent): string | undefined => (event.type === 'track' ? event.event : (event.name ?? undefined)) ?? undefined

/** The event as the tracking API would see it (Dates as ISO strings): what the schemas describe. */
const asJSON = (event: SegmentEvent): Record<string, any> => JSON.parse(JSON.stringify(event))

/** Checks one event against the plan's rules (pure apart from caching compiled validators). */
export function checkEvent(rules: PlanRule[], event: SegmentEvent): CheckResult {
  const type = RULE_TYPE[event.type]
  const name = nameOf(event)
  const json = asJSON(event)
  const rule = type ? selectRule(rules, type, name, json.context?.protocols?.event_version) : undefined
  const unplanned = type === 'TRACK' && !rule
  const violations: Violation[] = []
  if (unplanned) {
    violations.push({ violationType: 'Unplanned Event', violationField: 'event', violationDescription: `"${name}" is not in the tracking plan`, eventType: event.type, eventName: name })
  }
  let unplannedNames: string[] = []
  const offending = new Set<string>()
  if (rule) {
    const field = fieldOf(rule.type)
    const planned = new Set(plannedNames(rule))
    const given = json[field]
    unplannedNames = given && typeof given === 'object' ? Object.keys(given).filter((k) => !planned.has(k)) : []
    violations.push(...violationsOf(validatorFor(rule).validate(json).errors, rule.type, event, offending))
    for (const key of unplannedNames) {
      const f = `${field}.${key}`
      if (!violations.some((v) => v.violationField === f && v.violationType === 'Unplanned Property')) {
        violations.push({ violationType: 'Unplanned Property', violationField: f, violationDescription: `${f} is not in the tracking plan`, eventType: event.type, eventName: name, ruleType: rule.type })
      }
    }
  }
  const common = selectRule(rules, 'COMMON', undefined, json.context?.protocols?.event_version)
  if (common) violations.push(...violationsOf(validatorFor(common).validate(json).errors, 'COMMON', event, offending))
  return { rule, unplanned, unplannedNames, offendingNames: [...offending], violations }
}
