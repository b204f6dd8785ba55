import { describe, expect, it } from 'vitest'
import { batchBody, byteLength, pack, singleBody } from '../../src/delivery/batcher'

describe('byteLength', () => {
  it('counts UTF-8 bytes', () => {
    for (const s of ['abc', 'é', '€uro', '😀', 'a😀b€é', '']) expect(byteLength(s)).toBe(new TextEncoder().encode(s).length)
  })
})

describe('pack', () => {
  const items = (sizes: number[]) => sizes.map((b, i) => ({ i, bytes_: b }))
  it('takes items in order up to the byte budget (envelope included)', () => {
    const out = pack(items([100, 100, 100, 100]), 200 + 3 * 101, 100)
    expect(out.map((x) => x.i)).toEqual([0, 1, 2])
  })
  it('stops at the count limit', () => {
    expect(pack(items(Array(50).fill(10)), 1e6, 20)).toHaveLength(20)
  })
  it('always takes at least one item so a big one cannot block the queue', () => {
    expect(pack(items([10_000, 10]), 500, 10).map((x) => x.i)).toEqual([0])
  })
  it('keeps every 500 KB batch under 500 KB', () => {
    const list = items(Array(100).fill(20 * 1024))
    const batches: number[][] = []
    let rest = list
    while (rest.length) {
      const b = pack(rest, 500 * 1024, 1000)
      batches.push(b.map((x) => x.i))
      rest = rest.slice(b.length)
    }
    expect(batches.length).toBe(5)
    for (const b of batches) expect(b.length * (20 * 1024 + 1) + 200).toBeLessThanOrEqual(500 * 1024)
  })
})

describe('bodies', () => {
  it('builds the batch envelope', () => {
    const body = JSON.parse(batchBody(['{"a":1}', '{"b":2}'], 'WK', '2026-01-01T00:00:00.000Z'))
    expect(body).toEqual({ batch: [{ a: 1 }, { b: 2 }], sentAt: '2026-01-01T00:00:00.000Z', writeKey: 'WK' })
  })
  it('appends sentAt to a single message', () => {
    expect(JSON.parse(singleBody('{"a":1}', 'T'))).toEqual({ a: 1, sentAt: 'T' })
  })
})
