import { describe, expect, it } from 'vitest'
import { randomId } from '../../src/lib/random-id'

describe('randomId', () => {
  it('makes v4 UUIDs, unique across many draws and pool refills', () => {
    const ids = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const id = randomId()
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      ids.add(id)
    }
    expect(ids.size).toBe(5000)
  })
})
