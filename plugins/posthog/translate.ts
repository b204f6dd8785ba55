// Spec message → posthog-js calls for "PostHog" (destinations.md §7). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { compact } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface PostHogSettings {
  /** Project API key (`phc_…`). */
  apiKey: string
  /** `api_host`: US cloud by default, EU cloud or a self-hosted URL (no trailing slash). */
  postHogInstance?: string
  capturePageview?: boolean
  autocapture?: boolean
  personProfiles?: 'identified_only' | 'always'
  persistence?: 'localStorage+cookie' | 'cookie' | 'localStorage' | 'memory'
  disableSessionRecording?: boolean
  scriptUrl?: string
}

export const DEFAULT_HOST = 'https://us.i.posthog.com'
const ph = (fn: string, ...args: unknown[]) => call('posthog.' + fn, ...args)

export const apiHost = (s: PostHogSettings) => (s.postHogInstance || DEFAULT_HOST).replace(/\/+$/, '')

/** Cloud hosts serve the SDK from their `-assets` twin; self-hosted instances serve it themselves. */
export const scriptSrc = (s: PostHogSettings) => apiHost(s).replace('.i.posthog.com', '-assets.i.posthog.com') + '/static/array.js'

export function initCalls(s: PostHogSettings): VendorCall[] {
  return [
    ph(
      'init',
      s.apiKey,
      compact({
        api_host: apiHost(s),
        // page() is the one source of $pageview events.
        capture_pageview: s.capturePageview ?? false,
        autocapture: s.autocapture,
        person_profiles: s.personProfiles ?? 'identified_only',
        persistence: s.persistence,
        disable_session_recording: s.disableSessionRecording,
      }),
    ),
  ]
}

export function translate(msg: SegmentEvent, _s?: PostHogSettings): VendorCall[] {
  const props = msg.properties ?? {}
  switch (msg.type) {
    case 'page':
      return [ph('capture', '$pageview', compact({ $current_url: props.url ?? msg.context?.page?.url, ...props }))]
    case 'screen':
      return [ph('capture', '$screen', compact({ $screen_name: msg.name, ...props }))]
    case 'identify':
      return msg.userId ? [ph('identify', msg.userId, msg.traits ?? {})] : [ph('setPersonProperties', msg.traits ?? {})]
    case 'track':
      return msg.event ? [ph('capture', msg.event, props)] : []
    case 'group':
      return msg.groupId ? [ph('group', 'segment_group', msg.groupId, msg.traits ?? {})] : []
    case 'alias':
      return msg.userId && msg.previousId ? [ph('alias', msg.userId, msg.previousId)] : []
    default:
      return []
  }
}

/** Logout: a new anonymous distinct_id. */
export const resetCalls = (): VendorCall[] => [ph('reset')]
