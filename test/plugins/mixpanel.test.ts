// Golden table: spec message → the exact mixpanel-js calls Segment's classic Mixpanel integration
// makes (analytics.js-integrations, integrations/mixpanel/lib/index.js), one source note per row.
import { describe, expect, it, vi } from 'vitest'
import { initCalls, invertObjectArrays, pageEvent, resetCalls, translate } from '../../plugins/mixpanel/translate'
import { guardAlias } from '../../plugins/mixpanel/alias-guard'
import type { MixpanelSettings } from '../../plugins/mixpanel/settings'
import type { SegmentEvent } from '../../src/core/types'
import { call, type VendorCall } from '../../plugins/shared/vendor-call'
import { ECOMMERCE, MONOPOLY, ORDER, TIMESTAMP, UNO, alias, group, identify, page, track } from './fixtures'

const S: MixpanelSettings = { token: 'mp-token' }
const mp = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'mixpanel.' + fn, args })
const SRC = 'analytics.js-integrations mixpanel'
const PAGE = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: 'https://www.example.com/docs/install?x=1' }
const DOCS_INDEX = { ...PAGE, name: 'Index', category: 'Docs' }

/** The classic inversion, written out independently: `products:[{a:1}]` → `products_as:[1]`, values present only. */
function inverted(props: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {}
  for (const [k, v] of Object.entries(props)) {
    if (Array.isArray(v) && v.length && v.every((o) => o && typeof o === 'object' && !Array.isArray(o))) {
      for (const o of v) for (const key of Object.keys(o)) (out[`${k}_${key}s`] ??= []).push(o[key])
    } else out[k] = v
  }
  return out
}

/** Revenue charged to People (`people` on) for the v2 events that carry one: `revenue`, or `total` for Order Completed. */
const CHARGES: Record<string, number> = { 'Checkout Started': 25, 'Order Updated': 25, 'Order Completed': 22.5, 'Order Cancelled': 25 }

type Row = [name: string, msg: SegmentEvent, settings: MixpanelSettings, calls: VendorCall[], source: string]

const PAGES: Row[] = [
  ['page, no page settings: nothing', page('Docs', 'Index'), S, [], `${SRC} page(): no rule applies`],
  ['page, consolidated page calls', page('Docs', 'Index'), { ...S, consolidatedPageCalls: true, trackCategorizedPages: true }, [mp('track', 'Loaded a Page', DOCS_INDEX)], `${SRC} page(): consolidatedPageCalls → page.track() first`],
  ['page, all pages', page('Docs', 'Index'), { ...S, trackAllPages: true, trackNamedPages: true, trackCategorizedPages: true }, [mp('track', 'Loaded a Page', DOCS_INDEX)], `${SRC} page(): trackAllPages → one Loaded a Page, then return`],
  ['page with category and name, categorized', page('Docs', 'Index'), { ...S, trackCategorizedPages: true, trackNamedPages: true }, [mp('track', 'Viewed Docs Index Page', DOCS_INDEX)], `${SRC} page(): categorized pages with a name use page.fullName()`],
  ['page with category only, categorized', page('Docs'), { ...S, trackCategorizedPages: true }, [mp('track', 'Viewed Docs Page', { ...PAGE, category: 'Docs' })], `${SRC} page(): categorized pages, page.track(category)`],
  ['page with category and name, named only', page('Docs', 'Index'), { ...S, trackNamedPages: true }, [mp('track', 'Viewed Index Page', DOCS_INDEX)], `${SRC} page(): named pages, page.track(name) (name only)`],
  ['page without category, named', page(undefined, 'Pricing'), { ...S, trackNamedPages: true, trackCategorizedPages: true }, [mp('track', 'Viewed Pricing Page', { ...PAGE, name: 'Pricing' })], `${SRC} page(): no category, so the named rule`],
  ['page without a name, named only: nothing', page(), { ...S, trackNamedPages: true }, [], `${SRC} page(): named pages need a name`],
  ['page, non-ASCII names kept', page('Tienda', 'Año'), { ...S, trackCategorizedPages: true }, [mp('track', 'Viewed Tienda Año Page', { ...PAGE, name: 'Año', category: 'Tienda' })], `${SRC} page(): names used as given`],
  ['page goes through track: source name and reserved keys', page('Docs', 'Index', { token: 't', ip: '1.2.3.4' }), { ...S, trackAllPages: true, sourceName: 'web' }, [mp('track', 'Loaded a Page', { ...DOCS_INDEX, segment_source_name: 'web' })], `${SRC} page(): this.track(page.track()) applies track()'s rules`],
]

