// Consent's public types: Segment's consent model (category ids → granted) and the `consent` load option.
import type { Analytics } from '../core/analytics'
import type { CDNSettings, InitOptions } from '../core/options'

/** A visitor's preferences by category id, as `context.consent.categoryPreferences` carries them: `{ C0001: true, C0004: false }`. */
export type Categories = Record<string, boolean>

/**
 * `opt-in`: nothing is stored or sent before the visitor decides (events made meanwhile are held);
 * `opt-out`: everything flows until the visitor refuses.
 */
export type ConsentModel = 'opt-in' | 'opt-out'

/** The CDN settings' top-level `consentSettings` (Segment's consent management). */
export interface ConsentSettings {
  /** Every category some destination of the source is mapped to. */
  allCategories: string[]
  /** Whether some destination has no category (then Segment is never disabled as a whole). */
  hasUnmappedDestinations: boolean
}

/** Something else that follows the visitor's preferences (Google Consent Mode). */
export interface ConsentExtension {
  /**
   * Runs once, before any destination loads, with the settings (which it may adjust) and the
   * preferences known then (`undefined` before a decision).
   */
  setup?(settings: CDNSettings, categories: Categories | undefined, model: ConsentModel): void
  /** Runs on the visitor's decision and on every later change. */
  update(categories: Categories): void
}

/** The `consent` load option: `AnalyticsBrowser.load(settings, { consent })`. */
export interface ConsentOptions {
  /**
   * Default `opt-in`. A function may wait for the consent manager (the OneTrust adapter reads the
   * model from OneTrust's domain data).
   */
  model?: ConsentModel | (() => ConsentModel | Promise<ConsentModel>)
  /**
   * The visitor's current preferences, or `undefined` while they have not decided. Called once at
   * load; later changes come through `onChange` or `analytics.consent.update()`.
   */
  getCategories?(): Categories | undefined | Promise<Categories | undefined>
  /** Registers the callback the consent manager calls with the new preferences when the visitor decides or changes them. */
  onChange?(callback: (categories: Categories) => void): void
  /** Destination name → category ids, instead of the CDN settings' `consentSettings.categories` (Segment's `integrationCategoryMappings`). */
  categoryMappings?: Record<string, string[]>
  /**
   * Whether a destination may receive events. Default: it has no category, or every one of its
   * categories is granted.
   */
  shouldEnableIntegration?(categories: string[], preferences: Categories, info: { creationName: string }): boolean
  /** Send only the categories some destination is mapped to in `context.consent.categoryPreferences` (default: all of them). */
  pruneUnmappedCategories?: boolean
  /**
   * The category that allows cookies and localStorage. Until it is granted, ids live in memory;
   * when it is, they move to storage (the same anonymousId); when it is revoked, they move back to
   * memory and what was stored is cleared. Without it, storage is used whenever some category is
   * granted (opt-in) or nothing was refused (opt-out).
   */
  storageCategory?: string
  /**
   * Where calls made before the visitor's decision are held (opt-in): `memory` (default), or
   * `sessionStorage`, so a visitor who moves on before deciding takes them to the next page of
   * the tab, where the decision delivers them.
   */
  holdIn?: 'memory' | 'sessionStorage'
  /** Google Consent Mode and the like. */
  extensions?: ConsentExtension[]
  /** Don't send `Segment Consent Preference Updated` when the preferences change. */
  disableConsentChangedEvent?: boolean
}

/** What the consent part counted. */
export interface ConsentStats {
  /** Events kept from every destination (Segment disabled by the preferences, or refused before the decision). */
  dropped: number
  /** Events kept from each destination. */
  kept: Record<string, number>
}

/** `analytics.consent`, on the instance (and on the snippet's stub once the consent part has loaded). */
export interface ConsentController {
  readonly model: ConsentModel
  /** The current preferences; `undefined` before the visitor decided. */
  categories(): Categories | undefined
  /** Sets the visitor's preferences (from a consent manager the site drives itself). */
  update(categories: Categories): void
  /** Whether a destination may receive events under the current preferences. */
  allows(destination: string): boolean
  readonly stats: ConsentStats
}

/** The calls waiting for the instance (the load buffer), as the consent part holds and releases them. */
export interface CallBuffer {
  add(method: string, args: unknown[]): Promise<unknown>
  take(matches: (method: string) => boolean): { method: string; args: unknown[]; resolve(value: unknown): void }[]
}

/** The consent part's entry: given the options and settings before the instance is built; resolves (in opt-in, once the visitor decided) with what attaches it. */
export type ConsentStart = (options: InitOptions, settings: CDNSettings, buffer: CallBuffer) => Promise<(analytics: Analytics) => void>
