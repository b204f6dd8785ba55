// Google Consent Mode v2 following the visitor's preferences: `extensions: [googleConsentMode()]`
// (npm: switchboard-analytics/consent/google; CDN: plugins/consent-google.js defines
// `window.switchboardGoogleConsentMode`).
//
// Before any destination loads, `gtag('consent', 'default', …)` goes into the page's dataLayer
// (so Google's tags — the GA4 and GTM destinations, or the page's own — read it before their first
// call); on the visitor's decision and every change, `gtag('consent', 'update', …)`. A type is
// granted when every category mapped to it is. Destinations' own Consent Mode settings are turned
// off, so the page has one source of consent state.
import type { CDNSettings } from '../../core/options'
import type { Categories, ConsentExtension, ConsentModel } from '../types'

export type ConsentState = Record<string, 'granted' | 'denied'>

/** Consent Mode v2's four types, mapped to OneTrust's usual groups (C0002 performance, C0004 targeting). */
export const DEFAULT_MAPPING: Record<string, string[]> = {
  analytics_storage: ['C0002'],
  ad_storage: ['C0004'],
  ad_user_data: ['C0004'],
  ad_personalization: ['C0004'],
}

export interface GoogleConsentModeSettings {
  /** Consent type → the categories that must all be granted for it (default DEFAULT_MAPPING); any Consent Mode type may be named. */
  mapping?: Record<string, string[]>
  /** `wait_for_update` (ms) on the default: how long Google's tags wait for an update. */
  waitForUpdate?: number
}

/**
 * The state for some preferences: a type is granted when all its categories are (one with no
 * category always is). Before a decision, opt-in denies everything and opt-out grants it.
 */
export function consentState(mapping: Record<string, string[]>, categories: Categories | undefined, model: ConsentModel): ConsentState {
  const state: ConsentState = {}
  for (const type of Object.keys(mapping)) {
    const needs = Array.isArray(mapping[type]) ? mapping[type] : []
    const granted = categories ? needs.every((c) => categories[c] === true) : model === 'opt-out'
    state[type] = granted ? 'granted' : 'denied'
  }
  return state
}

/** `gtag(...)`, with the page's own gtag and dataLayer when there are (gtag.js only reads Arguments objects). */
function gtag(...args: unknown[]): void {
  const w = window as { dataLayer?: unknown[]; gtag?: (...a: unknown[]) => void }
  w.dataLayer = w.dataLayer || []
  w.gtag =
    w.gtag ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      w.dataLayer!.push(arguments)
    }
  w.gtag(...args)
}

/** Destinations (and remote plugins) with their own Consent Mode setting leave it to this extension. */
function turnOffOwnConsentMode(settings: CDNSettings): void {
  const entries = [...Object.values(settings.integrations ?? {}), ...(settings.remotePlugins ?? []).map((p) => p?.settings)]
  for (const entry of entries) if (entry && typeof entry === 'object' && entry.enableConsentMode === true) entry.enableConsentMode = false
}

export function googleConsentMode(settings: GoogleConsentModeSettings = {}): ConsentExtension {
  const mapping = settings.mapping ?? DEFAULT_MAPPING
  let model: ConsentModel = 'opt-in'
  return {
    setup(cdn, categories, consentModel) {
      model = consentModel
      turnOffOwnConsentMode(cdn)
      const wait = settings.waitForUpdate
      gtag('consent', 'default', { ...consentState(mapping, categories, model), ...(typeof wait === 'number' ? { wait_for_update: wait } : {}) })
    },
    update(categories) {
      gtag('consent', 'update', consentState(mapping, categories, model))
    },
  }
}
