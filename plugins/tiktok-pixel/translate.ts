// Spec message → ttq calls for "TikTok Pixel", as Segment's TikTok Pixel (Actions) destination
// sends them with its preset mappings (action-destinations,
// packages/browser-destinations/destinations/tiktok-pixel). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { sha256 } from '../shared/hash'
import { compact, isObject, own, str, toNumber, type Props } from '../shared/values'
import { call, chained, type VendorCall } from '../shared/vendor-call'
import type { TikTokSettings } from './settings'

/** `ttq.instance(pixelCode).<method>(...)`: only this pixel gets the call, not others on the page. */
const pixel = (s: TikTokSettings, method: string, ...args: unknown[]) => chained(call('ttq.instance', s.pixelCode), call(method, ...args))

type Contents = 'single' | 'multi' | undefined

/** The presets: Segment event → [TikTok event, where `contents` comes from]. */
const PRESETS: Record<string, [string, Contents]> = {
  'Order Completed': ['CompletePayment', 'multi'],
  'Callback Started': ['Contact', undefined],
  'Subscription Created': ['Subscribe', undefined],
  'Form Submitted': ['SubmitForm', undefined],
  'Product Viewed': ['ViewContent', 'single'],
  'Product Clicked': ['ClickButton', 'single'],
  'Products Searched': ['Search', 'single'],
  'Product Added to Wishlist': ['AddToWishlist', 'single'],
  'Product Added': ['AddToCart', 'single'],
  'Checkout Started': ['InitiateCheckout', 'multi'],
  'Payment Info Entered': ['AddPaymentInfo', 'multi'],
  'Order Placed': ['PlaceAnOrder', 'multi'],
  'Download Link Clicked': ['Download', undefined],
  'Signed Up': ['CompleteRegistration', undefined],
}

/** Load: register the pixel (Limited Data Use), then its page view unless `autoPageView` is off. */
export function initCalls(s: TikTokSettings): VendorCall[] {
  const calls = [call('ttq.load', s.pixelCode, { limited_data_use: s.ldu || false })]
  if (s.autoPageView !== false) calls.push(pixel(s, 'page'))
  return calls
}

/** A product's content entry: only the fields it has. */
const content = (p: Props) =>
  compact({ price: toNumber(p.price), quantity: toNumber(p.quantity), content_category: p.category, content_id: p.product_id, content_name: p.name, brand: p.brand })

function contents(props: Props, from: Contents): Props[] {
  const products = from === 'multi' ? (Array.isArray(props.products) ? props.products.filter(isObject) : []) : from ? [props] : []
  // An entry without any field is left out (Segment would send `{}`).
  return products.map(content).filter((c) => Object.keys(c).length)
}

/** The first value of a field that may be a list, as Segment's destination reads it. */
const first = (v: unknown): string => str(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))
const squeeze = (v: unknown) => first(v).replace(/\s/g, '').toLowerCase()
const letters = (v: unknown) => first(v).replace(/[^A-Za-z0-9]/g, '').toLowerCase()

/** E.164 as Segment's destination writes it: `+` and the digits, at most 15 characters. */
export const e164 = (phone: unknown): string => {
  const digits = first(phone).replace(/[^0-9]/g, '')
  return digits ? `+${digits}`.slice(0, 15) : ''
}

/**
 * Advanced matching: email, phone and external id as SHA-256 (email trimmed and lower-cased,
 * phone in E.164), the rest normalised as Segment's destination sends them; empty ones left out.
 */
export function user(u: { email?: unknown; phone?: unknown; externalId?: unknown; firstName?: unknown; lastName?: unknown; address?: unknown }): Props {
  const a: Props = isObject(u.address) ? u.address : {}
  const email = first(u.email).trim().toLowerCase()
  const phone = e164(u.phone)
  const id = first(u.externalId)
  const out: Props = {
    email: email && sha256(email),
    phone_number: phone && sha256(phone),
    external_id: id && sha256(id),
    first_name: squeeze(u.firstName),
    last_name: squeeze(u.lastName),
    city: letters(a.city),
    state: letters(a.state),
    country: letters(a.country),
    zip_code: squeeze(a.postal_code),
  }
  for (const k of Object.keys(out)) if (!out[k]) delete out[k]
  return out
}

/** `properties.<key>` if set, else `context.traits.<key>` (the presets' defaults). */
function fromEvent(msg: SegmentEvent, key: string): unknown {
  const v = own(msg.properties, key)
  return v != null ? v : own(msg.context?.traits, key)
}

function track(msg: SegmentEvent, s: TikTokSettings): VendorCall[] {
  const preset = own<[string, Contents]>(PRESETS, msg.event ?? '')
  if (!preset) return []
  const [event, from] = preset
  const p: Props = msg.properties ?? {}
  const address = (k: string) => {
    const v = own(own(msg.properties, 'address'), k)
    return v != null ? v : own(own(msg.context?.traits, 'address'), k)
  }
  const matching = user({
    email: fromEvent(msg, 'email'),
    phone: fromEvent(msg, 'phone'),
    externalId: msg.userId || msg.anonymousId,
    firstName: fromEvent(msg, 'first_name'),
    lastName: fromEvent(msg, 'last_name'),
    address: { city: address('city'), state: address('state'), country: address('country'), postal_code: address('postal_code') },
  })
  const params = compact({
    contents: contents(p, from),
    content_type: 'product',
    currency: p.currency ?? 'USD',
    value: toNumber(p.value ?? p.revenue),
    query: p.query,
    order_id: p.order_id,
    shop_id: p.shop_id,
    content_ids: p.content_ids,
    num_items: p.num_items,
    search_string: event === 'Search' ? p.search_string : undefined,
  })
  // The identify goes first, so the event carries the match keys.
  const identify = matching.email || matching.phone_number || matching.external_id ? [pixel(s, 'identify', matching)] : []
  return [...identify, pixel(s, 'track', event, params, { event_id: msg.messageId ?? '' })]
}

export function translate(msg: SegmentEvent, s: TikTokSettings): VendorCall[] {
  switch (msg.type) {
    case 'page':
      // The Page View preset maps the event name only: no contents, no event id.
      return [pixel(s, 'track', 'Pageview', { contents: [], currency: 'USD' }, { event_id: '' })]
    case 'track':
      return track(msg, s)
    default:
      // identify, group, alias: no preset (the match keys ride on each mapped event).
      return []
  }
}
