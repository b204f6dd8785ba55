// switchboard-analytics: the npm entry.
export { Analytics } from './core/analytics'
export { Context, ContextCancelation, Stats } from './core/context'
export type * from './types'
export {
  resolveTrackArguments as resolveArguments,
  resolvePageArguments,
  resolveUserArguments,
  resolveAliasArguments,
} from './core/arguments'
export { isDestinationEnabled } from './core/integrations'
export { AnalyticsBrowser, NullAnalytics } from './browser'
export { UniversalStorage, createUniversalStorage } from './storage'
export { createUser, createGroup } from './identity'
export { segmentio } from './delivery'
