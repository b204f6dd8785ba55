// Settings of "Google AdWords New" (Google Ads (Gtag)), keyed as the settings CDN sends them.

/** One mapped conversion: a Segment event (or page name) → a conversion label, optionally in another account. */
export interface AdsConversion {
  event: string
  /** The conversion label (`send_to: <account>/<id>`). */
  id: string
  /** Overrides `accountId` for this conversion. */
  accountId?: string
}

/** The settings CDN may wrap each mapping row as `{ value: row }`. */
export type AdsConversions = (AdsConversion | { value: AdsConversion })[]

export interface AdsSettings {
  /** The Google tag id, `AW-123456789`. */
  accountId: string
  /** `false` → `send_page_view: false` in the config (no remarketing page view at load). */
  sendPageView?: boolean
  /** `false` → `conversion_linker: false` in the config. */
  conversionLinker?: boolean
  /** Track events → click conversions. */
  clickConversions?: AdsConversions
  /** Named pages → page load conversions. */
  pageLoadConversions?: AdsConversions
  /** The page load conversion label for every unnamed page. */
  defaultPageConversion?: string
  disableAdPersonalization?: boolean
  /** A Floodlight (Campaign Manager) tag id configured alongside, `DC-…`. */
  floodlightAccountId?: string
  /** Switchboard: Enhanced Conversions, `gtag('set', 'user_data', …)` from traits (off by default). */
  enhancedConversions?: boolean
  scriptUrl?: string
}
