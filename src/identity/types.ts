import type { Traits } from '../core/types'
import type { StorageOptions, StorageSettings } from '../storage/types'

/** `user` and `group` load options (Analytics.js 2.0 names). */
export interface UserOptions {
  /** Keep no id or traits at all. */
  disable?: boolean
  /** Never fall back to localStorage when cookies are blocked. */
  localStorageFallbackDisabled?: boolean
  /** `false` keeps this entity in memory only. */
  persist?: boolean
  cookie?: { key?: string; oldKey?: string }
  localStorage?: { key?: string }
  storage?: StorageSettings
}

/** The load options identity reads. */
export interface IdentityOptions extends StorageOptions {
  user?: UserOptions
  group?: UserOptions
}

/** The current visitor, as `analytics.user()` exposes it (Analytics.js 2.0 `User`). */
export interface UserLike {
  /** Reads, or sets when given (`null` clears). Switching between two non-null ids clears the anonymousId. */
  id(id?: string | null): string | null
  /** Reads (creating a UUID on first read), or sets when given (`null` clears). */
  anonymousId(id?: string | null): string | null
  /** Reads, or replaces when given (`null` → `{}`). */
  traits(traits?: Traits | null): Traits
  /** Sets the id and merges the traits with Analytics.js 2.0 semantics. */
  identify(id?: string | null, traits?: Traits | null): void
  logout(): void
  reset(): void
  load?(): UserLike
  save?(): boolean
  options?: Record<string, unknown>
}

/** The current group (`analytics.group()`). */
export interface GroupLike {
  id(id?: string | null): string | null
  anonymousId(id?: string | null): undefined
  traits(traits?: Traits | null): Traits
  identify(id?: string | null, traits?: Traits | null): void
  logout(): void
  reset(): void
  load?(): GroupLike
  save?(): boolean
  options?: Record<string, unknown>
}
