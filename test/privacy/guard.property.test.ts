// Properties of the guard on hostile, generated input: it never throws, never changes what it is
// given, never lets a planted email or card number through a destination that drops or masks,
// and leaves what is not personal data as it was.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanConfig, scanEvent } from '../../src/privacy/scan'
import { redact } from '../../src/privacy/redact'
import type { SegmentEvent } from '../../src/core/types'

const config = scanConfig({ detect: { phone: true, ip: true } })
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'email', 'Password', 'first_name', '', '0', 'length']
const key = fc.oneof(fc.string(), fc.constantFrom(...ODD_KEYS))
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(new Date(0)),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((e) => JSON.parse(JSON.stringify(Object.fromEntries(e)))),
  ),
})).node
const props = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
})
const event = fc.record({
  type: fc.constantFrom('track', 'identify', 'page', 'group', 'screen', 'alias'),
  properties: props,
  traits: props,
  context: fc.record({ traits: props, page: fc.record({ url: fc.webUrl({ withQueryParameters: true }), referrer: fc.string() }), campaign: props }),
}).map((e) => ({ ...e, messageId: 'm', event: 'E' }) as unknown as SegmentEvent)

const PLANTED = ['planted.person@example.com', '4111 1111 1111 1111']

describe('the guard on hostile input', () => {
  it('never throws and never changes the event it is given', () => {
    fc.assert(
      fc.property(event, fc.constantFrom('drop', 'mask', 'hash', 'allow'), (e, action) => {
        const before = JSON.stringify(e)
        const findings = scanEvent(e, config)
        redact(e, findings, 'D', () => action as never, 'R', new Map())
        expect(JSON.stringify(e)).toBe(before)
      }),
      { numRuns: 1000 },
    )
  })

  it('a planted email or card number, under any key at any depth, never reaches a destination that drops or masks', () => {
    fc.assert(
      fc.property(event, fc.constantFrom(...PLANTED), fc.array(key, { minLength: 1, maxLength: 4 }), fc.constantFrom('drop', 'mask'), (e, secret, path, action) => {
        // Plant the value under properties at the generated path.
        let node = e.properties as Record<string, unknown>
        for (const k of path.slice(0, -1)) {
          const next = {}
          Object.defineProperty(node, k, { value: next, enumerable: true, writable: true, configurable: true })
          node = next
        }
        Object.defineProperty(node, path[path.length - 1], { value: `x ${secret} y`, enumerable: true, writable: true, configurable: true })
        const out = redact(e, scanEvent(e, config), 'D', () => action, 'R', new Map()).event
        expect(JSON.stringify(out)).not.toContain(secret)
      }),
      { numRuns: 1000 },
    )
  })

  it('an event without personal data passes unchanged', () => {
    const clean = fc.record({ sku: fc.string({ maxLength: 8 }).filter((s) => !s.includes('@')), qty: fc.integer({ min: 0, max: 999 }), ok: fc.boolean() })
    fc.assert(
      fc.property(clean, (properties) => {
        const e = { type: 'track', event: 'E', messageId: 'm', properties } as SegmentEvent
        expect(redact(e, scanEvent(e, config), 'D', () => 'drop', 'R', new Map()).event).toEqual(e)
      }),
    )
  })

  it('deep nesting and long strings cost time linear in their size', () => {
    let deep: Record<string, unknown> = { email: 'a@b.co' }
    for (let i = 0; i < 5000; i++) deep = { a: deep }
    const long = `${'a'.repeat(30_000)}@`
    const digits = '4'.repeat(30_000)
    const e = { type: 'track', event: 'E', messageId: 'm', properties: { deep, long, digits, dashes: '1-'.repeat(15_000) } } as SegmentEvent
    const start = performance.now()
    const out = redact(e, scanEvent(e, config), 'D', () => 'drop', 'R', new Map()).event
    expect(performance.now() - start).toBeLessThan(1000)
    let node = out.properties?.deep as Record<string, unknown>
    for (let i = 0; i < 5000; i++) node = node.a as Record<string, unknown>
    expect(node).toEqual({})
    expect(out.properties?.long).toBe(long)
  })
})
