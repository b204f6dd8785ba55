// Spec message → Amplitude Browser SDK 2 calls for "Amplitude" (destinations.md §5), following
// Segment's classic Amplitude integration call for call. Pure.
import type { SegmentEvent } from '../../src/core/types'
import { productId, revenueOf, v2Name } from '../shared/ecommerce'
import { pageEventNames } from '../shared/page-events'
import { compact, getPath, isObject, omit, own, put, str, toNumber, type Props } from '../shared/values'
import { call, construct, type Construct, type VendorCall } from '../shared/vendor-call'
import type { AmplitudeSettings } from './settings'

const amp = (fn: string, ...args: unknown[]) => call('amplitude.' + fn, ...args)
const has = (list: string[] | undefined, key: string) => !!list?.includes(key)
const identifyObject = (ops: Construct['ops']) => amp('identify', construct('amplitude.Identify', ops))

/** Events whose revenue is a purchase unless the event names another `revenueType`. */
const PURCHASES = ['order completed', 'completed order', 'product purchased']

/** `amp_device_id` from the page's query string, when `deviceIdFromUrlParam` asks for it. */
const urlDeviceId = (search: string) => /[?&]amp_device_id=([^&#]*)/.exec(search)?.[1]

/** Load-time init: page views come from page(); session events only when asked (they are billable). */
export function initCalls(s: AmplitudeSettings, userId: string | null, anonymousId: string | null, search = ''): VendorCall[] {
  const batch = s.batchEvents
  const fromUrl = s.deviceIdFromUrlParam ? urlDeviceId(search) : undefined
  const options = compact({
    flushQueueSize: batch ? (s.eventUploadThreshold ?? 30) : undefined,
    flushIntervalMillis: batch ? (s.eventUploadPeriodMillis ?? 30000) : undefined,
    deviceId: s.preferAnonymousIdForDeviceId && anonymousId ? anonymousId : fromUrl && decodeURIComponent(fromUrl),
    appVersion: s.versionName || undefined,
    minIdLength: toNumber(s.minIdLength),
    autocapture: {
      pageViews: false,
      sessions: !!s.trackSessionEvents,
      // UTM, click ids and the referrer: one SDK feature for trackUtmProperties, trackGclid and useAmplitudeReferral.
      attribution: s.trackUtmProperties !== false || !!s.trackGclid || !!s.useAmplitudeReferral,
      formInteractions: false,
      fileDownloads: false,
      elementInteractions: false,
      pageUrlEnrichment: false,
      webVitals: false,
      frustrationInteractions: false,
      networkTracking: false,
    },
  })
  return [userId ? amp('init', s.apiKey, userId, options) : amp('init', s.apiKey, options)]
}

/** Per-call options from `integrations.Amplitude`: `session_id` and `groups`. */
function callOptions(msg: SegmentEvent): Props {
  const o = msg.integrations?.Amplitude
  return isObject(o) ? compact({ session_id: toNumber(o.session_id), groups: isObject(o.groups) ? o.groups : undefined }) : {}
}

const pairs = (map: unknown): [string, string][] =>
  Array.isArray(map) ? map.filter(isObject).map((e) => [str(e.key), str(e.value)]) : isObject(map) ? Object.keys(map).map((k) => [k, str(map[k])]) : []

/** One Revenue for `props` of `event`: price × quantity, or the revenue itself once when there is no price. */
function revenue(event: string, props: Props): VendorCall {
  let price = toNumber(props.price)
  let quantity: unknown = props.quantity || 1
  if (!price) {
    price = revenueOf(event, props)
    quantity = 1
  }
  const ops: Construct['ops'] = [
    ['setPrice', price],
    ['setQuantity', quantity],
    ['setEventProperties', props],
  ]
  const type = props.revenueType || (PURCHASES.includes(str(event).toLowerCase()) ? 'Purchase' : undefined)
  if (type) ops.push(['setRevenueType', type])
  const id = props.product_id || props.productId
  if (id) ops.push(['setProductId', id])
  return amp('revenue', construct('amplitude.Revenue', ops))
}

/** One event (logEvent): query params, appended fields, the event, then its revenue unless told not to. */
function logEvent(msg: SegmentEvent, event: string, props: Props, s: AmplitudeSettings, withRevenue = true): VendorCall[] {
  const calls: VendorCall[] = []
  const sent: Props = { ...props }
  const query = msg.context?.page?.search
  const userProps: Construct['ops'] = []
  // mapQueryParams: `{ key: 'user_properties' | 'event_properties' }`, the page's query string as the value.
  for (const [key, where] of pairs(s.mapQueryParams)) {
    if (where === 'user_properties') userProps.push(['set', key, query])
    else put(sent, key, query)
  }
  if (userProps.length) calls.push(identifyObject(userProps))
  for (const [path, key] of pairs(s.appendFieldsToEventProps)) put(sent, key, getPath(msg, path))
  const options = callOptions(msg)
  calls.push(Object.keys(options).length ? amp('track', event, sent, options) : amp('track', event, sent))
  if (withRevenue && revenueOf(event, props)) calls.push(revenue(event, props))
  return calls
}

/** The product as `trackProductsOnce` lists it. */
const listedProduct = (p: Props) => compact({ productId: p.product_id || p.productId, sku: p.sku, name: p.name, price: p.price, quantity: p.quantity || 1, category: p.category })

function orderCompleted(msg: SegmentEvent, event: string, props: Props, s: AmplitudeSettings): VendorCall[] {
  const perProduct = !!s.trackRevenuePerProduct
  const products: Props[] = props.products.filter(isObject)
  if (s.trackProductsOnce) return logEvent(msg, event, { ...props, products: products.map(listedProduct) }, s, !perProduct)
  const order = omit(props, ['products'])
  const calls = logEvent(msg, event, order, s, !perProduct)
  const amount = revenueOf(event, props)
  for (const product of products) {
    let p = product
    // Per-product revenue carries the order's revenue type and revenue, before the product's event.
    if (perProduct && product.price != null && product.quantity) {
      p = { ...product, ...compact({ revenueType: props.revenueType, revenue: amount || undefined }) }
      calls.push(revenue('Product Purchased', p))
    }
    calls.push(...logEvent(msg, 'Product Purchased', p, s, !perProduct))
  }
  return calls
}

function track(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const event = msg.event ?? ''
  const props: Props = msg.properties ?? {}
  return v2Name(event) === 'Order Completed' && Array.isArray(props.products) ? orderCompleted(msg, event, props, s) : logEvent(msg, event, props, s)
}

/** Segment's own referrer user properties (when the SDK does not track the referrer itself). */
function referrer(msg: SegmentEvent): VendorCall[] {
  const url = msg.context?.page?.referrer
  if (typeof url !== 'string' || !url) return []
  const ops: Construct['ops'] = [
    ['setOnce', 'initial_referrer', url],
    ['set', 'referrer', url],
  ]
  const domain = url.split('/')[2]
  if (domain !== undefined) ops.push(['setOnce', 'initial_referring_domain', domain], ['set', 'referring_domain', domain])
  return [identifyObject(ops)]
}

function identify(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const calls: VendorCall[] = []
  if (msg.userId) calls.push(amp('setUserId', msg.userId))
  const traits: Props = { ...msg.traits, ...(msg.userId ? { id: msg.userId } : {}) }
  for (const [key] of pairs(s.mapQueryParams)) put(traits, key, msg.context?.page?.search)
  const ops: Construct['ops'] = []
  for (const k of Object.keys(traits)) {
    const add = has(s.traitsToIncrement, k)
    const once = has(s.traitsToSetOnce, k)
    if (add) ops.push(['add', k, traits[k]])
    if (once) ops.push(['setOnce', k, traits[k]])
    if (!add && !once) ops.push([has(s.traitsToAppend, k) ? 'append' : has(s.traitsToPrepend, k) ? 'prepend' : 'set', k, traits[k]])
  }
  calls.push(identifyObject(ops))
  const groups = callOptions(msg).groups ?? {}
  for (const type of Object.keys(groups)) calls.push(amp('setGroup', type, groups[type]))
  return calls
}

function group(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const traits = msg.traits ?? {}
  const type = s.groupTypeTrait && own(traits, s.groupTypeTrait)
  const value = s.groupValueTrait && own(traits, s.groupValueTrait)
  if (type && value) return [amp('setGroup', type, value)]
  return msg.groupId ? [amp('setGroup', '[Segment] Group', msg.groupId)] : []
}

export function translate(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const calls = translateCall(msg, s)
  // The device id follows Switchboard's anonymousId when asked to, before each call.
  return s.preferAnonymousIdForDeviceId && msg.anonymousId && calls.length ? [amp('setDeviceId', msg.anonymousId), ...calls] : calls
}

function translateCall(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  switch (msg.type) {
    case 'page': {
      const settings = { trackNamedPages: true, trackCategorizedPages: true, ...s }
      return [
        ...(s.trackReferrer && !s.useAmplitudeReferral ? referrer(msg) : []),
        ...pageEventNames(msg, settings).flatMap((name) => logEvent(msg, name, msg.properties ?? {}, s)),
      ]
    }
    case 'identify':
      return identify(msg, s)
    case 'track':
      return track(msg, s)
    case 'group':
      return group(msg, s)
    default:
      return [] // alias: Amplitude merges ids server-side
  }
}

/** Logout: clears the user id and starts a new device id. */
export const resetCalls = (): VendorCall[] => [amp('reset')]
