// Spec message → fbq calls for "Facebook Pixel" (destinations.md §3). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { currencyOf, productId, quantityOf, revenueOf, v2Name } from '../shared/ecommerce'
import { compact, isObject, mapped, put, toNumber, type Props } from '../shared/values'
import { call, markDescriptor, type VendorCall } from '../shared/vendor-call'
import { advancedMatching, type Ids } from './matching'
import type { FbSettings } from './settings'

const fbq = (...args: unknown[]) => call('fbq', ...args)
/** Meta wants money as a 2-decimal string. */
const money = (v: unknown) => (toNumber(v) ?? 0).toFixed(2)
const PII = ['email', 'firstName', 'lastName', 'gender', 'city', 'country', 'phone', 'state', 'zip', 'birthday']
const DATES = ['checkinDate', 'checkoutDate', 'departingArrivalDate', 'departingDepartureDate', 'returningArrivalDate', 'returningDepartureDate', 'travelEnd', 'travelStart']

/** A value the plugin shell replaces with its SHA-256 hex digest before calling fbq (hash.ts). */
export interface Sha256 {
  readonly sha256: string
}

const sha256 = (text: string): Sha256 => markDescriptor('sha256', { sha256: text })

/**
 * Properties as sent to Meta: default PII dropped (unless allowed), blocklisted keys dropped or
 * hashed, travel dates as `YYYY-MM-DD`. Standard events keep only `standardEventsCustomProperties`.
 */
export function payload(props: Props, s: FbSettings, standard: boolean): Props {
  const allowed = s.whitelistPiiProperties ?? []
  const custom = s.standardEventsCustomProperties ?? []
  const blocked = new Map((s.blacklistPiiProperties ?? []).map((e) => [e.propertyName, e.hashProperty]))
  const out: Props = {}
  for (const k of Object.keys(props)) {
    if (standard && !custom.includes(k)) continue
    const v = props[k]
    if ((PII.includes(k) || blocked.has(k)) && !allowed.includes(k)) {
      if (blocked.get(k) && v != null) put(out, k, sha256(String(v)))
    } else put(out, k, DATES.includes(k) && v instanceof Date ? v.toISOString().slice(0, 10) : v)
  }
  return out
}

/** content_type: per-call option → `contentTypes[category]` → the default. */
function contentType(msg: SegmentEvent, props: Props, s: FbSettings, fallback: string[]): string | string[] {
  const option = msg.integrations?.['Facebook Pixel']
  if (isObject(option) && option.contentType) return option.contentType
  const category = props.category ?? (Array.isArray(props.products) ? props.products[0]?.category : undefined)
  return (category && mapped(s.contentTypes, category)[0]) || fallback
}

const contents = (products: Props[]) =>
  products.map((p) => compact({ id: productId(p), quantity: quantityOf(p), item_price: toNumber(p.price) }))

/** Built-in E-commerce v2 → standard event params, or undefined when the event has none. */
function ecommerce(event: string, props: Props, msg: SegmentEvent, s: FbSettings): [string, Props] | undefined {
  const products = Array.isArray(props.products) ? props.products.filter(isObject) : []
  const withId = products.filter((p) => productId(p) !== undefined)
  const ids = withId.map(productId)
  switch (event) {
    case 'Product List Viewed':
      return ids.length
        ? ['ViewContent', { content_ids: ids, contents: withId.map((p) => ({ id: productId(p), quantity: quantityOf(p) })), content_type: contentType(msg, props, s, ['product']) }]
        : ['ViewContent', { content_ids: [props.category ?? ''], contents: [{ id: props.category ?? '', quantity: 1 }], content_type: contentType(msg, props, s, ['product_group']) }]
    case 'Product Viewed':
    case 'Product Added': {
      const id = productId(props) ?? ''
      return [
        event === 'Product Viewed' ? 'ViewContent' : 'AddToCart',
        {
          content_ids: [id],
          content_type: contentType(msg, props, s, ['product']),
          content_name: props.name ?? '',
          content_category: props.category ?? '',
          currency: currencyOf(props),
          value: money(s.valueIdentifier === 'price' ? props.price : props.value),
          contents: [compact({ id, quantity: quantityOf(props), item_price: toNumber(props.price) })],
        },
      ]
    }
    case 'Products Searched':
      return ['Search', { search_string: props.query }]
    case 'Checkout Started':
      return [
        'InitiateCheckout',
        compact({
          content_category: props.category ?? products[0]?.category,
          content_ids: ids,
          contents: contents(withId),
          content_type: contentType(msg, props, s, ['product']),
          currency: currencyOf(props),
          num_items: ids.length,
          value: money(revenueOf(event, props)),
        }),
      ]
    case 'Order Completed':
      return [
        'Purchase',
        {
          content_ids: ids,
          contents: contents(withId),
          content_type: contentType(msg, props, s, ['product']),
          currency: currencyOf(props),
          value: money(revenueOf(event, props)),
          num_items: ids.length,
        },
      ]
  }
}

