// Storage's own types: where values live and the options that decide it.

export type StoreType = 'cookie' | 'localStorage' | 'memory'

/** Cookie attributes (`cookie` load option), as Analytics.js 2.0 names them. */
export interface CookieOptions {
  /** Days, as Analytics.js 2.0 (default 365). */
  maxage?: number
  /** Default: the top-most domain that accepts a cookie, found by probing. */
  domain?: string
  path?: string
  secure?: boolean
  /** 'Strict', 'Lax' (default) or 'None'. */
  sameSite?: string
}

/** Store priority (`storage` load option). */
export interface StorageSettings {
  stores: StoreType[]
}

/** The load options storage reads. */
export interface StorageOptions {
  /** Keep everything in memory: nothing in cookies or localStorage. */
  disableClientPersistence?: boolean
  cookie?: CookieOptions
  storage?: StorageSettings
}

/** One place a value can live. Implementations never throw: failures read as `null`. */
export interface Store {
  readonly type: StoreType
  get<T = unknown>(key: string): T | null
  set(key: string, value: unknown): void
  remove(key: string): void
}

export const STORE_TYPES: readonly StoreType[] = ['cookie', 'localStorage', 'memory']

/** Analytics.js 2.0's default priority for identity and `analytics.storage`. */
export const DEFAULT_STORES: readonly StoreType[] = ['localStorage', 'cookie', 'memory']
