import { describe, expect, it } from 'vitest'
import { bundleMetadata, toWire } from '../../src/delivery/normalize'
import type { SegmentEvent } from '../../src/core/types'
import type { UserLike } from '../../src/identity/types'

const user = (id: string | null, anon = 'anon-1') => ({ id: () => id, anonymousId: () => anon }) as unknown as UserLike
const base = (fields: Partial<SegmentEvent>): SegmentEvent =>
  ({ type: 'track', messageId: 'm1', timestamp: 'T', context: {}, integrations: {}, ...fields }) as SegmentEvent

describe('toWire', () => {
  it('adds writeKey, ids and _metadata; removes options, sentAt and track traits', () => {
    const ev = base({ event: 'E', traits: { a: 1 }, options: { x: 1 }, sentAt: 'old', anonymousId: null, userId: undefined })
    const out = toWire(ev, 'WK', user(null), { bundled: ['Segment.io'], unbundled: [], bundledIds: [] })
    expect(out).toMatchObject({ writeKey: 'WK', userId: null, anonymousId: 'anon-1', _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] } })
    expect(out).not.toHaveProperty('traits')
    expect(out).not.toHaveProperty('options')
    expect(out).not.toHaveProperty('sentAt')
    expect(ev.traits).toEqual({ a: 1 }) // the caller's message is not changed
  })
  it('keeps the ids the message already has', () => {
    expect(toWire(base({ userId: 'u', anonymousId: 'a' }), 'WK', user('other', 'x'))).toMatchObject({ userId: 'u', anonymousId: 'a' })
  })
  it('keeps traits on identify', () => {
    expect(toWire(base({ type: 'identify', traits: { a: 1 } }), 'WK')).toHaveProperty('traits', { a: 1 })
  })
  it('fills alias previousId from the user', () => {
    expect(toWire(base({ type: 'alias', userId: 'new' }), 'WK', user('old'))).toMatchObject({ userId: 'new', previousId: 'old' })
    expect(toWire(base({ type: 'alias', userId: 'new' }), 'WK', user(null, 'anon-9'))).toMatchObject({ previousId: 'anon-9' })
    expect(toWire(base({ type: 'alias', userId: 'new', previousId: 'p' }), 'WK', user('old'))).toMatchObject({ previousId: 'p' })
  })
})

describe('bundleMetadata', () => {
  it('lists bundled, unbundled and bundled config ids, sorted', () => {
    const cdn = {
      'Segment.io': { apiKey: 'WK' },
      Mixpanel: { bundlingStatus: 'bundled' },
      Amplitude: { bundlingStatus: 'bundled' },
      Hotjar: { bundlingStatus: 'unbundled' },
    }
    const meta = bundleMetadata(cdn, { unbundledIntegrations: ['Zeta', 'Hotjar'], maybeBundledConfigIds: { Mixpanel: ['m1'], Amplitude: ['a1', 'a2'] } })
    expect(meta).toEqual({ bundled: ['Amplitude', 'Mixpanel', 'Segment.io'], unbundled: ['Hotjar', 'Zeta'], bundledIds: ['a1', 'a2', 'm1'] })
  })
  it('is only Segment.io by default, and absent when addBundledMetadata is false', () => {
    expect(bundleMetadata(undefined, {})).toEqual({ bundled: ['Segment.io'], unbundled: [], bundledIds: [] })
    expect(bundleMetadata({}, { addBundledMetadata: false })).toBeUndefined()
  })
})
