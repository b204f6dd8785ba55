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
  scriptUrl?: string
}
