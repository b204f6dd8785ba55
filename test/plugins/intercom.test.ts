// Golden table: spec message → the exact Intercom() calls of Segment's "Intercom Web (Actions)"
// presets (action-destinations browser-destinations/intercom: identifyUser on identify and page,
// identifyCompany on group, trackEvent on track), with the classic "Intercom" integration's
// scalar custom attributes (analytics.js-integrations intercom). One source note per row.
import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, scriptSrc, translate, unixSeconds, type IntercomSettings } from '../../plugins/intercom/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ECOMMERCE, ORDER, alias, group, identify, page, track } from './fixtures'

const S: IntercomSettings = { appId: 'abc123' }
const ic = (...args: unknown[]): VendorCall => ({ fn: 'Intercom', args })
const ACT = 'action-destinations intercom'
const CLASSIC = 'analytics.js-integrations intercom'
const TRACK = `${ACT} trackEvent: Intercom('trackEvent', event, properties without objects and arrays)`

/** Metadata Intercom gets for an e-commerce event: scalars kept, price from revenue in cents. */
function metadata(props: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {}
  for (const [k, v] of Object.entries(props)) if (v === null || typeof v !== 'object') out[k] = v
  if (props.revenue) {
    delete out.revenue
    delete out.currency
    out.price = { amount: Math.round(props.revenue * 100), currency: props.currency || 'USD' }
  }
  return out
}

type Row = [name: string, msg: SegmentEvent, settings: IntercomSettings, calls: VendorCall[], source: string]

const CREATED = '2020-01-01T00:00:00.000Z'
const CREATED_S = 1577836800

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}: an event with its scalar properties`, track(event, ECOMMERCE[event]), S, [ic('trackEvent', event, metadata(ECOMMERCE[event]))], TRACK]),
  [
    'Order Completed: revenue → price in cents with its currency; products dropped',
    track('Order Completed', ORDER),
    S,
    [ic('trackEvent', 'Order Completed', { checkout_id: ORDER.checkout_id, order_id: ORDER.order_id, affiliation: 'Google Store', total: 27.5, subtotal: 22.5, shipping: 3, tax: 2, discount: 2.5, coupon: 'hasbros', price: { amount: 2250, currency: 'USD' } })],
    `${ACT} trackEvent: price = { amount: revenue * 100, currency ?? 'USD' }, revenue and currency removed`,
  ],
  ['revenue without a currency → USD; amounts rounded to whole cents', track('Upgraded', { revenue: 19.99, plan: 'pro' }), S, [ic('trackEvent', 'Upgraded', { plan: 'pro', price: { amount: 1999, currency: 'USD' } })], `${ACT} trackEvent: currency defaults to USD (Switchboard rounds 1998.9999… to 1999)`],
  ['a revenue too large for cents → no price; revenue and currency stay properties', track('Upgraded', { revenue: 1e308, currency: 'EUR' }), S, [ic('trackEvent', 'Upgraded', { revenue: 1e308, currency: 'EUR' })], `${ACT} trackEvent: price from revenue (Switchboard: only a finite amount)`],
  ['no revenue → currency stays a property', track('Viewed Pricing', { currency: 'EUR', tags: ['a'], nested: { a: 1 } }), S, [ic('trackEvent', 'Viewed Pricing', { currency: 'EUR' })], `${ACT} trackEvent: price only with revenue; filterCustomTraits drops objects and arrays`],
  [
    'rich link properties are kept as objects',
    track('Shared Article', { article: { url: 'https://x.io/a', value: 'A' }, other: { a: 1 } }),
    { ...S, richLinkProperties: ['article'] },
    [ic('trackEvent', 'Shared Article', { article: { url: 'https://x.io/a', value: 'A' } })],
    `${ACT} trackEvent: richLinkProperties merged back unfiltered`,
  ],
  ['non-ASCII event names unchanged', track('カートに追加', { sku: 'x' }), S, [ic('trackEvent', 'カートに追加', { sku: 'x' })], `${ACT} trackEvent: event_name ← $.event`],
  ['page → update (Intercom logs the page and looks for messages)', page('Docs', 'Index'), S, [ic('update', {})], `${ACT} identifyUser subscribes to page: no traits on a page, so no attributes`],
  ['page with a userId', { ...page(), userId: 'user-42' }, S, [ic('update', { user_id: 'user-42' })], `${ACT} identifyUser: user_id ← $.userId`],
  [
    'identify: standard attributes, dates as Unix seconds, avatar object, company, scalar custom attributes',
    identify('user-42', {
      name: 'Jane Kim',
      email: 'jane@example.com',
      phone: '+33 1 23',
      createdAt: CREATED,
      avatar: 'https://x.io/a.png',
      plan: 'pro',
      seats: 3,
      trial_ends_at: new Date(CREATED),
      address: { city: 'Paris' },
      tags: ['a'],
      company: { id: 'c-1', name: 'Acme', plan: 'enterprise', employees: 40, createdAt: CREATED },
    }),
    S,
    [
      ic('update', {
        plan: 'pro',
        seats: 3,
        trial_ends_at: CREATED_S,
        user_id: 'user-42',
        name: 'Jane Kim',
        phone: '+33 1 23',
        email: 'jane@example.com',
        created_at: CREATED_S,
        avatar: { type: 'avatar', image_url: 'https://x.io/a.png' },
        company: { employees: 40, company_id: 'c-1', name: 'Acme', created_at: CREATED_S, plan: 'enterprise' },
      }),
    ],
    `${ACT} identifyUser defaults (name, phone, email, created_at, avatar, company.*); ${CLASSIC} identify(): other scalar traits, dates as Unix seconds`,
  ],
  [
    'identify: user_hash and hideDefaultLauncher from the call’s options; companies list',
    identify('user-42', { email: 'j@x.io', companies: [{ id: 'c-1', name: 'Acme' }, { name: 'no id' }] }, { integrations: { Intercom: { user_hash: 'h4sh' } }, context: { Intercom: { hideDefaultLauncher: true } } as any }),
    { ...S, activator: '#help' },
    [ic('update', { user_id: 'user-42', email: 'j@x.io', companies: [{ company_id: 'c-1', name: 'Acme' }], user_hash: 'h4sh', hide_default_launcher: true, widget: { activator: '#help' } })],
    `${ACT} identifyUser: user_hash ← integrations.Intercom.user_hash, hide_default_launcher ← context.Intercom, widget.activator unless #IntercomDefaultWidget`,
  ],
  ['identify: userHash under the Actions name', identify('u', {}, { integrations: { 'Intercom Web (Actions)': { userHash: 'h' } } }), S, [ic('update', { user_id: 'u', user_hash: 'h' })], `${ACT} identifyUser: user_hash ← …userHash (either name of this destination)`],
  ['identify: a company without an id is left out (Intercom requires company_id)', identify('u', { company: { name: 'Acme' } }), S, [ic('update', { user_id: 'u' })], `${ACT} sharedCompanyProperties: company_id required`],
  [
    'group → update with the company',
    group('g-1', { name: 'Acme', plan: 'enterprise', monthly_spend: '99', size: 40, createdAt: CREATED, industry: 'Retail', website: 'https://acme.io', region: 'EU', owners: ['a'] }),
    S,
    [ic('update', { company: { region: 'EU', company_id: 'g-1', name: 'Acme', created_at: CREATED_S, plan: 'enterprise', size: 40, website: 'https://acme.io', industry: 'Retail', monthly_spend: 99 } })],
    `${ACT} identifyCompany: company ← groupId and traits; ${CLASSIC} group(): other scalar traits`,
  ],
  ['alias → nothing', alias('user-42', 'anon'), S, [], `${ACT}: no alias action`],
]

