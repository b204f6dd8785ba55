import { describe, expect, it } from 'vitest'
import { initCalls, translate, type GtmSettings } from '../../plugins/google-tag-manager/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import { ANON, ECOMMERCE, MONOPOLY, ORDER, UNO, alias, group, identify, page, track } from './fixtures'

const S: GtmSettings = { containerId: 'GTM-ABC123' }
const push = (obj: Record<string, unknown>): VendorCall => ({ fn: 'dataLayer.push', args: [obj] })
const PAGE_PROPS = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }

describe('Google Tag Manager: translate', () => {
  it('track spreads properties at the top level with the event name and ids', () => {
    const msg = track('Played Video', { title: 'How to Dance the Tango', location: 'Tango FAQ Page' })
    expect(translate(msg, S)).toEqual([push({ title: 'How to Dance the Tango', location: 'Tango FAQ Page', event: 'Played Video', segmentAnonymousId: ANON })])
    expect(translate({ ...msg, userId: 'user-42' }, S)).toEqual([
      push({ title: 'How to Dance the Tango', location: 'Tango FAQ Page', event: 'Played Video', userId: 'user-42', segmentAnonymousId: ANON }),
    ])
  })

  // The classic GTM mapping does not transform e-commerce: every v2 event is pushed as-is.
  it.each(Object.keys(ECOMMERCE))('%s is pushed unchanged', (event) => {
    expect(translate(track(event, ECOMMERCE[event]), S)).toEqual([push({ ...ECOMMERCE[event], event, segmentAnonymousId: ANON })])
  })

  it('with ga4Ecommerce, Order Completed also pushes the GA4 ecommerce object after clearing it', () => {
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

  it.each<[string, GtmSettings, VendorCall[]]>([
    ['no page settings: nothing pushed', S, []],
    ['trackAllPages', { ...S, trackAllPages: true }, [push({ ...PAGE_PROPS, name: 'Install', category: 'Docs', event: 'Loaded a Page', segmentAnonymousId: ANON })]],
    ['trackNamedPages: full name', { ...S, trackNamedPages: true }, [push({ ...PAGE_PROPS, name: 'Install', category: 'Docs', event: 'Viewed Docs Install Page', segmentAnonymousId: ANON })]],
    ['trackCategorizedPages', { ...S, trackCategorizedPages: true }, [push({ ...PAGE_PROPS, name: 'Install', category: 'Docs', event: 'Viewed Docs Page', segmentAnonymousId: ANON })]],
    [
      'all three',
      { ...S, trackAllPages: true, trackNamedPages: true, trackCategorizedPages: true },
      ['Loaded a Page', 'Viewed Docs Page', 'Viewed Docs Install Page'].map((event) => push({ ...PAGE_PROPS, name: 'Install', category: 'Docs', event, segmentAnonymousId: ANON })),
    ],
  ])('page: %s', (_name, s, calls) => {
    expect(translate(page('Docs', 'Install'), s)).toEqual(calls)
  })

  it('named page without a category', () => {
    expect(translate(page(undefined, 'Pricing'), { ...S, trackNamedPages: true, trackCategorizedPages: true })).toEqual([
      push({ ...PAGE_PROPS, name: 'Pricing', event: 'Viewed Pricing Page', segmentAnonymousId: ANON }),
    ])
  })

  it('identify, group and alias push nothing', () => {
    expect(translate(identify('user-42', { plan: 'pro' }), S)).toEqual([])
    expect(translate(group('g-1'), S)).toEqual([])
    expect(translate(alias('user-42', 'anon'), S)).toEqual([])
  })

  it('init pushes the gtm.js start marker', () => {
    expect(initCalls(new Date(1700000000000))).toEqual([push({ 'gtm.start': 1700000000000, event: 'gtm.js' })])
  })
})
