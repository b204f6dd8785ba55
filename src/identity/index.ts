import type { GroupLike, IdentityOptions, UserLike } from './types'
import { createEntity, ANONYMOUS_ID_KEY } from './entity'
import type { EntityOptions } from './store-types'

export type { UserLike, GroupLike }
export { ANONYMOUS_ID_KEY }

export const USER_DEFAULTS = { id: 'ajs_user_id', legacy: 'ajs_user', traits: 'ajs_user_traits' }
export const GROUP_DEFAULTS = { id: 'ajs_group_id', traits: 'ajs_group_properties' }

/** `options.user` / `options.group` over the page-wide persistence settings. */
function entityOptions(options: IdentityOptions, own: EntityOptions | undefined): EntityOptions {
  return { persist: !options.disableClientPersistence, storage: options.storage, ...own }
}

/** `analytics.user()`: ids and traits under the Analytics.js 2.0 keys, so existing visitors are kept. */
export function createUser(options: IdentityOptions = {}): UserLike {
  const opts = entityOptions(options, options.user)
  const user = createEntity(
    opts,
    {
      id: opts.cookie?.key ?? USER_DEFAULTS.id,
      legacy: opts.cookie?.oldKey ?? USER_DEFAULTS.legacy,
      traits: opts.localStorage?.key ?? USER_DEFAULTS.traits,
      anonymous: true,
    },
    options.cookie,
  )
  return { ...user, load: () => createUser(options) } as UserLike
}

/** `analytics.group()`: like the user, without an anonymousId. */
export function createGroup(options: IdentityOptions = {}): GroupLike {
  const opts = entityOptions(options, options.group)
  const group = createEntity(
    opts,
    {
      id: opts.cookie?.key ?? GROUP_DEFAULTS.id,
      legacy: opts.cookie?.oldKey,
      traits: opts.localStorage?.key ?? GROUP_DEFAULTS.traits,
      anonymous: false,
    },
    options.cookie,
  )
  return { ...group, anonymousId: () => undefined, load: () => createGroup(options) } as GroupLike
}
