import { describe, expect, it } from 'vitest'
import { normalizePlan, plannedNames, selectRule } from '../../src/protocols/plan'
import { configApiPlan, orderCompleted, publicApiRules, typewriterPlan } from './fixtures'

describe('normalizePlan: every shape Segment tools produce', () => {
  const shapes: [string, unknown, number][] = [
    ['Public API rules list answer { data: { rules } }', { data: { rules: publicApiRules, pagination: {} } }, 4],
    ['Public API plan answer { data: { trackingPlan: { rules } } }', { data: { trackingPlan: { id: 'tp_1', rules: publicApiRules } } }, 4],
    ['a bare rules array', publicApiRules, 4],
    ['a plan object with rules', { id: 'tp_1', rules: publicApiRules }, 4],
    ['Typewriter plan.json (unwrapped rules)', typewriterPlan, 1],
    ['Config API plan', configApiPlan, 4],
    ['Typewriter 7 { events }', { events: configApiPlan.rules.events }, 1],
    ['nothing', undefined, 0],
    ['a string', 'plan', 0],
    ['rules that are not rules', { rules: [null, 1, { type: 'NOPE', jsonSchema: {} }, { type: 'TRACK' }] }, 0],
  ]
  it.each(shapes)('%s', (_, input, count) => {
    expect(normalizePlan(input)).toHaveLength(count)
  })

  it('keeps Public API rules as they are: type, key, version, a schema of the whole event', () => {
    const [rule] = normalizePlan([orderCompleted(3)])
    expect(rule).toMatchObject({ type: 'TRACK', key: 'Order Completed', version: 3 })
    expect(rule.jsonSchema.properties.properties.required).toEqual(['order_id', 'total'])
  })

  it('wraps Typewriter’s unwrapped rules again and drops the wrapper’s leftover required "properties"', () => {
    const [rule] = normalizePlan(typewriterPlan)
    expect(rule).toMatchObject({ type: 'TRACK', key: 'Signed Up', version: 1 })
    expect(rule.jsonSchema.properties.properties).toEqual({ properties: { plan: { type: 'string', enum: ['free', 'pro'] } }, required: [], type: 'object' })
    expect(rule.jsonSchema.eventMetadata).toBeUndefined()
    expect(plannedNames(rule)).toEqual(['plan'])
  })

  it('keeps a required "properties" in an unwrapped rule that plans a property of that name', () => {
    const plan = structuredClone(typewriterPlan)
    plan.rules[0].jsonSchema.properties = { properties: { type: 'string' } } as never
    expect(normalizePlan(plan)[0].jsonSchema.properties.properties.required).toEqual(['properties'])
  })

  it('maps the Config API: events → TRACK, identify, group, global → COMMON', () => {
    expect(normalizePlan(configApiPlan).map((r) => [r.type, r.key])).toEqual([
      ['TRACK', 'Sign In Failed'],
      ['IDENTIFY', undefined],
      ['GROUP', undefined],
      ['COMMON', undefined],
    ])
  })

  it('a COMMON rule has no key even when one is given', () => {
    expect(normalizePlan([{ type: 'COMMON', key: 'x', version: 1, jsonSchema: {} }])[0].key).toBeUndefined()
  })
})

describe('selectRule: versions by context.protocols.event_version, else the oldest', () => {
  const rules = normalizePlan([orderCompleted(2), orderCompleted(1), orderCompleted(3)])
  it.each([
    [undefined, 1],
    [2, 2],
    [3, 3],
    [4, 1],
    [3.2, 1],
    ['2', 1],
  ])('event_version %s → version %s', (version, expected) => {
    expect(selectRule(rules, 'TRACK', 'Order Completed', version)?.version).toBe(expected)
  })

  it('track rules match the event name exactly (case and spacing matter)', () => {
    expect(selectRule(rules, 'TRACK', 'order completed', undefined)).toBeUndefined()
  })

  it('a page rule for the page name wins over the rule for every page', () => {
    const pages = normalizePlan([
      { type: 'PAGE', version: 1, jsonSchema: { title: 'any' } },
      { type: 'PAGE', key: 'Home', version: 1, jsonSchema: { title: 'home' } },
    ])
    expect(selectRule(pages, 'PAGE', 'Home', undefined)?.jsonSchema.title).toBe('home')
    expect(selectRule(pages, 'PAGE', 'Cart', undefined)?.jsonSchema.title).toBe('any')
  })
})
