// Golden table: spec message → the exact dataLayer pushes Segment's classic Google Tag Manager
// integration makes (analytics.js-integrations, integrations/google-tag-manager/lib/index.js).
import { describe, expect, it } from 'vitest'
import { initCalls, scriptUrl, translate, type GtmSettings } from '../../plugins/google-tag-manager/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: GtmSettings = { containerId: 'GTM-ABC123' }
const push = (obj: Record<string, unknown>): VendorCall => ({ fn: 'dataLayer.push', args: [obj] })
const PAGE = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }
const DOCS_INDEX = { ...PAGE, name: 'Index', category: 'Docs' }
const SRC = 'analytics.js-integrations google-tag-manager'

type Row = [name: string, msg: SegmentEvent, settings: GtmSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}: pushed unchanged`, track(event, ECOMMERCE[event]), S, [push({ ...ECOMMERCE[event], event, segmentAnonymousId: ANON })], `${SRC} track(): push({ ...properties, userId?, segmentAnonymousId, event }), no e-commerce mapping`]),
  ['track with a user id', track('Played Video', { title: 'Tango' }, { userId: 'user-42' }), S, [push({ title: 'Tango', event: 'Played Video', userId: 'user-42', segmentAnonymousId: ANON })], `${SRC} track(): userId and segmentAnonymousId from the user`],
  ['page, no page settings: nothing', page('Docs', 'Index'), S, [], `${SRC} page(): every rule off (the catalog defaults)`],
  [
    'page with category and name, all three rules: one push each',
    page('Docs', 'Index'),
    { ...S, trackAllPages: true, trackNamedPages: true, trackCategorizedPages: true },
    ['Loaded a Page', 'Viewed Docs Page', 'Viewed Docs Index Page'].map((event) => push({ ...DOCS_INDEX, event, segmentAnonymousId: ANON })),
    `${SRC} page(): all → page.track(); categorized → track(category); named → track(page.fullName())`,
  ],
  ['page with category and name, named: the full name', page('Docs', 'Index'), { ...S, trackNamedPages: true }, [push({ ...DOCS_INDEX, event: 'Viewed Docs Index Page', segmentAnonymousId: ANON })], `${SRC} page(): name = page.fullName()`],
  ['page without category, named and categorized', page(undefined, 'Pricing'), { ...S, trackNamedPages: true, trackCategorizedPages: true }, [push({ ...PAGE, name: 'Pricing', event: 'Viewed Pricing Page', segmentAnonymousId: ANON })], `${SRC} page(): categorized needs a category`],
  ['non-ASCII event names kept', track('Añadir al carrito', { sku: 'x' }), S, [push({ sku: 'x', event: 'Añadir al carrito', segmentAnonymousId: ANON })], `${SRC} track(): event = track.event()`],
  ['カートに追加', track('カートに追加'), S, [push({ event: 'カートに追加', segmentAnonymousId: ANON })], `${SRC} track(): event = track.event()`],
  ['Dates reach the dataLayer as the caller gave them', track('Booked', { at: new Date('2026-01-02T00:00:00Z'), on: '2026-01-02' }), S, [push({ at: new Date('2026-01-02T00:00:00Z'), on: '2026-01-02', event: 'Booked', segmentAnonymousId: ANON })], `${SRC} track(): properties pushed as they are`],
  ['identify → nothing', identify('user-42', { plan: 'pro' }), S, [], `${SRC}: no identify()`],
  ['group → nothing', group('g-1'), S, [], `${SRC}: no group()`],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${SRC}: no alias()`],
]

describe('Google Tag Manager: golden table (Segment classic GTM)', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^analytics\.js-integrations google-tag-manager/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('script URL (analytics.js-integrations google-tag-manager tags): fullURLpath is a host and path, the container and environment appended', () => {
    expect(scriptUrl(S)).toBe('https://www.googletagmanager.com/gtm.js?id=GTM-ABC123&l=dataLayer')
    expect(scriptUrl({ ...S, environment: 'env-5&gtm_auth=abc' })).toBe('https://www.googletagmanager.com/gtm.js?id=GTM-ABC123&l=dataLayer&gtm_preview=env-5&gtm_auth=abc')
    expect(scriptUrl({ ...S, fullURLpath: 'gtm.example.com/gtm.js' })).toBe('https://gtm.example.com/gtm.js?id=GTM-ABC123&l=dataLayer')
    expect(scriptUrl({ ...S, fullURLpath: 'gtm.example.com/x.js', environment: 'env-2&gtm_auth=z' })).toBe('https://gtm.example.com/x.js?id=GTM-ABC123&l=dataLayer&gtm_preview=env-2&gtm_auth=z')
    // A protocol given anyway is not doubled.
    expect(scriptUrl({ ...S, fullURLpath: 'https://gtm.example.com/gtm.js' })).toBe('https://gtm.example.com/gtm.js?id=GTM-ABC123&l=dataLayer')
  })

  it('Switchboard option ga4Ecommerce: Order Completed also pushes the GA4 ecommerce object after clearing it', () => {
    expect(translate(track('Order Completed', ORDER), { ...S, ga4Ecommerce: true })).toEqual([
      push({ ...ORDER, event: 'Order Completed', segmentAnonymousId: ANON }),
      push({ ecommerce: null }),
      push({
        event: 'purchase',
        ecommerce: {
          transaction_id: '50314b8e9bcf000000000000',
          currency: 'USD',
          value: 27.5,
          tax: 2,
          shipping: 3,
          coupon: 'hasbros',
          affiliation: 'Google Store',
          items: [
            { item_id: MONOPOLY.product_id, item_name: MONOPOLY.name, item_category: 'Games', price: 19, quantity: 1 },
            { item_id: UNO.product_id, item_name: UNO.name, item_category: 'Games', price: 3, quantity: 2 },
          ],
        },
      }),
    ])
  })

  it('init pushes the gtm.js start marker (analytics.js-integrations google-tag-manager initialize())', () => {
    expect(initCalls(new Date(1700000000000))).toEqual([push({ 'gtm.start': 1700000000000, event: 'gtm.js' })])
  })
})