describe('Intercom: golden table (Intercom Web (Actions) presets)', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^(action-destinations|analytics\.js-integrations) intercom/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('boot at load: app_id, installation type, region; user_id, email, user_hash and company when known (action-destinations intercom initialBoot)', () => {
    expect(initCalls(S)).toEqual([ic('boot', { app_id: 'abc123', installation_type: 's' })])
    expect(
      initCalls(
        { ...S, apiBase: 'https://api-iam.eu.intercom.io', activator: '#help' },
        { userId: 'user-42', traits: { email: 'j@x.io', name: 'Jane' }, integrations: { Intercom: { user_hash: 'h' } }, groupId: 'g-1', groupTraits: { name: 'Acme' } },
      ),
    ).toEqual([
      ic('boot', { app_id: 'abc123', installation_type: 's', api_base: 'https://api-iam.eu.intercom.io', widget: { activator: '#help' }, user_id: 'user-42', email: 'j@x.io', user_hash: 'h', company: { company_id: 'g-1', name: 'Acme' } }),
    ])
  })

  it('reset: shutdown, then boot again for an anonymous visitor (Intercom JS API: shutdown on logout)', () => {
    expect(resetCalls(S)).toEqual([ic('shutdown'), ic('boot', { app_id: 'abc123', installation_type: 's' })])
  })

  it('the widget script (action-destinations intercom initScript)', () => {
    expect(scriptSrc(S)).toBe('https://widget.intercom.io/widget/abc123')
  })

  it('Unix seconds from ISO strings, Dates, seconds and milliseconds (action-destinations intercom convertDateToUnix)', () => {
    expect(unixSeconds(CREATED)).toBe(CREATED_S)
    expect(unixSeconds(new Date(CREATED))).toBe(CREATED_S)
    expect(unixSeconds(CREATED_S)).toBe(CREATED_S)
    expect(unixSeconds(CREATED_S * 1000)).toBe(CREATED_S)
    expect(unixSeconds('soon')).toBeUndefined()
  })
})
