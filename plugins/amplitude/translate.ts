// Spec message → Amplitude Browser SDK 2 calls for "Amplitude" (destinations.md §5). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { currencyOf, productId, revenueOf, v2Name } from '../shared/ecommerce'
import { pageEventNames } from '../shared/page-events'
import { compact, getPath, isObject, omit, own, put, str, toNumber, type Props } from '../shared/values'
import { call, construct, type Construct, type VendorCall } from '../shared/vendor-call'
import type { AmplitudeSettings } from './settings'

const amp = (fn: string, ...args: unknown[]) => call('amplitude.' + fn, ...args)
const has = (list: string[] | undefined, key: string) => !!list?.includes(key)

/** Load-time init; page views come from page(), so SDK page-view autocapture is off. */
export function initCalls(s: AmplitudeSettings, userId: string | null, anonymousId: string | null): VendorCall[] {
  const batch = s.batchEvents
  const options = compact({
    flushQueueSize: batch ? (s.eventUploadThreshold ?? 30) : undefined,
    flushIntervalMillis: batch ? (s.eventUploadPeriodMillis ?? 30000) : undefined,
    deviceId: s.preferAnonymousIdForDeviceId && anonymousId ? anonymousId : undefined,
    appVersion: s.versionName || undefined,
    autocapture: {
      pageViews: false,
      sessions: true,
      attribution: s.trackUtmProperties !== false || s.trackReferrer !== false || !!s.trackGclid,
      formInteractions: false,
      fileDownloads: false,
    },
  })
  return [userId ? amp('init', s.apiKey, userId, options) : amp('init', s.apiKey, options)]
}

/** Per-call options from `integrations.Amplitude`: `session_id` and `groups`. */
function callOptions(msg: SegmentEvent): Props {
  const o = msg.integrations?.Amplitude
  return isObject(o) ? compact({ session_id: toNumber(o.session_id), groups: isObject(o.groups) ? o.groups : undefined }) : {}
}

/** One Revenue object: price (or the revenue itself) × quantity. */
function revenue(props: Props, amount: number | undefined, type?: string): Construct {
  const price = toNumber(props.price)
  const ops: Construct['ops'] = [
    ['setPrice', price ?? amount],
    ['setQuantity', price === undefined ? 1 : (toNumber(props.quantity) ?? 1)],
  ]
  const id = productId(props)
  if (id !== undefined) ops.push(['setProductId', str(id)])
  const revenueType = props.revenueType ?? props.revenue_type ?? type
  if (revenueType) ops.push(['setRevenueType', revenueType])
  if (props.currency) ops.push(['setCurrency', str(currencyOf(props)).toUpperCase()])
  ops.push(['setEventProperties', props])
  return construct('amplitude.Revenue', ops)
}

/** `Product Purchased` properties: `productId` renamed from `product_id`, the rest passed through. */
const productProps = (p: Props) => compact({ ...omit(p, ['product_id', 'id']), productId: productId(p) })

function track(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const event = msg.event ?? ''
  const options = callOptions(msg)
  const send = (name: string, props: Props) => (Object.keys(options).length ? amp('track', name, props, options) : amp('track', name, props))
  const props: Props = { ...msg.properties }
  for (const [path, key] of pairs(s.appendFieldsToEventProps)) {
    const v = getPath(msg, path)
    if (v !== undefined) put(props, key, v)
  }
  const products: Props[] = Array.isArray(props.products) ? props.products.filter(isObject) : []
  const amount = revenueOf(event, props)
  if (v2Name(event) !== 'Order Completed' || !products.length) {
    const calls = [send(event, props)]
    if (amount !== undefined) calls.push(amp('revenue', revenue(props, amount)))
    return calls
  }
  const order = omit(props, ['products'])
  const perProduct = s.trackRevenuePerProduct
  const calls = [send(event, s.trackProductsOnce ? { ...order, products: products.map(productProps) } : order)]
  if (!perProduct && amount !== undefined) calls.push(amp('revenue', revenue(order, amount, 'Purchase')))
  for (const p of products) {
    if (!s.trackProductsOnce) calls.push(send('Product Purchased', productProps(p)))
    if (perProduct) calls.push(amp('revenue', revenue(p, toNumber(p.price), 'Purchase')))
  }
  return calls
}

const pairs = (map: AmplitudeSettings['appendFieldsToEventProps']): [string, string][] =>
  Array.isArray(map) ? map.map((e) => [e.key, e.value]) : Object.entries(map ?? {})

function identify(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const calls: VendorCall[] = []
  if (msg.userId) calls.push(amp('setUserId', msg.userId))
  const traits = msg.traits ?? {}
  const ops: Construct['ops'] = Object.keys(traits).map((k) => {
    const op = has(s.traitsToIncrement, k)
      ? 'add'
      : has(s.traitsToSetOnce, k)
        ? 'setOnce'
        : has(s.traitsToAppend, k)
          ? 'append'
          : has(s.traitsToPrepend, k)
            ? 'prepend'
            : 'set'
    return [op, k, traits[k]]
  })
  if (ops.length) calls.push(amp('identify', construct('amplitude.Identify', ops)))
  const groups = callOptions(msg).groups ?? {}
  for (const type of Object.keys(groups)) calls.push(amp('setGroup', type, groups[type]))
  return calls
}

function group(msg: SegmentEvent, s: AmplitudeSettings): VendorCall[] {
  const traits = msg.traits ?? {}
  const type = s.groupTypeTrait && own(traits, s.groupTypeTrait)
  const value = s.groupValueTrait && own(traits, s.groupValueTrait)
  const [groupType, groupName] = type && value ? [type, value] : ['[Segment] Group', msg.groupId]
  if (!groupName) return []
  const calls = [amp('setGroup', groupType, groupName)]
  const ops: Construct['ops'] = Object.keys(traits).map((k) => ['set', k, traits[k]])
  if (ops.length) calls.push(amp('groupIdentify', groupType, groupName, construct('amplitude.Identify', ops)))
  return calls
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
      return pageEventNames(msg, settings).map((name) => amp('track', name, msg.properties ?? {}))
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
