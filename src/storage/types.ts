import type { StoreType } from '../core/options'

export type { StoreType }

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
