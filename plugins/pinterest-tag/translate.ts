// Spec message → pintrk calls for "Pinterest Tag", as Segment's integration sends them
// (analytics.js-integrations, integrations/pinterest-tag/lib/index.js). Pure.
import type { SegmentEvent, Traits } from '../../src/core/types'
import { getPath, isObject, own, put, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'
import type { PinterestSettings } from './settings'

const pintrk = (...args: unknown[]) => call('pintrk', ...args)

/** Spec event patterns (analytics-events, v1 and v2 names) → Pinterest events, when the mapping has none. */
const BUILT_IN: [RegExp, string][] = [
  [/^[ _]?products[ _]?searched[ _]?|^[ _]?searched[ _]?products[ _]?$/i, 'Search'],
  [/^[ _]?product[ _]?list[ _]?filtered[ _]?|^[ _]?filtered[ _]?product[ _]?list[ _]?$/i, 'Search'],
  [/^[ _]?added[ _]?product[ _]?|^[ _]?product[ _]?added[ _]?$/i, 'AddToCart'],
  [/^[ _]?completed[ _]?order[ _]?|^[ _]?order[ _]?completed[ _]?$/i, 'Checkout'],
  [/^[ _]?video[ _]?playback[ _]?started[ _]?$/i, 'WatchVideo'],
]

/** Event properties → Pinterest's (only truthy values, as Segment sends them). */
const PROPERTIES: [string, string][] = [
  ['query', 'search_query'],
  ['order_id', 'order_id'],
  ['coupon', 'coupon'],
  ['value', 'value'],
  ['currency', 'currency'],
]

/** Product fields → line item fields; `sku` comes after `product_id`, so it wins when both are set. */
const PRODUCT: [string, string][] = [
  ['name', 'product_name'],
  ['product_id', 'product_id'],
  ['sku', 'product_id'],
  ['category', 'product_category'],
  ['variant', 'product_variant'],
  ['price', 'product_price'],
  ['quantity', 'product_quantity'],
  ['brand', 'product_brand'],
]

/** The Pinterest event: the site's mapping (ignoring case), else the built-in one, else the name itself. */
export function pinterestEvent(event: string, s: PinterestSettings): string {
  const map = s.pinterestEventMapping
  const rows: [string, unknown][] = Array.isArray(map) ? map.filter(isObject).map((r) => [r.key, r.value]) : isObject(map) ? Object.entries(map) : []
  const own = rows.find(([from]) => typeof from === 'string' && from.toLowerCase() === event.toLowerCase())
  if (own) return String(own[1])
  return BUILT_IN.find(([pattern]) => pattern.test(event))?.[1] ?? event
}

function lineItem(p: Props): Props | undefined {
  const item: Props = {}
  for (const [from, to] of PRODUCT) if (own(p, from)) put(item, to, p[from])
  return Object.keys(item).length ? item : undefined
}

function properties(msg: SegmentEvent, s: PinterestSettings): Props {
  const p: Props = msg.properties ?? {}
  const out: Props = {}
  for (const [from, to] of PROPERTIES) if (own(p, from)) put(out, to, p[from])
  if (s.mapMessageIdToEventId) out.event_id = msg.messageId
  // Products from `products`, or the top-level properties as the one product.
  const items = (Array.isArray(p.products) ? p.products.filter(isObject) : [p]).map(lineItem).filter(Boolean)
  if (items.length) out.line_items = items
  for (const key of s.pinterestCustomProperties ?? []) {
    const v = getPath(p, key)
    if (v) put(out, key, v)
  }
  return out
}

function page(msg: SegmentEvent, s: PinterestSettings): VendorCall[] {
  const p: Props = msg.properties ?? {}
  const out: Props = { name: msg.name || '' }
  // The last of these a caller set wins, as in Segment's integration; messageId when asked.
  for (const key of ['event_id', 'eid', 'eventID']) if (own(p, key)) out.event_id = p[key]
  if (s.mapMessageIdToEventId) out.event_id = msg.messageId
  if (msg.category) out.category = msg.category
  return [pintrk('track', msg.category ? 'ViewCategory' : 'PageVisit', out)]
}

/** An email: the `email` trait, or a user id that looks like one. */
const email = (msg: SegmentEvent): unknown => msg.traits?.email || (typeof msg.userId === 'string' && /.+@.+\..+/.test(msg.userId) ? msg.userId : undefined)

/** Load: the tag (with the stored email for enhanced match when asked), then the tag's own page call. */
export function initCalls(s: PinterestSettings, traits: Traits): VendorCall[] {
  const em = s.useEnhancedMatchLoad && traits?.email
  return [em ? pintrk('load', s.tid, { em }) : pintrk('load', s.tid), pintrk('page')]
}

export function translate(msg: SegmentEvent, s: PinterestSettings): VendorCall[] {
  switch (msg.type) {
    case 'page':
      return page(msg, s)
    case 'track':
      return [pintrk('track', pinterestEvent(msg.event ?? '', s), properties(msg, s))]
    case 'identify': {
      // Enhanced match for the events after it.
      const em = email(msg)
      return em ? [pintrk('set', { np: 'segment', em })] : []
    }
    default:
      return [] // group, alias, screen: Segment's integration has none
  }
}
