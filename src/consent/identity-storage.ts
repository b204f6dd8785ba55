// Moving the visitor's ids between memory and cookies/localStorage without changing them.
//
// The user and group objects are rebuilt from the instance's options (their `load()`), and the
// new methods replace the old ones in place: everything holding `analytics.user()` sees the new
// storage at once. The current values are carried over, so the anonymousId stays the same.
import type { Analytics } from '../core/analytics'
import type { GroupLike, UserLike } from '../identity/types'

type Entity = UserLike | GroupLike

function rebuild<T extends Entity>(entity: T): T {
  const previous = { ...entity }
  const id = entity.id()
  const anonymousId = entity.anonymousId()
  const traits = entity.traits()
  Object.assign(entity, entity.load!())
  // The id first: setting it may clear an anonymousId it does not belong with.
  entity.id(id)
  if (anonymousId) entity.anonymousId(anonymousId)
  entity.traits(traits)
  return previous
}

/**
 * Switches identity to persistent storage (`persist`) or to memory. Back in memory, what was
 * written to cookies and localStorage is cleared. Returns whether anything changed.
 */
export function moveIdentity(analytics: Analytics, persist: boolean): boolean {
  const options = analytics.options
  const user = analytics.user()
  const group = analytics.group()
  if (!options.disableClientPersistence === persist || typeof user.load !== 'function' || typeof group.load !== 'function') return false
  options.disableClientPersistence = !persist
  const before = [rebuild(user), rebuild(group)]
  if (!persist) for (const entity of before) entity.reset()
  return true
}
