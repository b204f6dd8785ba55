// Golden table: spec message → the exact _hsq pushes of Segment's "Hubspot Web (Actions)" presets
// (action-destinations browser-destinations/hubspot-web: trackCustomBehavioralEvent, upsertContact,
// trackPageView). One source note per row.
import { describe, expect, it } from 'vitest'
import { eventName, scriptSrc, translate, type HubSpotSettings } from '../../plugins/hubspot/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: HubSpotSettings = { portalId: '123456' }
const push = (...args: unknown[]): VendorCall => ({ fn: '_hsq.push', args: [args] })
const ACT = 'action-destinations hubspot-web'
const DOCS = 'HubSpot tracking code API'

/** HubSpot's flat form of event properties: nested keys joined by `_`, lower case. */
function flat(obj: Record<string, any>, prefix = '', out: Record<string, any> = {}) {
  for (const [k, v] of Object.entries(obj)) {
    const key = (prefix ? `${prefix}_${k}` : k).replace(/[\s.]+/g, '_').toLowerCase()
    if (v && typeof v === 'object') flat(v, key, out)
    else out[key] = v
  }
  return out
}
const snake = (event: string) => 'pe123456_' + event.replace(/[\s.]+/g, '_').toLowerCase()

type Row = [name: string, msg: SegmentEvent, settings: HubSpotSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [
    `E-commerce v2 ${event}: a custom behavioural event pe<HubID>_<name>`,
    track(event, ECOMMERCE[event]),
    S,
    [push('trackCustomBehavioralEvent', { name: snake(event), properties: flat(ECOMMERCE[event]) })],
    `${ACT} trackCustomBehavioralEvent: name formatted, properties flattened with '_' and lower-cased`,
  ]),
  [
    'Order Completed: products flattened by index',
    track('Order Completed', ORDER),
    S,
    [
      push('trackCustomBehavioralEvent', {
        name: 'pe123456_order_completed',
        properties: {
          checkout_id: ORDER.checkout_id,
          order_id: ORDER.order_id,
          affiliation: 'Google Store',
          total: 27.5,
          subtotal: 22.5,
          revenue: 22.5,
          shipping: 3,
          tax: 2,
          discount: 2.5,
          coupon: 'hasbros',
          currency: 'USD',
          ...Object.fromEntries(Object.entries(MONOPOLY).map(([k, v]) => [`products_0_${k}`, v])),
          ...Object.fromEntries(Object.entries(UNO).map(([k, v]) => [`products_1_${k}`, v])),
        },
      }),
    ],
    `${ACT} trackCustomBehavioralEvent: utils/flatten joins nested keys (arrays by index) with '_'`,
  ],
  [
    'property keys: blanks and dots → _, lower case; strings trimmed',
    track('Played Video.Intro', { 'Video Title': '  Intro ', 'a.b': 1 }),
    S,
    [push('trackCustomBehavioralEvent', { name: 'pe123456_played_video_intro', properties: { video_title: 'Intro', a_b: 1 } })],
    `${ACT} trackCustomBehavioralEvent: key.replace(/[\\s.]+/g, '_').toLowerCase(), values trimmed`,
  ],
  [
    'property names longer than 128 characters are left out (Switchboard: bounds what a deep path over many leaves costs)',
    track('Deep', { ['k'.repeat(125)]: { abcd: 1, b: 2 }, ok: 1 }),
    S,
    [push('trackCustomBehavioralEvent', { name: 'pe123456_deep', properties: { [`${'k'.repeat(125)}_b`]: 2, ok: 1 } })],
    `${ACT} trackCustomBehavioralEvent: utils/flatten (Switchboard caps the name length)`,
  ],
  ['formatCustomBehavioralEventNames off → the internal name as given', track('pe123456_signup', { a: 1 }), { ...S, formatCustomBehavioralEventNames: false }, [push('trackCustomBehavioralEvent', { name: 'pe123456_signup', properties: { a: 1 } })], `${ACT} settings: formatCustomBehavioralEventNames (default true)`],
  ['page (later views) → setPath, trackPageView', page('Docs', 'Index'), S, [push('setPath', '/docs/install?x=1'), push('trackPageView')], `${ACT} trackPageView: trackPageView on page; ${DOCS} setPath: the path before trackPageView in single-page apps`],
  [
    'identify with an email → identify with the contact',
    identify('user-42', { email: ' jane@example.com ', firstname: 'Jane', plan: 'pro', company: { name: 'Acme', id: 'c-1' }, address: { street: '1 Main St', city: 'Paris', state: 'IDF', postalCode: '75001', country: 'FR' }, tags: ['a', 'b'] }),
    S,
    [push('identify', { email: 'jane@example.com', firstname: 'Jane', plan: 'pro', tags_0: 'a', tags_1: 'b', id: 'user-42', company: 'Acme', country: 'FR', state: 'IDF', city: 'Paris', address: '1 Main St', zip: '75001' })],
    `${ACT} upsertContact: email, id ← userId, company ← company.name, address fields; other traits flattened (address, company skipped)`,
  ],
  ['identify: a company given as a name', identify(null, { email: 'j@x.io', company: 'Acme' }), S, [push('identify', { email: 'j@x.io', company: 'Acme' })], `${ACT} upsertContact: company name (Switchboard also takes a string company, as the classic HubSpot integration does)`],
  ['identify with flushIdentifyImmediately → identify, trackPageView', identify('u', { email: 'j@x.io' }), { ...S, flushIdentifyImmediately: true }, [push('identify', { email: 'j@x.io', id: 'u' }), push('trackPageView')], `${ACT} upsertContact: flushIdentifyImmediately`],
  ['identify without an email → nothing', identify('user-42', { plan: 'pro' }), S, [], `${ACT} upsertContact: email required`],
  ['group → nothing', group('g-1', { name: 'Acme' }), S, [], `${ACT}: no group action`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${ACT}: no alias action`],
]

describe('HubSpot: golden table (Hubspot Web (Actions) presets)', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^action-destinations hubspot-web/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('the first page view of a page load sets the path only: the tracking code records it when it loads (HubSpot tracking code API: push no trackPageView before the code loads)', () => {
    expect(translate(page('Docs', 'Index'), S, true)).toEqual([push('setPath', '/docs/install?x=1')])
  })

  it('script: the portal’s loader, US or EU (action-destinations hubspot-web initialize)', () => {
    expect(scriptSrc(S)).toBe('https://js.hs-scripts.com/123456.js')
    expect(scriptSrc({ ...S, enableEuropeanDataCenter: true })).toBe('https://js-eu1.hs-scripts.com/123456.js')
    expect(eventName('Order Completed', { portalId: 42 })).toBe('pe42_order_completed')
  })
})