const TRACKS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [
    `E-commerce v2 ${event}: tracked as-is, product lists inverted${CHARGES[event] ? ', revenue charged first' : ''}`,
    track(event, ECOMMERCE[event]),
    S,
    [...(CHARGES[event] ? [mp('people.track_charge', CHARGES[event])] : []), mp('track', event, inverted(ECOMMERCE[event]))],
    `${SRC} track(): no e-commerce mapping; people.track_charge(track.revenue()) before mixpanel.track`,
  ]),
  [
    'Order Completed, People off',
    track('Order Completed', ORDER),
    { ...S, people: false },
    [
      mp('track', 'Order Completed', {
        checkout_id: ORDER.checkout_id, order_id: ORDER.order_id, affiliation: 'Google Store', total: 27.5, subtotal: 22.5, revenue: 22.5, shipping: 3, tax: 2, discount: 2.5, coupon: 'hasbros', currency: 'USD',
        products_product_ids: [MONOPOLY.product_id, UNO.product_id],
        products_skus: [MONOPOLY.sku, UNO.sku],
        products_names: [MONOPOLY.name, UNO.name],
        products_prices: [19, 3],
        products_quantitys: [1, 2],
        products_categorys: ['Games', 'Games'],
        products_urls: [MONOPOLY.url],
        products_image_urls: [MONOPOLY.image_url],
      }),
    ],
    `${SRC} track(): invertObjectArrays, People operations only when people is on`,
  ],
  ['Order Completed without revenue charges the total', track('Order Completed', { total: 9 }), S, [mp('people.track_charge', 9), mp('track', 'Order Completed', { total: 9 })], `${SRC} track(): facade revenue() falls back to total for Order Completed`],
  [
    'increments, source name, reserved keys, super properties (in that order)',
    track('Logged In', { token: 't', distinct_id: 'd', ip: '1.2.3.4', mp_note: 'n', points: 5, plan: 'pro' }),
    { ...S, eventIncrements: ['logged in'], propIncrements: ['Points'], superProperties: ['plan'], sourceName: 'web' },
    [
      mp('people.increment', 'Logged In'),
      mp('people.set', 'Last Logged In', new Date(TIMESTAMP)),
      mp('people.increment', 'points', 5),
      mp('track', 'Logged In', { points: 5, plan: 'pro', segment_source_name: 'web' }),
      mp('register', { plan: 'pro' }),
    ],
    `${SRC} track(): increments (case-insensitive), then track, then register(superProps)`,
  ],
  ['link_query → track_links', track('Clicked Nav', { link_query: '#nav a', section: 'top' }), S, [mp('track_links', '#nav a', 'Clicked Nav', { section: 'top' })], `${SRC} track(): props.link_query → mixpanel.track_links(query, event, props)`],
  ['form_query → track_forms', track('Signed Up', { form_query: 'form.signup', plan: 'pro' }), S, [mp('track_forms', 'form.signup', 'Signed Up', { plan: 'pro' })], `${SRC} track(): props.form_query → mixpanel.track_forms(query, event, props)`],
  ['non-ASCII event names kept', track('Añadir al carrito', { sku: 'x' }), S, [mp('track', 'Añadir al carrito', { sku: 'x' })], `${SRC} track(): track.event() as given`],
  ['カートに追加', track('カートに追加'), S, [mp('track', 'カートに追加', {})], `${SRC} track(): track.event() as given`],
  [
    'Dates (top level and in product lists) → ISO strings; ISO strings stay',
    track('Booked', { at: new Date('2026-01-02T03:04:05Z'), on: '2026-01-02', items: [{ at: new Date('2026-02-01T00:00:00Z') }] }),
    S,
    [mp('track', 'Booked', { at: '2026-01-02T03:04:05.000Z', on: '2026-01-02', items_ats: ['2026-02-01T00:00:00.000Z'] })],
    `${SRC} track(): dates(props, iso) before invertObjectArrays`,
  ],
]

