// Segment's consent decision rules. Pure: preferences and settings in, a decision out.
import type { CDNSettings } from '../core/options'
import type { Categories, ConsentOptions, ConsentSettings } from './types'

export const SEGMENT_IO = 'Segment.io'

const own = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : [])

/**
 * Preferences as a consent manager or a caller gave them: only own keys with boolean values
 * count; anything else (not an object, an array) is no preferences at all.
 */
export function validCategories(input: unknown): Categories | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined
  // fromEntries defines keys, so a key named "__proto__" stays a key.
  return Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'boolean'))
}

/** The same categories with the same values. */
export function sameCategories(a: Categories | undefined, b: Categories | undefined): boolean {
  if (!a || !b) return a === b
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => own(b, k) === a[k])
}

/** A destination's categories: the site's mapping when given, else the settings' `integrations[name].consentSettings.categories`. */
export function destinationCategories(name: string, settings: CDNSettings, mappings?: ConsentOptions['categoryMappings']): string[] {
  if (mappings) return strings(own(mappings, name))
  return strings(own(own(own(settings.integrations, name), 'consentSettings'), 'categories'))
}

/**
 * What decides whether Segment is disabled as a whole: with a mapping, its categories (and no
 * unmapped destinations); else the settings' `consentSettings`, if any.
 */
export function consentSettingsOf(settings: CDNSettings, mappings?: ConsentOptions['categoryMappings']): ConsentSettings | undefined {
  if (mappings) {
    const all = new Set(Object.keys(mappings).flatMap((name) => strings(own(mappings, name))))
    return { allCategories: [...all], hasUnmappedDestinations: false }
  }
  const cs = own(settings, 'consentSettings')
  if (cs === undefined) return undefined
  return { allCategories: strings(own(cs, 'allCategories')), hasUnmappedDestinations: own(cs, 'hasUnmappedDestinations') === true }
}

/**
 * Segment is disabled altogether (no event goes anywhere) when no granted category is one a
 * destination is mapped to and every destination is mapped. Unknown preferences disable nothing.
 */
export function isSegmentDisabled(preferences: Categories | undefined, cs: ConsentSettings | undefined): boolean {
  if (!preferences || !cs || cs.hasUnmappedDestinations) return false
  return !Object.keys(preferences).some((c) => preferences[c] === true && cs.allCategories.includes(c))
}

/** The default rule: a destination with no category is always enabled; one with categories only when all of them are granted. */
export function allowsCategories(categories: string[], preferences: Categories): boolean {
  return categories.every((c) => own(preferences, c) === true)
}

export interface Decider {
  settings: CDNSettings
  options: Pick<ConsentOptions, 'categoryMappings' | 'shouldEnableIntegration'>
  /** consentSettingsOf(settings, categoryMappings), when already worked out (it is asked for every event). */
  cs?: ConsentSettings
  /** Told when the site's shouldEnableIntegration throws (the destination is then kept off). */
  onError?(err: unknown): void
}

/**
 * Whether `destination` may receive an event under `preferences`: never when Segment is disabled;
 * Segment.io whenever it is not; any other destination by the site's `shouldEnableIntegration`,
 * else by the default rule. Unknown preferences (opt-out, nothing known yet) allow everything.
 */
export function isAllowed(destination: string, preferences: Categories | undefined, d: Decider): boolean {
  if (!preferences) return true
  const { categoryMappings, shouldEnableIntegration } = d.options
  if (isSegmentDisabled(preferences, 'cs' in d ? d.cs : consentSettingsOf(d.settings, categoryMappings))) return false
  if (destination === SEGMENT_IO) return true
  const categories = destinationCategories(destination, d.settings, categoryMappings)
  if (typeof shouldEnableIntegration !== 'function') return allowsCategories(categories, preferences)
  try {
    return shouldEnableIntegration(categories, { ...preferences }, { creationName: destination }) === true
  } catch (err) {
    d.onError?.(err)
    return false
  }
}

/**
 * What `context.consent.categoryPreferences` carries: every category, or with pruning only those
 * some destination is mapped to (all of them when nothing is mapped, so the event still says what
 * the visitor chose).
 */
export function stampedCategories(preferences: Categories, cs: ConsentSettings | undefined, prune: boolean | undefined): Categories {
  const all = cs?.allCategories ?? []
  if (!prune || !all.length) return { ...preferences }
  return Object.fromEntries(Object.entries(preferences).filter(([c]) => all.includes(c)))
}

/**
 * Whether cookies and localStorage may be used: never when the site turned persistence off; with
 * a storage category, when it is granted; without one, when preferences are unknown in opt-out,
 * or some category is granted and Segment is not disabled.
 */
export function allowsStorage(
  preferences: Categories | undefined,
  opts: { optOut: boolean; storageCategory?: string; sitePersists: boolean; cs: ConsentSettings | undefined },
): boolean {
  if (!opts.sitePersists) return false
  if (!preferences) return opts.optOut && opts.storageCategory === undefined
  if (opts.storageCategory !== undefined) return own(preferences, opts.storageCategory) === true
  return Object.values(preferences).some((v) => v === true) && !isSegmentDisabled(preferences, opts.cs)
}
