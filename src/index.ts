// switchboard-analytics: the npm entry.
export { Analytics } from './core/analytics'
export type { AnalyticsDeps, AnalyticsInstanceSettings } from './core/analytics'
export { Context, ContextCancelation, Stats } from './core/context'
export type { Plugin, PluginType, PluginFactory } from './core/plugin'
export type { InitOptions, AnalyticsSettings, CDNSettings, RemotePluginSettings, CookieOptions, UserOptions } from './core/options'
export type { SegmentEvent, EventType, Options, Integrations, EventContext, PageContext, Traits, Callback } from './core/types'
export type { SourceMiddleware, DestinationMiddleware, MiddlewarePayload } from './core/middleware'
export type { UserLike, GroupLike } from './identity/types'
export {
  resolveTrackArguments as resolveArguments,
  resolvePageArguments,
  resolveUserArguments,
  resolveAliasArguments,
} from './core/arguments'
export { isDestinationEnabled } from './core/integrations'
export { AnalyticsBrowser, NullAnalytics } from './browser'
export { UniversalStorage, createUniversalStorage } from './storage'
export type { Store, StoreType } from './storage'
export { createUser, createGroup } from './identity'
export { segmentio } from './delivery'
export type { DeliveryStats } from './delivery'
