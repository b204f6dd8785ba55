// Spec message → hj() calls for "Hotjar" (destinations.md §6). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { put, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface HotjarSettings {
  /** Hotjar Site ID (a whole number; string or number). */
  hjid: string | number
  /** Deprecated IE9 polyfill flag: ignored. */
  hjPlaceholderPolyfill?: boolean
  scriptUrl?: string
}

/** The numeric site id, or undefined when it is missing, zero or not a number. */
export const siteId = (s: HotjarSettings): number | undefined => {
  const id = Number(s.hjid)
  return id && !isNaN(id) ? id : undefined
}

/** Hotjar takes only scalar attributes (dates as ISO strings); objects and arrays are dropped. */
export function attributes(traits: Props): Props {
  const out: Props = {}
  for (const k of Object.keys(traits)) {
    const v = traits[k]
    if (k === 'id') continue
    if (v instanceof Date) {
      if (!isNaN(v.getTime())) put(out, k, v.toISOString())
    } else if (['string', 'number', 'boolean'].includes(typeof v)) put(out, k, v)
  }
  return out
}

export function translate(msg: SegmentEvent, _s?: HotjarSettings): VendorCall[] {
  if (msg.type === 'identify' && msg.userId) return [call('hj', 'identify', msg.userId, attributes(msg.traits ?? {}))]
  // The event name as given (any script); Hotjar events carry no properties.
  if (msg.type === 'track' && msg.event) return [call('hj', 'event', msg.event)]
  // page: the script records page views itself; group, alias: not supported.
  return []
}
