import { describe, expect, it } from 'vitest'
import { siteId, translate } from '../../plugins/hotjar/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import { ECOMMERCE, alias, group, identify, page, track } from './fixtures'

const hj = (...args: unknown[]): VendorCall => ({ fn: 'hj', args })

describe('Hotjar: translate', () => {
  // Hotjar events are names only: every v2 event sends its name, never its properties.
  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    expect(translate(track(event, ECOMMERCE[event]))).toEqual([hj('event', event)])
  })

  it('track: names sanitised; nothing for an empty name', () => {
    expect(translate(track('Played "Video" <b>', { a: 1 }))).toEqual([hj('event', 'Played Video b')])
    expect(translate(track('!!!'))).toEqual([])
  })

  it('identify: scalar attributes only (objects, arrays, null and id dropped; dates as ISO); needs a user id', () => {
    const traits = { id: 'user-42', email: 'j@x.io', plan: 'pro', seats: 3, admin: true, created: new Date('2020-01-01T00:00:00Z'), address: { city: 'Paris' }, tags: ['a'], gone: null }
    expect(translate(identify('user-42', traits))).toEqual([hj('identify', 'user-42', { email: 'j@x.io', plan: 'pro', seats: 3, admin: true, created: '2020-01-01T00:00:00.000Z' })])
    expect(translate(identify(null, { plan: 'pro' }))).toEqual([])
  })

  it('page, group and alias send nothing', () => {
    expect(translate(page('Docs', 'Install'))).toEqual([])
    expect(translate(group('g-1'))).toEqual([])
    expect(translate(alias('user-42', 'anon'))).toEqual([])
  })

  it('hjid must be a non-zero number', () => {
    expect(siteId({ hjid: '123456' })).toBe(123456)
    expect(siteId({ hjid: 0 })).toBeUndefined()
    expect(siteId({ hjid: 'abc' })).toBeUndefined()
  })
})
