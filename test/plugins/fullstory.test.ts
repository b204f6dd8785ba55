// Golden table: spec message → the exact FS() calls (Browser API v2) of Segment's
// "Fullstory (Actions)" presets (action-destinations browser-destinations/fullstory: trackEventV2,
// identifyUserV2, viewedPageV2), each with its source tag. One source note per row.
import { describe, expect, it } from 'vitest'
import { SOURCE, org, resetCalls, scriptPath, translate } from '../../plugins/fullstory/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, ORDER, alias, group, identify, page, track } from './fixtures'

const fs = (op: string, options?: unknown): VendorCall => ({ fn: 'FS', args: [op, options, SOURCE] })
const ACT = 'action-destinations fullstory'
const PAGE = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }

type Row = [name: string, msg: SegmentEvent, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}: trackEvent with the properties unchanged`, track(event, ECOMMERCE[event]), [fs('trackEvent', { name: event, properties: ECOMMERCE[event] })], `${ACT} trackEventV2: FS('trackEvent', { name ← event, properties ← properties })`]),
  ['Order Completed keeps products and revenue as properties', track('Order Completed', ORDER), [fs('trackEvent', { name: 'Order Completed', properties: ORDER })], `${ACT} trackEventV2: properties ← $.properties`],
  ['non-ASCII event names unchanged', track('カートに追加'), [fs('trackEvent', { name: 'カートに追加', properties: {} })], `${ACT} trackEventV2: name ← $.event`],
  ['page with category and name → page properties named by the category', page('Docs', 'Index'), [fs('setProperties', { type: 'page', properties: { pageName: 'Docs', ...PAGE, name: 'Index', category: 'Docs' } })], `${ACT} viewedPageV2: pageName ← category if it exists, else name`],
  ['page with a name only', page(undefined, 'Pricing'), [fs('setProperties', { type: 'page', properties: { pageName: 'Pricing', ...PAGE, name: 'Pricing' } })], `${ACT} viewedPageV2: pageName ← name`],
  ['page without a name → its properties', page(), [fs('setProperties', { type: 'page', properties: PAGE })], `${ACT} viewedPageV2: properties only`],
  [
    'identify with a user id → setIdentity with traits, email, displayName and the anonymous id',
    identify('user-42', { name: 'Jane Kim', email: 'jane@example.com', plan: 'pro', address: { city: 'Paris' } }),
    [fs('setIdentity', { uid: 'user-42', properties: { name: 'Jane Kim', email: 'jane@example.com', plan: 'pro', address: { city: 'Paris' }, segmentAnonymousId: ANON, displayName: 'Jane Kim' } })],
    `${ACT} identifyUserV2: setIdentity { uid ← userId, properties ← traits + segmentAnonymousId + email + displayName ← traits.name }`,
  ],
  [
    'identify without a user id → user properties',
    identify(null, { plan: 'pro' }),
    [fs('setProperties', { type: 'user', properties: { plan: 'pro', segmentAnonymousId: ANON } })],
    `${ACT} identifyUserV2: setProperties { type: 'user' } without a userId`,
  ],
  ['group → nothing', group('g-1', { name: 'Acme' }), [], `${ACT}: no group action`],
  ['alias → nothing', alias('user-42', 'anon'), [], `${ACT}: no alias action`],
]

describe('FullStory: golden table (Fullstory (Actions) presets)', () => {
  it.each(ROWS)('%s', (_name, msg, calls, source) => {
    expect(source).toMatch(/^action-destinations fullstory/)
    expect(translate(msg)).toEqual(calls)
  })

  it('reset → anonymize: setIdentity { anonymous: true } (FullStory Browser API v2, Anonymize Users)', () => {
    expect(resetCalls()).toEqual([fs('setIdentity', { anonymous: true })])
  })

  it('settings: orgId, or the classic org; fs.js from FullStory’s edge, its debug build, or the script setting (@fullstory/browser init)', () => {
    expect(org({ orgId: 'o-1' })).toBe('o-1')
    expect(org({ org: 'o-2' })).toBe('o-2')
    expect(scriptPath({ orgId: 'o-1' })).toBe('edge.fullstory.com/s/fs.js')
    expect(scriptPath({ orgId: 'o-1', debug: true })).toBe('edge.fullstory.com/s/fs-debug.js')
    expect(scriptPath({ orgId: 'o-1', script: 'https://fs.example.com/s/fs.js' })).toBe('fs.example.com/s/fs.js')
  })
})