const IDENTIFIES: Row[] = [
  [
    'identify: identify, name_tag, register and People with renamed traits, lists unioned',
    identify('user-42', { email: 'jane@x.io', firstName: 'Jane', createdAt: new Date('2020-01-01T00:00:00Z'), plan: 'pro', tags: ['a', 'b'], none: [] }),
    S,
    [
      mp('identify', 'user-42'),
      mp('name_tag', 'jane@x.io'),
      mp('register', { $email: 'jane@x.io', $first_name: 'Jane', $created: '2020-01-01T00:00:00.000Z', plan: 'pro', tags: ['a', 'b'], none: [], id: 'user-42' }),
      mp('people.set', { $email: 'jane@x.io', $first_name: 'Jane', $created: '2020-01-01T00:00:00.000Z', plan: 'pro', none: [], id: 'user-42' }),
      mp('people.union', { tags: ['a', 'b'] }),
    ],
    `${SRC} identify(): identify.traits(traitAliases), dates → ISO, non-empty arrays → people.union`,
  ],
  [
    'identify with explicit lists (listed names renamed too)',
    identify('u1', { plan: 'pro', seats: 3, email: 'e@x.io', other: 1 }),
    { ...S, setAllTraitsByDefault: false, superProperties: ['plan', 'email'], peopleProperties: ['seats'] },
    [mp('identify', 'u1'), mp('name_tag', 'e@x.io'), mp('register', { plan: 'pro', $email: 'e@x.io' }), mp('people.set', { seats: 3, $email: 'e@x.io' })],
    `${SRC} identify(): pick(mapTraits(superProperties)); peopleProperties extended with the special traits`,
  ],
  ['identify, People off, name tag from the user id', identify('u1', { name: 'Jo' }), { ...S, people: false }, [mp('identify', 'u1'), mp('name_tag', 'u1'), mp('register', { $name: 'Jo', id: 'u1' })], `${SRC} identify(): nametag = email || username || id`],
  ['identify without a user id', identify(null, { username: 'jo' }), { ...S, people: false }, [mp('name_tag', 'jo'), mp('register', { $username: 'jo' })], `${SRC} identify(): no mixpanel.identify without an id`],
]

const GROUPS: Row[] = [
  [
    'group: set_once for every key, then set_group for every key',
    group('g-1', { name: 'Acme' }),
    { ...S, groupIdentifierTraits: ['company', 'org'] },
    [
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set_once', args: [{ name: 'Acme' }] } },
      { ...mp('get_group', 'org', 'g-1'), then: { fn: 'set_once', args: [{ name: 'Acme' }] } },
      mp('set_group', 'company', ['g-1']),
      mp('set_group', 'org', ['g-1']),
    ],
    `${SRC} group(): get_group(k, id).set_once(traits) per key, then set_group(k, [id]) per key`,
  ],
  ['group without traits: set_group only', group('g-1', {}), { ...S, groupIdentifierTraits: ['company'] }, [mp('set_group', 'company', ['g-1'])], `${SRC} group(): set_once only when there are traits`],
  ['group without a user id: nothing', group('g-1', { name: 'Acme' }, { userId: null }), { ...S, groupIdentifierTraits: ['company'] }, [], `${SRC} group(): needs groupId, userId and keys`],
  ['group without keys: nothing', group('g-1', { name: 'Acme' }), S, [], `${SRC} group(): needs groupIdentifierTraits`],
]

const ALIASES: Row[] = [['alias → mixpanel.alias(to, from)', alias('user-42', 'anon-1'), S, [mp('alias', 'user-42', 'anon-1')], `${SRC} alias(): mp.alias(alias.to(), alias.from())`]]

