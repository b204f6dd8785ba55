import type { StoreType } from '../storage/types'
import type { UserOptions } from './types'
import { DEFAULT_STORES, isStoreList } from '../storage'

/** User/group options after defaults: what decides where identity lives. */
export interface EntityOptions extends UserOptions {
  persist?: boolean
}

/**
 * Where an entity's values live, as Analytics.js 2.0 decides it: disabled → nowhere,
 * not persisted → memory, else `storage.stores` (default localStorage → cookie → memory)
 * minus localStorage when `localStorageFallbackDisabled`, minus what `exclude` names.
 */
export function entityStoreTypes(options: EntityOptions, exclude?: StoreType): StoreType[] {
  if (options.disable) return []
  if (options.persist === false) return ['memory']
  let types = isStoreList(options.storage) ? options.storage.stores : DEFAULT_STORES
  if (options.localStorageFallbackDisabled) types = types.filter((t) => t !== 'localStorage')
  return exclude ? types.filter((t) => t !== exclude) : [...types]
}
