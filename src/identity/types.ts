import type { Traits } from '../core/types'

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