describe('Mixpanel: golden table (Segment classic Mixpanel)', () => {
  it.each([...PAGES, ...TRACKS, ...IDENTIFIES, ...GROUPS, ...ALIASES])('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^analytics\.js-integrations mixpanel /)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('pageEvent: one event at most, first rule wins', () => {
    expect(pageEvent(page('Docs', 'Index'), { ...S, trackAllPages: true, trackCategorizedPages: true })).toBe('Loaded a Page')
    expect(pageEvent(page(), { ...S, trackCategorizedPages: true, trackNamedPages: true })).toBeUndefined()
  })

  it('Switchboard choice: empty People calls are not sent (Segment sends people.union({}), which changes nothing)', () => {
    expect(translate(identify('u1', { plan: 'pro' }), S)).toEqual([mp('identify', 'u1'), mp('name_tag', 'u1'), mp('register', { plan: 'pro', id: 'u1' }), mp('people.set', { plan: 'pro', id: 'u1' })])
  })

  it('Switchboard extension: groupTraitsToSetOnce splits group traits between set_once and set', () => {
    expect(translate(group('g-1', { name: 'Acme', created: 'x' }), { ...S, groupIdentifierTraits: ['company'], groupTraitsToSetOnce: ['created'] })).toEqual([
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set_once', args: [{ created: 'x' }] } },
      { ...mp('get_group', 'company', 'g-1'), then: { fn: 'set', args: [{ name: 'Acme' }] } },
      mp('set_group', 'company', ['g-1']),
    ])
  })

  it('arrays of objects become one list per key', () => {
    expect(invertObjectArrays(ECOMMERCE['Product List Filtered'])).toEqual(inverted(ECOMMERCE['Product List Filtered']))
    expect(invertObjectArrays({ tags: ['a'], empty: [] })).toEqual({ tags: ['a'], empty: [] })
  })

  it('init registers mp_lib (analytics.js-integrations mixpanel initialize(): loaded → register({ mp_lib }))', () => {
    expect(initCalls(S)).toEqual([mp('init', 'mp-token', { cross_subdomain_cookie: true, secure_cookie: false, persistence: 'cookie' }), mp('register', { mp_lib: 'Segment: web' })])
    expect(initCalls({ ...S, enableEuropeanUnionEndpoint: true, persistence: 'localStorage', secureCookie: true })[0]).toEqual(
      mp('init', 'mp-token', { cross_subdomain_cookie: true, secure_cookie: true, persistence: 'localStorage', api_host: 'https://api-eu.mixpanel.com' }),
    )
  })

  it('reset clears the user and registers mp_lib again (Switchboard: Segment never reset Mixpanel)', () => {
    expect(resetCalls()).toEqual([mp('reset'), mp('register', { mp_lib: 'Segment: web' })])
  })
})

describe('Mixpanel: alias guard (analytics.js-integrations mixpanel alias(): skip when get_distinct_id() or $people_distinct_id is the new id)', () => {
  const w = window as any
  const aliasCall = () => [call('mixpanel.alias', 'user-42', 'anon-1'), call('mixpanel.track', 'x', {})]

  it('keeps the alias while the SDK is not loaded (the stub has no get_distinct_id)', async () => {
    w.mixpanel = []
    expect((await guardAlias(aliasCall())).map((c) => c.fn)).toEqual(['mixpanel.alias', 'mixpanel.track'])
  })

  it('drops it when the distinct id or the People distinct id already is the new id', async () => {
    w.mixpanel = { get_distinct_id: () => 'user-42', get_property: () => undefined }
    expect((await guardAlias(aliasCall())).map((c) => c.fn)).toEqual(['mixpanel.track'])
    w.mixpanel = { get_distinct_id: () => 'anon-1', get_property: vi.fn(() => 'user-42') }
    expect((await guardAlias(aliasCall())).map((c) => c.fn)).toEqual(['mixpanel.track'])
    w.mixpanel = { get_distinct_id: () => 'anon-1', get_property: () => undefined }
    expect((await guardAlias(aliasCall())).map((c) => c.fn)).toEqual(['mixpanel.alias', 'mixpanel.track'])
    delete w.mixpanel
  })
})
