import type { CookieOptions } from '../storage/types'
import type { Traits } from '../core/types'
import { randomId } from '../lib/random-id'
import { UniversalStorage, createCookieStore, createStores } from '../storage'
import { entityStoreTypes, type EntityOptions } from './store-types'
import { isPlainObject } from '../core/arguments'
import type { UserLike } from './types'

export const ANONYMOUS_ID_KEY = 'ajs_anonymous_id'

export interface EntityKeys {
  id: string
  traits: string
  /** Cookie an older library version kept the whole entity in (`{id, traits}` or an id). */
  legacy?: string
  /** Whether this entity has an anonymousId (users do, groups don't). */
  anonymous: boolean
}

/** The shared shape of users and groups: `UserLike`, with its storage options. */
export interface Entity extends Omit<UserLike, 'options'> {
  save(): boolean
  options: EntityOptions
}

const isObject = isPlainObject as (v: unknown) => v is Record<string, any>

/** A user or group whose id, anonymousId and traits live in storage, read fresh on every call so tabs agree. */
export function createEntity(options: EntityOptions, keys: EntityKeys, cookie?: CookieOptions): Entity {
  const disabled = !!options.disable
  // Ids live everywhere; traits never go to cookies (size limits, and they'd ride on every request).
  const idStore = new UniversalStorage(disabled ? [] : createStores(entityStoreTypes(options), cookie))
  const traitStore = new UniversalStorage(disabled ? [] : createStores(entityStoreTypes(options, 'cookie')))
  const cookieOnly = entityStoreTypes(options).includes('cookie')
    ? createCookieStore(cookie)
    : undefined

  const legacy = (key: string | undefined) => (key && cookieOnly ? cookieOnly.get(key) : null)

  const id = (next?: string | null): string | null => {
    if (disabled) return null
    const previous = idStore.getAndSync<string>(keys.id)
    if (next !== undefined) {
      idStore.set(keys.id, next)
      // A different person signing in on this device must not inherit the last one's anonymousId.
      if (keys.anonymous && next !== previous && previous !== null && next !== null) anonymousId(null)
    }
    const current = next !== undefined ? idStore.getAndSync<string>(keys.id) : previous
    if (current) return current
    const old = legacy(keys.legacy)
    const oldId = isObject(old) ? old.id : old
    return oldId === null || oldId === undefined || oldId === '' ? null : String(oldId)
  }

  const anonymousId = (next?: string | null): string | null => {
    if (disabled || !keys.anonymous) return null
    if (next === null) {
      idStore.set(ANONYMOUS_ID_KEY, null)
      return null
    }
    const current = idStore.getConsistent<string>(ANONYMOUS_ID_KEY)
    // Reads, and `options.anonymousId` repeating the stored value, cost no writes.
    if (next === undefined ? current : next === current) return current
    if (next === undefined) {
      // An even older library kept `anon----user` in `_sio`.
      const sio = legacy('_sio')
      next = (typeof sio === 'string' && sio.split('----')[0]) || randomId()
    }
    idStore.set(ANONYMOUS_ID_KEY, next)
    return idStore.getConsistent<string>(ANONYMOUS_ID_KEY) ?? next
  }

  const traits = (next?: Traits | null): Traits => {
    if (disabled) return {}
    if (next === null) next = {}
    if (next) traitStore.set(keys.traits, next)
    const stored = traitStore.get<Traits>(keys.traits)
    return isObject(stored) ? stored : {}
  }

  const identify = (nextId?: string | null, nextTraits?: Traits | null): void => {
    if (disabled) return
    const currentId = id()
    let merged: Traits = nextTraits ?? {}
    // Same person (or first identification of an anonymous one): traits accumulate. Someone else: replaced.
    if (currentId === null || nextId === undefined || currentId === nextId) merged = { ...traits(), ...merged }
    if (nextId) id(nextId)
    traits(merged)
  }

  const logout = () => {
    anonymousId(null)
    id(null)
    traits({})
  }

  const reset = () => {
    logout()
    idStore.clear(keys.id)
    idStore.clear(ANONYMOUS_ID_KEY)
    traitStore.clear(keys.traits)
  }

  // One-time migration from the single-cookie format: only when nothing newer is stored.
  if (!disabled && keys.legacy) {
    const old = legacy(keys.legacy)
    if (isObject(old) && idStore.getAndSync(keys.id) === null) {
      if (old.id !== undefined && old.id !== null) id(String(old.id))
      if (isObject(old.traits) && traitStore.get(keys.traits) === null) traits(old.traits)
    }
  }

  return { id, anonymousId, traits, identify, logout, reset, save: () => true, options }
}
