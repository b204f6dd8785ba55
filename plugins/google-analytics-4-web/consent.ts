// Google Consent Mode state for "Google Analytics 4 Web".
//
// Segment's GA4 Web sends `gtag('consent', 'update', …)` on every page when Consent Mode is on.
// Switchboard does the same with the state it knows: the settings' defaults until a consent
// module calls the plugin's `updateConsent(state)`, which also sends the update at once.
import { compact, own } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'
import type { Ga4Settings } from './settings'

export const CONSENT_TYPES = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'] as const
export type ConsentType = (typeof CONSENT_TYPES)[number]
export type Ga4Consent = Partial<Record<ConsentType, 'granted' | 'denied'>>

/** The state the settings start from (what `gtag('consent', 'default', …)` declared). */
export const consentDefaults = (s: Ga4Settings): Ga4Consent =>
  compact({
    ad_storage: s.defaultAdsStorageConsentState ?? 'granted',
    analytics_storage: s.defaultAnalyticsStorageConsentState ?? 'granted',
    ad_user_data: s.adUserDataConsentState,
    ad_personalization: s.adPersonalizationConsentState,
  })

/** Only the four Consent Mode types, each `granted` or `denied` (case-insensitive); the rest is ignored. */
export function validConsent(input: unknown): Ga4Consent {
  const out: Ga4Consent = {}
  for (const type of CONSENT_TYPES) {
    const v = String(own(input, type) ?? '').toLowerCase()
    if (v === 'granted' || v === 'denied') out[type] = v
  }
  return out
}

/** Per-plugin state kept between events. */
export interface Ga4State {
  /** The Consent Mode state re-sent on every page (Consent Mode on). */
  consent: Ga4Consent
}

export const ga4State = (s: Ga4Settings): Ga4State => ({ consent: consentDefaults(s) })

/**
 * The plugin's `updateConsent(state)`, for a consent module: sends
 * `gtag('consent', 'update', <valid part of state>)` now (once the plugin is loaded), and every
 * later page re-sends the whole state it leaves.
 */
export const consentApi = (_s: Ga4Settings, state: Ga4State, run: (calls: VendorCall[]) => void) => ({
  updateConsent(next: unknown): void {
    const change = validConsent(next)
    if (!Object.keys(change).length) return
    state.consent = { ...state.consent, ...change }
    run([call('gtag', 'consent', 'update', change)])
  },
})
