import type { CookieOptions, Store, StorageOptions, StorageSettings, StoreType } from './types'
import { STORE_TYPES, DEFAULT_STORES } from './types'
import { createCookieStore } from './cookie-store'
import { createLocalStore } from './local-store'
import { createMemoryStore } from './memory-store'
import { UniversalStorage } from './universal-storage'

export type { CookieOptions, Store, StorageOptions, StorageSettings, StoreType }
export { UniversalStorage, createCookieStore, createLocalStore, createMemoryStore, DEFAULT_STORES }
export { topDomain } from './tld'
export { COOKIE_DEFAULTS } from './cookie-store'

/** `{ stores: [...] }` naming only known store types. */
export function isStoreList(value: unknown): value is StorageSettings {
  const stores = (value as { stores?: unknown } | null | undefined)?.stores
  return Array.isArray(stores) && stores.every((s) => STORE_TYPES.includes(s))
}

/**
 * Stores for the given types, in order. A memory store is always last, so a page whose
 * cookies and localStorage are both blocked still keeps its ids for the life of the page.
 */
export function createStores(types: readonly StoreType[], cookie?: CookieOptions): Store[] {
  const stores: Store[] = []
  for (const type of new Set([...types, 'memory' as const])) {
    stores.push(type === 'cookie' ? createCookieStore(cookie) : type === 'localStorage' ? createLocalStore() : createMemoryStore())
  }
  return stores
}

/** `analytics.storage`: `storage.stores` order (default localStorage → cookie → memory), memory only without persistence. */
export function createUniversalStorage(options: StorageOptions = {}): UniversalStorage {
  const types = options.disableClientPersistence
    ? []
    : isStoreList(options.storage)
      ? options.storage.stores
      : DEFAULT_STORES
  return new UniversalStorage(createStores(types, options.cookie))
}
