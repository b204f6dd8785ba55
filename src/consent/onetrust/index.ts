// OneTrust as the consent manager: `consent: oneTrust()` (npm: switchboard-analytics/consent/onetrust;
// CDN: plugins/consent-onetrust.js defines `window.switchboardOneTrust`).
//
// OneTrust's groups are the categories: every group of its domain data, granted when its id is in
// `window.OnetrustActiveGroups` (",C0001,C0002,"). The consent model comes from the domain data
// for the visitor's region (opt-in and implied consent → opt-in; anything else → opt-out). The
// visitor has decided once the banner was closed, or when the region shows no banner at all
// (its defaults are then the decision).
import type { Categories, ConsentModel, ConsentOptions } from '../types'

/** The part of OneTrust's banner SDK this adapter uses. */
export interface OneTrustApi {
  GetDomainData(): { ShowAlertNotice?: boolean; Groups?: { CustomGroupId?: string }[]; ConsentModel?: { Name?: string } }
  IsAlertBoxClosed(): boolean
  OnConsentChanged(callback: (event?: { detail?: unknown }) => void): void
}

export interface OneTrustSettings extends Omit<ConsentOptions, 'model' | 'getCategories' | 'onChange'> {
  /** The model to use instead of the one OneTrust's domain data gives for the region. */
  consentModel?: () => ConsentModel
  /** How often to look for OneTrust while it loads (ms, default 100). */
  pollInterval?: number
}

/**
 * The real API, once it is there: before it loads, `window.OneTrust` may be a configuration
 * object or `{ geolocationResponse }`, so it counts only when it has the methods.
 */
export function oneTrustApi(): OneTrustApi | undefined {
  const ot = (window as { OneTrust?: any }).OneTrust
  return ot && typeof ot === 'object' && ['GetDomainData', 'IsAlertBoxClosed', 'OnConsentChanged'].every((m) => typeof ot[m] === 'function') ? ot : undefined
}

/** Group ids from `OnetrustActiveGroups` (",C0001,C0002,") or an OnConsentChanged event's detail. */
export function activeGroups(input: unknown = (window as { OnetrustActiveGroups?: unknown }).OnetrustActiveGroups): string[] {
  const list = Array.isArray(input) ? input : typeof input === 'string' ? input.split(',') : []
  return list.filter((g): g is string => typeof g === 'string').map((g) => g.trim()).filter(Boolean)
}

/** Every group OneTrust knows for this domain, granted or not; the active ones if it lists none. */
export function oneTrustCategories(ot: OneTrustApi, active = activeGroups()): Categories {
  const groups = (ot.GetDomainData()?.Groups ?? []).map((g) => String(g?.CustomGroupId ?? '').trim()).filter(Boolean)
  return Object.fromEntries([...new Set([...groups, ...active])].map((id) => [id, active.includes(id)]))
}

/** OneTrust's model names: "opt-in" and "implied consent" wait for the visitor; the rest ("opt-out", "notice", "custom") do not. */
export function consentModelOf(name: unknown): ConsentModel {
  const n = String(name ?? '').toLowerCase()
  return n === 'opt-in' || n === 'implied consent' ? 'opt-in' : 'opt-out'
}

/** Whether the visitor has decided: the banner was closed, or this region shows none. */
export function hasDecided(ot: OneTrustApi): boolean {
  return activeGroups().length > 0 && (ot.GetDomainData()?.ShowAlertNotice === false || ot.IsAlertBoxClosed() === true)
}

export function oneTrust(settings: OneTrustSettings = {}): ConsentOptions {
  const { consentModel, pollInterval = 100, ...rest } = settings
  let found: Promise<OneTrustApi> | undefined
  const ready = () =>
    (found ??= new Promise((resolve) => {
      const look = () => {
        const ot = oneTrustApi()
        if (ot) resolve(ot)
        else setTimeout(look, pollInterval)
      }
      look()
    }))
  const model = async (): Promise<ConsentModel> => consentModel?.() ?? consentModelOf((await ready()).GetDomainData()?.ConsentModel?.Name)
  return {
    ...rest,
    model,
    async getCategories() {
      const ot = await ready()
      // Opt-out counts OneTrust's defaults as the preferences; opt-in waits for the visitor.
      if ((await model()) === 'opt-in' && !hasDecided(ot)) return undefined
      return oneTrustCategories(ot)
    },
    onChange(callback) {
      void ready().then((ot) => ot.OnConsentChanged((event) => callback(oneTrustCategories(ot, activeGroups(event?.detail ?? undefined)))))
    },
  }
}
