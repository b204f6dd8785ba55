// Spec message → gtag.js calls for "Google AdWords New" (Google Ads (Gtag)). Pure.
// Segment's classic integration (analytics.js-integrations, integrations/google-adwords-new):
// config once at load, page load conversions from page(), click conversions from mapped track().
import type { SegmentEvent, Traits } from '../../src/core/types'
import { compact, isObject, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'
import type { AdsConversions, AdsSettings } from './settings'

const gtag = (...args: unknown[]) => call('gtag', ...args)

/** Names the per-call options may be keyed by (matched ignoring case, as Segment's facade does). */
export const NAMES = ['Google AdWords New', 'Google Ads (Gtag)']

/** Every mapped conversion for `name` (case-insensitive), as `send_to` targets. */
export function sendTo(conversions: AdsConversions | undefined, name: unknown, s: AdsSettings): string[] {
  if (typeof name !== 'string' || !Array.isArray(conversions)) return []
  const out: string[] = []
  for (const row of conversions) {
    const c: Props = isObject(row) && isObject((row as Props).value) ? (row as Props).value : row
    if (isObject(c) && typeof c.event === 'string' && c.event.toLowerCase() === name.toLowerCase()) out.push(`${c.accountId || s.accountId}/${c.id}`)
  }
  return out
}

/** The config both tags get: only what differs from gtag's defaults. */
const config = (s: AdsSettings) =>
  compact({
    send_page_view: s.sendPageView === false ? false : undefined,
    conversion_linker: s.conversionLinker === false ? false : undefined,
    allow_enhanced_conversions: s.enhancedConversions || undefined,
  })

/** Enhanced Conversions user data (Google's `user_data` fields) from traits; gtag normalises and hashes it. */
export function userData(traits: Traits): Props | undefined {
  const t = traits ?? {}
  const a: Props = isObject(t.address) ? t.address : {}
  const address = compact({
    first_name: t.firstName ?? t.first_name,
    last_name: t.lastName ?? t.last_name,
    street: a.street,
    city: a.city,
    region: a.state ?? a.region,
    postal_code: a.postalCode ?? a.postal_code,
    country: a.country,
  })
  const data = compact({ email: t.email, phone_number: t.phone, address: Object.keys(address).length ? address : undefined })
  return Object.keys(data).length ? data : undefined
}

/** Load: `js`, ad personalisation off before any config, the Floodlight config, the Ads config (its page view). */
export function initCalls(s: AdsSettings, now: Date, traits: Traits = {}): VendorCall[] {
  const calls = [gtag('js', now)]
  if (s.disableAdPersonalization) calls.push(gtag('set', 'allow_ad_personalization_signals', false))
  if (s.floodlightAccountId) calls.push(gtag('config', s.floodlightAccountId, config(s)))
  calls.push(gtag('config', s.accountId, config(s)))
  return [...calls, ...identifyCalls(traits, s)]
}

function identifyCalls(traits: Traits, s: AdsSettings): VendorCall[] {
  const data = s.enhancedConversions && userData(traits)
  return data ? [gtag('set', 'user_data', data)] : []
}

/** The call's options under the destination's name (`{ value, currency, order_id }` for page conversions). */
function callOptions(msg: SegmentEvent): Props {
  const integrations = msg.integrations ?? {}
  const key = Object.keys(integrations).find((k) => NAMES.some((n) => n.toLowerCase() === k.toLowerCase()) && isObject(integrations[k]))
  return key ? (integrations[key] as Props) : {}
}

function page(msg: SegmentEvent, s: AdsSettings): VendorCall[] {
  const name = msg.name ?? undefined
  const props: Props = { ...msg.properties, ...compact({ category: msg.category || undefined, name: name || undefined }) }
  const o = callOptions(msg)
  const semantic = compact({ value: o.value ?? undefined, currency: o.currency ?? undefined, transaction_id: o.order_id ?? o.orderId ?? undefined })
  // Unnamed pages go to the default page conversion; named pages only to the ones mapped to their name.
  const targets = !name && s.defaultPageConversion ? [`${s.accountId}/${s.defaultPageConversion}`] : sendTo(s.pageLoadConversions, name, s)
  return targets.map((send_to) => gtag('event', name || 'conversion', { ...props, send_to, ...semantic }))
}

/** `revenue` (for an order, else `total`) as a Number; strings lose `$` first, as Segment's facade reads them. */
function revenue(p: Props, order: boolean): number | undefined {
  const v = p.revenue || (order ? p.total : undefined)
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseFloat(v.replace(/\$/g, '')) : NaN
  return v && !isNaN(n) ? n : undefined
}

/** Segment's v1/v2 `Order Completed` pattern (analytics-events). */
const ORDER_COMPLETED = /^[ _]?completed[ _]?order[ _]?|^[ _]?order[ _]?completed[ _]?$/i

function track(msg: SegmentEvent, s: AdsSettings): VendorCall[] {
  const event = msg.event ?? ''
  const targets = sendTo(s.clickConversions, event, s)
  if (!targets.length) return []
  const p: Props = { ...msg.properties }
  const order = ORDER_COMPLETED.test(event)
  // transaction_id ← id, order_id or orderId; an order also moves order_id and revenue (→ value).
  const id = p.id || p.order_id || p.orderId
  if (id != null) {
    p.transaction_id = id
    delete p.orderId
  }
  if (order) {
    if (p.order_id != null) p.transaction_id = p.order_id
    delete p.order_id
    const value = revenue(p, true)
    if (value !== undefined) {
      p.value = value
      delete p.revenue
    }
  }
  return targets.map((send_to) => gtag('event', event, { ...p, send_to }))
}

export function translate(msg: SegmentEvent, s: AdsSettings): VendorCall[] {
  switch (msg.type) {
    case 'page':
      return page(msg, s)
    case 'track':
      return track(msg, s)
    case 'identify':
      return identifyCalls(msg.traits ?? {}, s)
    default:
      return [] // group, alias, screen: Segment's integration has none
  }
}

/** Logout: with Enhanced Conversions on, later conversions carry no user data. */
export const resetCalls = (s: AdsSettings): VendorCall[] => (s.enhancedConversions ? [gtag('set', 'user_data', {})] : [])

