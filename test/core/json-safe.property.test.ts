// Properties of the JSON-safe copy every call's data goes through, on generated input: arbitrary
// JSON, arbitrary JavaScript values, shared sub-objects, sparse arrays and odd keys.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TOO_LARGE, toJSONSafe } from '../../src/core/json-safe'

const LIMIT = 32 * 1024

/** The copy, or TOO_LARGE; anything else thrown fails the property. */
function copy(value: unknown): { out?: unknown; refused: boolean } {
  try {
    return { out: toJSONSafe(value), refused: false }
  } catch (err) {
    if (err !== TOO_LARGE) throw err
    return { refused: true }
  }
}

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'toJSON', '', ' ', '0', 'length', 'then']
const key = fc.oneof(fc.string(), fc.constantFrom(...ODD_KEYS))

/** Objects with any own keys, `__proto__` included, made the way JSON.parse makes them. */
const oddObject = fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 }).map((entries) => Object.fromEntries(entries))

/** A DAG of plain objects: each node refers to earlier ones, so sub-objects are shared, many times over. */
const sharedGraph = fc
  .array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 40 })
  .map((spec) => {
    const reads = { n: 0 }
    const nodes: object[] = []
    spec.forEach((refs, i) => {
      const node: Record<string, unknown> = { id: i }
      refs.forEach((r, j) => (node[`c${j}`] = i === 0 ? r : nodes[r % i]))
      nodes.push(new Proxy(node, { get: (t, k, rcv) => (reads.n++, Reflect.get(t, k, rcv)) }))
    })
    return { root: nodes[nodes.length - 1], reads }
  })

describe('toJSONSafe on generated input', () => {
  it('JSON input: the copy serialises exactly as the input does, and copying it again changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const { out, refused } = copy(value)
        const json = JSON.stringify(value)
        if (refused) return expect(json.length).toBeGreaterThan(LIMIT) // never refuses what would fit
        expect(JSON.stringify(out)).toBe(json)
        expect(toJSONSafe(out)).toEqual(out)
      }),
      { numRuns: 300 },
    )
  })

  it('JSON over the limit is refused, and whatever fits is kept whole', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 100, maxLength: 2000 }), { maxLength: 60 }), (strings) => {
        const { out, refused } = copy({ strings })
        const json = JSON.stringify({ strings })
        if (refused) expect(json.length).toBeGreaterThan(LIMIT)
        else expect(JSON.stringify(out)).toBe(json)
        // Strings cost what they weigh: clearly over the limit is always refused.
        if (json.length > 2 * LIMIT) expect(refused).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('any JavaScript value: no throw, JSON-serialisable output of bounded size, idempotent', () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
      withUnicodeString: true,
    })
    fc.assert(
      fc.property(anything, (value) => {
        const { out, refused } = copy(value)
        if (refused) return
        const json = JSON.stringify(out) ?? ''
        // Each value read spends at least one of the 32,768 characters of the budget, and none
        // renders longer than ~30 (a Date, a long number, an escaped character).
        expect(json.length).toBeLessThan(30 * LIMIT)
        expect(JSON.stringify(toJSONSafe(out)) ?? '').toBe(json)
      }),
      { numRuns: 300 },
    )
  })

  it('shared sub-objects: copied whole when they fit, refused otherwise, after a bounded number of reads', () => {
    fc.assert(
      fc.property(sharedGraph, ({ root, reads }) => {
        const { out, refused } = copy(root)
        // Each read of a key spends at least four characters of the budget.
        expect(reads.n).toBeLessThan(2 * LIMIT)
        if (!refused) expect(JSON.stringify(out)).toBe(JSON.stringify(root))
      }),
      { numRuns: 200 },
    )
  })

  it('sparse arrays: holes are null, as JSON has them; a huge length is refused without walking it', () => {
    fc.assert(
      fc.property(fc.sparseArray(fc.integer(), { maxLength: 300, maxNumElements: 20 }), (list) => {
        expect(JSON.stringify(copy(list).out)).toBe(JSON.stringify(list))
      }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2 ** 32 - 2 }), (length) => {
        const list: unknown[] = []
        list[length] = 1
        const started = performance.now()
        expect(copy(list).refused).toBe(true)
        expect(performance.now() - started).toBeLessThan(1000)
      }),
      { numRuns: 20 },
    )
  })

  it('odd keys stay own data keys: the prototype is never the caller’s, and nothing is inherited', () => {
    fc.assert(
      fc.property(oddObject, (value) => {
        const out = copy(value).out as Record<string, unknown>
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
        expect(Object.keys(out)).toEqual(Object.keys(value))
        const inherited: string[] = []
        for (const k in out) if (!Object.prototype.hasOwnProperty.call(out, k)) inherited.push(k)
        expect(inherited).toEqual([])
        expect(JSON.stringify(out)).toBe(JSON.stringify(value))
      }),
      { numRuns: 300 },
    )
  })
})
