// Settings of "Amplitude" (destinations.md §5.2), keyed as the settings CDN sends them.
import type { PageSettings } from '../shared/page-events'

export interface AmplitudeSettings extends PageSettings {
  apiKey: string
  trackUtmProperties?: boolean
  trackReferrer?: boolean
  trackGclid?: boolean
  preferAnonymousIdForDeviceId?: boolean
  batchEvents?: boolean
  eventUploadThreshold?: number
  eventUploadPeriodMillis?: number
  trackRevenuePerProduct?: boolean
  trackProductsOnce?: boolean
  traitsToIncrement?: string[]
  traitsToSetOnce?: string[]
  traitsToAppend?: string[]
  traitsToPrepend?: string[]
  groupTypeTrait?: string
  groupValueTrait?: string
  /** Message path → event property, e.g. `{ 'context.page.title': 'pageTitle' }` (or `[{ key, value }]`). */
  appendFieldsToEventProps?: Record<string, string> | { key: string; value: string }[]
  versionName?: string
  /** `{ key: 'user_properties' | 'event_properties' }`: the page's query string as that property. */
  mapQueryParams?: Record<string, string> | { key: string; value: string }[]
  /** Device id from the `amp_device_id` query parameter (cross-domain links). */
  deviceIdFromUrlParam?: boolean
  /** Let the SDK track the referrer (attribution) instead of Switchboard's referrer user properties. */
  useAmplitudeReferral?: boolean
  /** Accepted; Browser SDK 2 records a campaign once per session and on a campaign change. */
  saveParamsReferrerOncePerSession?: boolean
  /** Accepted; Browser SDK 2 clears the campaign values a new campaign lacks. */
  unsetParamsReferrerOnNewSession?: boolean
  /** Shortest user or device id the SDK accepts (its default is 5; `1` keeps ids like `"42"`). */
  minIdLength?: number
  /** Send Amplitude's session start/end events (billable; Segment never sent them). */
  trackSessionEvents?: boolean
  /** Accepted; Browser SDK 2 only has Revenue objects (Segment's `logRevenueV2`). */
  useLogRevenueV2?: boolean
  scriptUrl?: string
}
