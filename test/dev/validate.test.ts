// @vitest-environment node
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain JS module with JSDoc types
import { validateMessage } from '../../dev/lib/validate.mjs'

const base = { anonymousId: 'a-1', messageId: 'm-1', timestamp: '2026-01-02T03:04:05.678Z' }

describe('validateMessage', () => {
  it.each([
    ['track with event', { ...base, type: 'track', event: 'Order Completed' }],
    ['identify with userId only', { type: 'identify', userId: 'u-1', messageId: 'm', timestamp: base.timestamp, traits: { a: 1 } }],
    ['page without name', { ...base, type: 'page' }],
    ['screen', { ...base, type: 'screen', name: 'Home' }],
    ['group with groupId', { ...base, type: 'group', groupId: 'g-1' }],
    ['alias with userId and previousId', { ...base, type: 'alias', userId: 'u-1', previousId: 'a-1' }],
    ['numeric userId', { ...base, anonymousId: undefined, userId: 42, type: 'page' }],
    ['timestamp with offset', { ...base, type: 'page', timestamp: '2026-01-02T03:04:05+02:00' }],
    ['messageId of exactly 100 chars', { ...base, type: 'page', messageId: 'x'.repeat(100) }],
  ])('accepts %s', (_name, message) => {
    expect(validateMessage(message).errors).toEqual([])
  })

  it.each([
    ['no type', { ...base, event: 'X' }, /`type` is required/],
    ['unknown type', { ...base, type: 'purchase' }, /`type` must be one of/],
    ['track without event', { ...base, type: 'track' }, /needs `event`/],
    ['track with empty event', { ...base, type: 'track', event: '  ' }, /needs `event`/],
    ['track with non-string event', { ...base, type: 'track', event: 5 }, /needs `event`/],
    ['group without groupId', { ...base, type: 'group' }, /needs `groupId`/],
    ['alias without previousId', { ...base, type: 'alias', userId: 'u' }, /needs `previousId`/],
    ['alias without userId', { ...base, type: 'alias', previousId: 'p' }, /needs `userId`/],
    ['no userId and no anonymousId', { type: 'page', messageId: 'm' }, /one of `userId` or `anonymousId`/],
    ['empty ids', { type: 'page', userId: '', anonymousId: '' }, /one of `userId` or `anonymousId`/],
    ['messageId over 100 chars', { ...base, type: 'page', messageId: 'x'.repeat(101) }, /`messageId` is 101 characters/],
    ['non-string messageId', { ...base, type: 'page', messageId: 7 }, /`messageId` must be a non-empty string/],
    ['properties not an object', { ...base, type: 'track', event: 'E', properties: [1] }, /`properties` must be an object/],
    ['context not an object', { ...base, type: 'page', context: 'x' }, /`context` must be an object/],
    ['bad timestamp', { ...base, type: 'page', timestamp: 'yesterday' }, /`timestamp` must be an ISO-8601/],
    ['message over 32 KB', { ...base, type: 'track', event: 'E', properties: { blob: 'x'.repeat(33 * 1024) } }, /must be under 32768 bytes/],
    ['a JSON array', [1, 2], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
  ])('rejects %s', (_name, message, error) => {
    const { errors } = validateMessage(message)
    expect(errors.some((e: string) => error.test(e))).toBe(true)
  })

  it('rejects a message sent to the route of another type', () => {
    const { errors } = validateMessage({ ...base, type: 'identify' }, { routeType: 'track' })
    expect(errors).toEqual(['a `identify` message was sent to the track route'])
  })

  it('warns, without rejecting, about a missing messageId or timestamp', () => {
    const { errors, warnings } = validateMessage({ type: 'page', anonymousId: 'a' })
    expect(errors).toEqual([])
    expect(warnings.join(' ')).toMatch(/messageId/)
    expect(warnings.join(' ')).toMatch(/timestamp/)
  })
})
