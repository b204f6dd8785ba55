// Spec message → posthog-js calls for "PostHog" (destinations.md §7). Pure.
import type { SegmentEvent } from '../../src/core/types'
import type { LoadEnv } from '../shared/destination'
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
  /** `$pageleave` events while page() sends the page views (default true). */
  capturePageleave?: boolean
  /** PostHog group type of group() calls (default `segment_group`). */
  groupType?: string
  /** Where array.js comes from (a reverse proxy); by default the cloud's `-assets` host or the instance itself. */
  assetsHost?: string
  /** init `ui_host`: the PostHog app when `postHogInstance` is a reverse proxy. */
  uiHost?: string
  scriptUrl?: string
}

export const DEFAULT_HOST = 'https://us.i.posthog.com'
const ph = (fn: string, ...args: unknown[]) => call('posthog.' + fn, ...args)

export const apiHost = (s: PostHogSettings) => (s.postHogInstance || DEFAULT_HOST).replace(/\/+$/, '')

/** Cloud hosts serve the SDK from their `-assets` twin; self-hosted instances serve it themselves. */
export const scriptSrc = (s: PostHogSettings) =>
  (s.assetsHost ? s.assetsHost.replace(/\/+$/, '') : apiHost(s).replace('.i.posthog.com', '-assets.i.posthog.com')) + '/static/array.js'

/**
 * Load-time init. PostHog's id is Switchboard's: bootstrapped with the userId, else the
 * anonymousId (as PostHog's own Segment bridge does), so anonymous journeys join the events the
 * server sends with the same ids.
 */
export function initCalls(s: PostHogSettings, env?: Pick<LoadEnv, 'userId' | 'anonymousId'>): VendorCall[] {
  const distinctID = env?.userId || env?.anonymousId
  const pageviews = s.capturePageview ?? false
  return [
    ph(
      'init',
      s.apiKey,
      compact({
        api_host: apiHost(s),
        ui_host: s.uiHost,
        // page() is the one source of $pageview events; $pageleave still closes each page.
        capture_pageview: pageviews,
        capture_pageleave: pageviews ? undefined : (s.capturePageleave ?? true),
        bootstrap: distinctID ? { distinctID, isIdentifiedID: !!env?.userId } : undefined,
        autocapture: s.autocapture,
        person_profiles: s.personProfiles ?? 'identified_only',
        persistence: s.persistence,
        disable_session_recording: s.disableSessionRecording,
      }),
    ),
  ]
}

export function translate(msg: SegmentEvent, s: PostHogSettings = { apiKey: '' }): VendorCall[] {
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
      return msg.groupId ? [ph('group', s.groupType || 'segment_group', msg.groupId, msg.traits ?? {})] : []
    case 'alias':
      return msg.userId && msg.previousId ? [ph('alias', msg.userId, msg.previousId)] : []
    default:
      return []
  }
}

/** Logout: a new anonymous distinct_id. */
export const resetCalls = (): VendorCall[] => [ph('reset')]
