import { describe, expect, it } from 'vitest'
import { initCalls, invertObjectArrays, resetCalls, translate } from '../../plugins/mixpanel/translate'
import type { MixpanelSettings } from '../../plugins/mixpanel/settings'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import { ECOMMERCE, MONOPOLY, ORDER, TIMESTAMP, UNO, alias, group, identify, page, track } from './fixtures'

const S: MixpanelSettings = { token: 'mp-token' }
const mp = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'mixpanel.' + fn, args })
const PAGE_PROPS = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1', name: 'Install', category: 'Docs' }

/** Revenue charged to People (on by default) for the v2 events that carry one. */
const CHARGES: Record<string, number> = { 'Checkout Started': 25, 'Order Updated': 25, 'Order Completed': 22.5, 'Order Cancelled': 25 }

describe('Mixpanel: translate', () => {
  // No e-commerce transformation: each v2 event is tracked as-is (product arrays inverted).
  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    const props = ECOMMERCE[event]
    const expected = invertObjectArrays(props)
    const calls = [mp('track', event, expected)]
    if (CHARGES[event]) calls.push(mp('people.track_charge', CHARGES[event]))
    expect(translate(track(event, props), S)).toEqual(calls)
    expect(translate(track(event, props), { ...S, people: false })).toEqual([mp('track', event, expected)])
  })

  it('arrays of objects become one list per key', () => {
    expect(invertObjectArrays(ECOMMERCE['Product List Filtered'])).toEqual({
      list_id: 'todays_deals',
      filters_types: ['department'],
      filters_values: ['beauty'],
      sorts_types: ['price'],
      sorts_values: ['desc'],
      products_product_ids: ['p1', 'p2'],
      products_names: ['Monopoly', 'Uno'],
      products_prices: [19, 3],
      products_positions: [1, 2],
      products_categorys: ['Games', 'Games'],
    })
    expect(invertObjectArrays({ tags: ['a'], empty: [] })).toEqual({ tags: ['a'], empty: [] })
  })

  it('Order Completed: products inverted, revenue charged to People when people is on', () => {
    const { products: _p, ...order } = ORDER
    const props = {
      ...order,
      products_product_ids: [MONOPOLY.product_id, UNO.product_id],
      products_skus: [MONOPOLY.sku, UNO.sku],
      products_names: [MONOPOLY.name, UNO.name],
      products_prices: [19, 3],
      products_quantitys: [1, 2],
      products_categorys: ['Games', 'Games'],
      // Only the values present, no gaps: Segment's classic Mixpanel integration (invertObjectArray).
      products_urls: [MONOPOLY.url],
      products_image_urls: [MONOPOLY.image_url],
    }
    expect(translate(track('Order Completed', ORDER), { ...S, people: false })).toEqual([mp('track', 'Order Completed', props)])
    expect(translate(track('Order Completed', ORDER), S)).toEqual([mp('track', 'Order Completed', props), mp('people.track_charge', 22.5)])
    // Without revenue, the order total is charged.
    expect(translate(track('Order Completed', { total: 9 }), S)).toEqual([mp('track', 'Order Completed', { total: 9 }), mp('people.track_charge', 9)])
  })

  it('track: reserved keys stripped, dates as ISO, source name, increments, super properties', () => {
    const s: MixpanelSettings = { ...S, people: true, eventIncrements: ['logged in'], propIncrements: ['Points'], superProperties: ['plan'], sourceName: 'web' }
    const msg = track('Logged In', { token: 't', distinct_id: 'd', ip: '1.2.3.4', at: new Date('2026-01-02T00:00:00Z'), points: 5, plan: 'pro' })
    expect(translate(msg, s)).toEqual([
      mp('track', 'Logged In', { at: '2026-01-02T00:00:00.000Z', points: 5, plan: 'pro', segment_source_name: 'web' }),
      mp('register', { plan: 'pro' }),
      mp('people.increment', 'Logged In'),
      mp('people.set', 'Last Logged In', TIMESTAMP),
      mp('people.increment', 'points', 5),
    ])
  })

  it.each<[string, MixpanelSettings, VendorCall[]]>([
    ['no page settings: nothing', S, []],
    ['consolidatedPageCalls wins', { ...S, consolidatedPageCalls: true, trackNamedPages: true }, [mp('track', 'Loaded a Page', PAGE_PROPS)]],
    ['trackAllPages', { ...S, trackAllPages: true }, [mp('track', 'Loaded a Page', PAGE_PROPS)]],
    ['trackNamedPages', { ...S, trackNamedPages: true }, [mp('track', 'Viewed Docs Install Page', PAGE_PROPS)]],
    ['categorized wins over named', { ...S, trackNamedPages: true, trackCategorizedPages: true }, [mp('track', 'Viewed Docs Page', PAGE_PROPS)]],
  ])('page: %s', (_name, s, calls) => {
    expect(translate(page('Docs', 'Install'), s)).toEqual(calls)
  })

  it('identify: identify, name_tag, super properties and People (special traits renamed, arrays unioned)', () => {
    const traits = { email: 'jane@x.io', firstName: 'Jane', createdAt: new Date('2020-01-01T00:00:00Z'), plan: 'pro', tags: ['a', 'b'] }
    expect(translate(identify('user-42', traits), S)).toEqual([
      mp('identify', 'user-42'),
      mp('name_tag', 'jane@x.io'),
      mp('register', { email: 'jane@x.io', firstName: 'Jane', createdAt: '2020-01-01T00:00:00.000Z', plan: 'pro', tags: ['a', 'b'], id: 'user-42' }),
      mp('people.set', { $email: 'jane@x.io', $first_name: 'Jane', $created: '2020-01-01T00:00:00.000Z', plan: 'pro', id: 'user-42' }),
      mp('people.union', { tags: ['a', 'b'] }),
    ])
  })

  it('identify with explicit lists, no People, legacy super properties', () => {
    const s: MixpanelSettings = { ...S, setAllTraitsByDefault: false, superProperties: ['plan'], peopleProperties: ['seats'] }
    expect(translate(identify('u1', { plan: 'pro', seats: 3, email: 'e@x.io', other: 1 }), s)).toEqual([
      mp('identify', 'u1'),
      mp('name_tag', 'e@x.io'),
      mp('register', { plan: 'pro' }),
      mp('people.set', { seats: 3, $email: 'e@x.io' }),
    ])
    expect(translate(identify('u1', { name: 'Jo' }), { ...S, people: false, legacySuperProperties: true })).toEqual([
      mp('identify', 'u1'),
      mp('name_tag', 'u1'),
      mp('register', { $name: 'Jo', id: 'u1' }),
    ])
  })

  it('group: get_group().set_once per identifier trait, then set_group; needs a user id', () => {
    const s: MixpanelSettings = { ...S, groupIdentifierTraits: ['company'] }
    expect(translate(group('g-1', { name: 'Acme' }), s)).toEqual([
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set_once', args: [{ name: 'Acme' }] } },
      mp('set_group', 'company', ['g-1']),
    ])
    const split = { ...s, groupTraitsToSetOnce: ['created'] }
    expect(translate(group('g-1', { name: 'Acme', created: 'x' }), split)).toEqual([
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set_once', args: [{ created: 'x' }] } },
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set', args: [{ name: 'Acme' }] } },
      mp('set_group', 'company', ['g-1']),
    ])
    expect(translate(group('g-1', { name: 'Acme' }, { userId: null }), s)).toEqual([])
    expect(translate(group('g-1', { name: 'Acme' }), S)).toEqual([])
  })

  it('alias → mixpanel.alias(userId, previousId)', () => {
    expect(translate(alias('user-42', 'anon-1'), S)).toEqual([mp('alias', 'user-42', 'anon-1')])
  })

  it('init and reset', () => {
    expect(initCalls(S)).toEqual([mp('init', 'mp-token', { cross_subdomain_cookie: true, secure_cookie: false, persistence: 'cookie' })])
    expect(initCalls({ ...S, enableEuropeanUnionEndpoint: true, persistence: 'localStorage', secureCookie: true })).toEqual([
      mp('init', 'mp-token', { cross_subdomain_cookie: true, secure_cookie: true, persistence: 'localStorage', api_host: 'https://api-eu.mixpanel.com' }),
    ])
    expect(resetCalls()).toEqual([mp('reset')])
  })
})