function track(msg: SegmentEvent, s: FbSettings): VendorCall[] {
  const props = msg.properties ?? {}
  const event = msg.event ?? ''
  const opts = { eventID: msg.messageId }
  const builtIn = ecommerce(v2Name(event), props, msg, s)
  // Built fields win over the allowed custom properties.
  if (builtIn) return [fbq('trackSingle', s.pixelId, builtIn[0], { ...payload(props, s, true), ...builtIn[1] }, opts)]

  const params = payload(props, s, false)
  const revenue = revenueOf(event, props)
  if (revenue !== undefined) {
    params.value = money(revenue)
    delete params.revenue
  }
  const standard = mapped(s.standardEvents, event)
  const legacy = mapped(s.legacyEvents, event)
  if (!standard.length && !legacy.length) return [fbq('trackSingleCustom', s.pixelId, event, params, opts)]
  return [
    ...standard.map((std) => fbq('trackSingle', s.pixelId, std, std === 'Purchase' ? { ...params, currency: currencyOf(props) } : params, opts)),
    ...legacy.map((id) => fbq('track', id, { currency: currencyOf(props), value: money(revenue) })),
  ]
}

/** Load-time calls: autoConfig, Limited Data Use, then init (with advanced matching when enabled). */
export function initCalls(s: FbSettings, traits: Props, ids: Ids, dpoOption?: unknown): VendorCall[] {
  const calls: VendorCall[] = []
  if (s.automaticConfiguration === false) calls.push(fbq('set', 'autoConfig', false, s.pixelId))
  if (s.limitedDataUse !== false) calls.push(fbq('dataProcessingOptions', ...dataProcessingOptions(dpoOption)))
  const matching = s.initWithExistingTraits ? advancedMatching(traits, ids, s) : {}
  calls.push(Object.keys(matching).length ? fbq('init', s.pixelId, matching) : fbq('init', s.pixelId))
  return calls
}

/** A validated `[['LDU'], country, state]` from the load option, else geolocated LDU. */
export function dataProcessingOptions(option: unknown): unknown[] {
  const ok =
    Array.isArray(option) &&
    option.length === 3 &&
    Array.isArray(option[0]) &&
    option[0].every((o) => typeof o === 'string') &&
    typeof option[1] === 'number' &&
    typeof option[2] === 'number'
  return ok ? option : [['LDU'], 0, 0]
}

export function translate(msg: SegmentEvent, s: FbSettings): VendorCall[] {
  switch (msg.type) {
    case 'page':
      return [fbq('track', 'PageView')]
    case 'track':
      return track(msg, s)
    case 'identify': {
      // Advanced matching is given at init; with initWithExistingTraits, re-init with the new traits.
      if (!s.initWithExistingTraits) return []
      const matching = advancedMatching(msg.traits ?? {}, msg, s)
      return Object.keys(matching).length ? [fbq('init', s.pixelId, matching)] : []
    }
    default:
      return [] // group, alias, screen: not supported by the pixel
  }
}

/** Logout: re-init without matching data so later events are not matched to the old user. */
export const resetCalls = (s: FbSettings): VendorCall[] => [fbq('init', s.pixelId)]
