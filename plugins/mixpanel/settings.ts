// Settings of "Mixpanel" (destinations.md §4.2), keyed as the settings CDN sends them.
import type { PageSettings } from '../shared/page-events'

export interface MixpanelSettings extends PageSettings {
  token: string
  people?: boolean
  setAllTraitsByDefault?: boolean
  superProperties?: string[]
  peopleProperties?: string[]
  eventIncrements?: string[]
  propIncrements?: string[]
  consolidatedPageCalls?: boolean
  groupIdentifierTraits?: string[]
  groupTraitsToSetOnce?: string[]
  crossSubdomainCookie?: boolean
  secureCookie?: boolean
  persistence?: 'cookie' | 'localStorage' | 'none'
  enableEuropeanUnionEndpoint?: boolean
  sourceName?: string
  /** Accepted for compatibility; in the browser the renamed traits (`$email`, …) are always registered, as Segment's integration does. */
  legacySuperProperties?: boolean
  customLibraryUrl?: string
  scriptUrl?: string
}
