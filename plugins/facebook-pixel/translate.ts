// Spec message → fbq calls for "Facebook Pixel" (destinations.md §3). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { currencyOf, productId, quantityOf, revenueOf, v2Name } from '../shared/ecommerce'
import { compact, dateOnly, isObject, mapped, put, toNumber, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'
import { sha256 } from '../shared/hash'
import { advancedMatching, type Ids } from './matching'
import type { FbSettings } from './settings'

const fbq = (...args: unknown[]) => call('fbq', ...args)
/** Meta wants money as a 2-decimal string. */
const money = (v: unknown) => (toNumber(v) ?? 0).toFixed(2)
const PII = ['email', 'firstName', 'lastName', 'gender', 'city', 'country', 'phone', 'state', 'zip', 'birthday']
/** Travel dates Meta wants as `YYYY-MM-DD` (matched in camelCase: `checkin_date` is one too). */
const DATES = ['checkinDate', 'checkoutDate', 'departingArrivalDate', 'departingDepartureDate', 'returningArrivalDate', 'returningDepartureDate', 'travelEnd', 'travelStart']
const camel = (k: string) => k.replace(/[_\s-]+(\w)/g, (_m, c: string) => c.toUpperCase())

/**
 * Properties as sent to Meta: travel dates as `YYYY-MM-DD`, blocklisted keys dropped (or hashed
 * when a string and asked to), default PII dropped unless allowed. Standard events keep only
 * `standardEventsCustomProperties`.
 */
export function payload(props: Props, s: FbSettings, standard: boolean): Props {
  const allowed = s.whitelistPiiProperties ?? []
  const custom = s.standardEventsCustomProperties ?? []
  const blocked = new Map((s.blacklistPiiProperties ?? []).map((e) => [e.propertyName, e.hashProperty]))
  const out: Props = {}
  for (const k of Object.keys(props)) {
    if (standard && !custom.includes(k)) continue
    const v = props[k]
    if (DATES.includes(camel(k))) put(out, k, dateOnly(v))
    else if (blocked.has(k)) {
      if (blocked.get(k) && typeof v === 'string') put(out, k, sha256(v))
    } else if (!PII.includes(k) || allowed.includes(k)) put(out, k, v)
  }
  return out
}

/** content_type: per-call option → every `contentTypes` value of the category → the default. */
function contentType(msg: SegmentEvent, props: Props, s: FbSettings, fallback: string[]): string[] {
  const option = msg.integrations?.['Facebook Pixel']
  if (isObject(option) && option.contentType) return [option.contentType]
  const category = props.category || (Array.isArray(props.products) ? props.products[0]?.category : undefined)
  const types = category ? mapped(s.contentTypes, category) : []
  return types.length ? types : fallback
}

const contents = (products: Props[], price?: unknown) =>
  products.map((p) => compact({ id: productId(p), quantity: quantityOf(p), item_price: toNumber(p.price) || toNumber(price) }))

/** Built-in E-commerce v2 → [standard event, params, value for legacy conversions], or undefined. */
function ecommerce(event: string, props: Props, msg: SegmentEvent, s: FbSettings): [string, Props, unknown] | undefined {
  const products = Array.isArray(props.products) ? props.products.filter(isObject) : []
  const ids = products.map(productId)
  const revenue = revenueOf(event, props)
  switch (event) {
    case 'Product List Viewed': {
      // Listed products are identified by product_id or id (not sku), as Segment's integration does.
      const listId = (p: Props) => p.product_id || p.productId || p.id
      const listed = products.filter(listId)
      const category = props.category ?? ''
      return listed.length
        ? ['ViewContent', { content_ids: listed.map(listId), content_type: contentType(msg, props, s, ['product']), contents: listed.map((p) => ({ id: listId(p), quantity: quantityOf(p) })) }, revenue]
        : ['ViewContent', { content_ids: [category], content_type: contentType(msg, props, s, ['product_group']), contents: [{ id: category, quantity: 1 }] }, revenue]
    }
    case 'Product Viewed':
    case 'Product Added': {
      const id = productId(props) ?? ''
      const value = s.valueIdentifier === 'price' ? props.price : props.value
      return [
        event === 'Product Viewed' ? 'ViewContent' : 'AddToCart',
        {
          content_ids: [id],
          content_type: contentType(msg, props, s, ['product']),
          content_name: props.name || '',
          content_category: props.category || '',
          currency: currencyOf(props),
          value: money(value),
          contents: [compact({ id, quantity: quantityOf(props), item_price: toNumber(props.price) })],
        },
        value,
      ]
    }
    case 'Products Searched':
      return ['Search', { search_string: props.query }, revenue]
    case 'Checkout Started':
      return [
        'InitiateCheckout',
        compact({
          content_category: props.category || products[0]?.category,
          content_ids: ids,
          content_type: contentType(msg, props, s, ['product']),
          contents: contents(products, props.price),
          currency: currencyOf(props),
          num_items: ids.length,
          value: money(revenue),
        }),
        revenue,
      ]
    case 'Order Completed':
      return [
        'Purchase',
        {
          content_ids: ids,
          content_type: contentType(msg, props, s, ['product']),
          currency: currencyOf(props),
          value: money(revenue),
          contents: contents(products),
          num_items: ids.length,
        },
        revenue,
      ]
  }
}

function track(msg: SegmentEvent, s: FbSettings): VendorCall[] {
  const props = msg.properties ?? {}
  const event = msg.event ?? ''
  const opts = { eventID: msg.messageId }
  // Deprecated conversion pixels get only currency and value, after the event itself.
  const legacy = (value: unknown) => mapped(s.legacyEvents, event).map((to) => fbq('trackSingle', s.pixelId, to, { currency: currencyOf(props), value: money(value) }, opts))
  const builtIn = ecommerce(v2Name(event), props, msg, s)
  // Built fields win over the allowed custom properties.
  if (builtIn) return [fbq('trackSingle', s.pixelId, builtIn[0], { ...payload(props, s, true), ...builtIn[1] }, opts), ...legacy(builtIn[2])]

  const params = payload(props, s, false)
  const revenue = revenueOf(event, props)
  if (Object.prototype.hasOwnProperty.call(props, 'revenue')) {
    params.value = money(revenue)
    delete params.revenue
  }
  const standard = mapped(s.standardEvents, event)
  if (!standard.length && !mapped(s.legacyEvents, event).length) return [fbq('trackSingleCustom', s.pixelId, event, params, opts)]
  return [...standard.map((std) => fbq('trackSingle', s.pixelId, std, std === 'Purchase' ? { ...params, currency: currencyOf(props) } : params, opts)), ...legacy(revenue)]
}

/** Load-time calls: autoConfig, Limited Data Use (or explicitly none), then init (with advanced matching when enabled). */
export function initCalls(s: FbSettings, traits: Props, ids: Ids, dpoOption?: unknown): VendorCall[] {
  const calls: VendorCall[] = []
  if (s.automaticConfiguration === false) calls.push(fbq('set', 'autoConfig', false, s.pixelId))
  calls.push(s.limitedDataUse === false ? fbq('dataProcessingOptions', []) : fbq('dataProcessingOptions', ...dataProcessingOptions(dpoOption)))
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
      // The eventID lets Meta de-duplicate against a Conversions API PageView with the same id.
      return [fbq('track', 'PageView', {}, { eventID: msg.messageId })]
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
