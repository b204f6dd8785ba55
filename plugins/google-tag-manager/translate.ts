// Spec message → dataLayer pushes for "Google Tag Manager" (destinations.md §2). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { ga4Ecommerce } from '../shared/ga4-ecommerce'
import { pageEventNames, type PageSettings } from '../shared/page-events'
import { compact, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface GtmSettings extends PageSettings {
  containerId: string
  /** `gtm_preview` value including `gtm_auth`, e.g. `env-5&gtm_auth=abc`. */
  environment?: string
  /**
   * Host and path of a self-hosted or server-side gtm.js, without protocol (`gtm.example.com/gtm.js`):
   * the container id, `l=dataLayer` and the environment are appended to it.
   */
  fullURLpath?: string
  /** Switchboard: also push E-commerce v2 events in GA4's `ecommerce` dataLayer shape. */
  ga4Ecommerce?: boolean
  scriptUrl?: string
}

const push = (obj: Props) => call('dataLayer.push', obj)

/** gtm.js from Google or from `fullURLpath`, with the container, the dataLayer name and the environment. */
export function scriptUrl(s: GtmSettings): string {
  const base = s.fullURLpath ? 'https://' + s.fullURLpath.replace(/^(https?:)?\/\//, '') : 'https://www.googletagmanager.com/gtm.js'
  return `${base}?id=${encodeURIComponent(s.containerId)}&l=dataLayer` + (s.environment ? `&gtm_preview=${s.environment}` : '')
}

/** The ids that ride along on every push. */
const ids = (msg: SegmentEvent) => compact({ userId: msg.userId ?? undefined, segmentAnonymousId: msg.anonymousId ?? undefined })

/** GTM's own start marker, pushed before its script loads. */
export const initCalls = (now: Date): VendorCall[] => [push({ 'gtm.start': now.getTime(), event: 'gtm.js' })]

export function translate(msg: SegmentEvent, s: GtmSettings): VendorCall[] {
  const props = msg.properties ?? {}
  if (msg.type === 'page') return pageEventNames(msg, s).map((event) => push({ ...props, event, ...ids(msg) }))
  if (msg.type !== 'track' || !msg.event) return [] // identify, group, alias: ids ride on later pushes
  const calls = [push({ ...props, event: msg.event, ...ids(msg) })]
  const ga4 = s.ga4Ecommerce ? ga4Ecommerce(msg.event, props) : undefined
  // GA4's dataLayer convention: clear the previous ecommerce object first.
  if (ga4) calls.push(push({ ecommerce: null }), push({ event: ga4.name, ecommerce: ga4.params }))
  return calls
}
