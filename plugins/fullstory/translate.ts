// Spec message → FS() calls (Browser API v2) for "Fullstory (Actions)" / "FullStory" (docs/plugins.md). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { compact, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface FullStorySettings {
  /** The FullStory org id (`o-XXXXXX-na1`). */
  orgId?: string
  /** The classic destination's name for the org id. */
  org?: string
  /** Loads FullStory's debug build of fs.js. */
  debug?: boolean
  /** Capture this iframe as its own session (`isOuterScript` in the classic destination). */
  recordOnlyThisIFrame?: boolean
  isOuterScript?: boolean
  /** Capture server host (a custom endpoint or proxy); `fullstory.com` by default. */
  host?: string
  /** Base URL of the FullStory app for session links. */
  appHost?: string
  /** fs.js location without protocol (`edge.fullstory.com/s/fs.js` by default). */
  script?: string
  scriptUrl?: string
}

/** The source tag FullStory records with each call, as Segment's destination sends it. */
export const SOURCE = 'segment-browser-actions'

export const org = (s: FullStorySettings) => s.orgId || s.org

/** Where fs.js comes from: the `script` setting, else FullStory's edge (its debug build with `debug`). */
export const scriptPath = (s: FullStorySettings) => (s.script || `edge.fullstory.com/s/fs${s.debug ? '-debug' : ''}.js`).replace(/^(https?:)?\/\//, '')

const fs = (op: string, options?: Props) => call('FS', op, options, SOURCE)

export function translate(msg: SegmentEvent): VendorCall[] {
  switch (msg.type) {
    case 'page': {
      // Page properties name the page for FullStory's page-level search: its category, else its name.
      const pageName = msg.category ?? msg.name
      return [fs('setProperties', { type: 'page', properties: compact({ pageName: pageName || undefined, ...msg.properties }) })]
    }
    case 'identify': {
      const traits: Props = msg.traits ?? {}
      const properties = compact({
        ...traits,
        segmentAnonymousId: msg.anonymousId || undefined,
        email: traits.email,
        displayName: traits.name,
      })
      return [msg.userId ? fs('setIdentity', { uid: msg.userId, properties }) : fs('setProperties', { type: 'user', properties })]
    }
    case 'track':
      return msg.event ? [fs('trackEvent', { name: msg.event, properties: msg.properties ?? {} })] : []
    default:
      // group, alias: FullStory has no counterpart.
      return []
  }
}

/** Logout: FullStory releases the identity and starts a new anonymous session. */
export const resetCalls = (): VendorCall[] => [fs('setIdentity', { anonymous: true })]
