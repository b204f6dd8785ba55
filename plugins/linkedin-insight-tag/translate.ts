// Spec message → lintrk calls for "LinkedIn Insight Tag". Pure.
// Segment's integration (analytics.js-integrations, integrations/linkedin-insight-tag) only loads
// the tag for the partner id, and the tag records page views itself; conversions from track
// events are Switchboard's, for the events the `conversions` setting maps.
import type { SegmentEvent } from '../../src/core/types'
import { mapped, toNumber } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface LinkedInSettings {
  /** The Insight Tag's partner id. */
  partnerId: string
  /** Switchboard: track event → LinkedIn conversion id(s), `{ from: to }` or `[{ key, value }]`. */
  conversions?: Record<string, string | number | (string | number)[]> | { key: string; value: string | number }[]
  scriptUrl?: string
}

export function translate(msg: SegmentEvent, s: LinkedInSettings): VendorCall[] {
  if (msg.type !== 'track') return [] // page views are the tag's own; no identify, group or alias
  // A numeric id as a Number, as LinkedIn's event snippet writes it; event_id lets LinkedIn
  // de-duplicate the same conversion sent from a server with the same id.
  return mapped(s.conversions, msg.event).map((id) => call('lintrk', 'track', { conversion_id: toNumber(id) ?? id, event_id: msg.messageId }))
}
