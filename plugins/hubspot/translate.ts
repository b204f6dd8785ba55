// Spec message → _hsq pushes for "Hubspot Web (Actions)" / "HubSpot" (docs/plugins.md). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { compact, isObject, put, str, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface HubSpotSettings {
  /** The Hub ID (portal id) of the HubSpot account. */
  portalId: string | number
  /** Load the tracking code from HubSpot's EU data centre. */
  enableEuropeanDataCenter?: boolean
  /** Push a `trackPageView` after each identify so HubSpot sends the identity at once. */
  flushIdentifyImmediately?: boolean
  /** Event names in HubSpot's internal form, `pe<HubID>_event_name` (default true). */
  formatCustomBehavioralEventNames?: boolean
  scriptUrl?: string
}

const push = (...args: unknown[]) => call('_hsq.push', args)

export const scriptSrc = (s: HubSpotSettings) =>
  `https://js${s.enableEuropeanDataCenter ? '-eu1' : ''}.hs-scripts.com/${encodeURIComponent(String(s.portalId))}.js`

/** HubSpot strips leading and trailing blanks (also zero-width ones) from what it stores. */
const trim = (v: unknown) => (typeof v === 'string' ? v.replace(/^[\s\u200B-\u200D\uFEFF]+|[\s\u200B-\u200D\uFEFF]+$/g, '') : v)

/** The longest flattened property name sent. */
const MAX_KEY = 128

/**
 * HubSpot properties are flat: nested objects and arrays become `parent_child` keys (`address_city`,
 * `tags_0`); `key` names each one (event properties are lower-cased with blanks and dots as `_`).
 */
export function flatten(obj: Props, key: (k: string) => string = (k) => k, skip: string[] = [], prefix = '', out: Props = {}): Props {
  for (const k of Object.keys(obj)) {
    if (!prefix && skip.includes(k)) continue
    const v = obj[k]
    const name = prefix ? `${prefix}_${k}` : k
    // Longer names are left out: HubSpot takes none, and a deep path over many leaves cannot multiply an event's size.
    if (name.length > MAX_KEY) continue
    if (v && typeof v === 'object' && !(v instanceof Date)) flatten(v, key, skip, name, out)
    else if (v !== undefined) put(out, key(name), v instanceof Date ? v.toISOString() : trim(v))
  }
  return out
}

const eventKey = (k: string) => k.replace(/[\s.]+/g, '_').toLowerCase()

/** The internal name of a custom behavioural event: `pe<HubID>_<event name in lower case, blanks and dots as _>`. */
export const eventName = (event: string, s: HubSpotSettings) =>
  s.formatCustomBehavioralEventNames === false ? event : `pe${str(s.portalId)}_${eventKey(event)}`

/** identify needs an email: HubSpot finds or creates the contact by it. */
function identify(msg: SegmentEvent, s: HubSpotSettings): VendorCall[] {
  const traits: Props = msg.traits ?? {}
  const email = trim(traits.email)
  if (!email || typeof email !== 'string') return []
  const address: Props = isObject(traits.address) ? traits.address : {}
  const company = isObject(traits.company) ? traits.company.name : traits.company
  const contact = {
    ...flatten(traits, undefined, ['address', 'company']),
    ...compact({
      email,
      id: trim(msg.userId ?? undefined),
      company: typeof company === 'string' ? trim(company) : undefined,
      country: trim(address.country),
      state: trim(address.state),
      city: trim(address.city),
      address: trim(address.street),
      zip: trim(address.postalCode ?? address.postal_code),
    }),
  }
  return [push('identify', contact), ...(s.flushIdentifyImmediately ? [push('trackPageView')] : [])]
}

/**
 * `first`: this is the page view the tracking code records by itself when it loads, so only its
 * path is set (HubSpot: push no trackPageView before the code has loaded).
 */
export function translate(msg: SegmentEvent, s: HubSpotSettings, first = false): VendorCall[] {
  switch (msg.type) {
    case 'page': {
      const props: Props = msg.properties ?? {}
      const path = typeof props.path === 'string' && props.path ? props.path + (typeof props.search === 'string' ? props.search : '') : undefined
      return [...(path ? [push('setPath', path)] : []), ...(first ? [] : [push('trackPageView')])]
    }
    case 'identify':
      return identify(msg, s)
    case 'track':
      return msg.event ? [push('trackCustomBehavioralEvent', { name: eventName(msg.event, s), properties: flatten(msg.properties ?? {}, eventKey) })] : []
    default:
      // group, alias: HubSpot's tracking code has no counterpart.
      return []
  }
}
