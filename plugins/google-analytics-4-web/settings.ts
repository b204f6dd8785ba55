// Settings of "Google Analytics 4 Web" (destinations.md §1.2), keyed as the settings CDN sends them.
export interface Ga4Settings {
  measurementID: string
  pageView?: boolean
  allowGoogleSignals?: boolean
  allowAdPersonalizationSignals?: boolean
  cookieDomain?: string
  cookieExpirationInSeconds?: number
  cookieFlags?: string[] | string
  cookiePath?: string
  cookiePrefix?: string[] | string
  cookieUpdate?: boolean
  enableConsentMode?: boolean
  defaultAdsStorageConsentState?: 'granted' | 'denied'
  defaultAnalyticsStorageConsentState?: 'granted' | 'denied'
  adUserDataConsentState?: 'granted' | 'denied'
  adPersonalizationConsentState?: 'granted' | 'denied'
  waitTimeToUpdateConsentStage?: number
  domain?: string
  /** Add `send_to: measurementID` to events (default true) so other Google tags on the page don't receive them. */
  send_to?: boolean
  /** Lower-case custom event names (default false). */
  lowercase?: boolean
  /** Switchboard: property → param name(s) for custom events (`{ from: to }` or `[{ key, value }]`); none are sent otherwise. */
  eventParams?: Record<string, string | string[]> | { key: string; value: string }[]
  /** Switchboard: trait names sent as GA4 user properties on identify (never PII). */
  userProperties?: string[]
  scriptUrl?: string
}
