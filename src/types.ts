// Every public type and nothing else. Plugins and code that only needs types import from here,
// so no runtime code comes with them (the root entry re-exports all of it).
export type { Analytics, AnalyticsDeps, AnalyticsInstanceSettings } from './core/analytics'
export type { AnalyticsBrowser } from './browser/analytics-browser'
export type { Context, ContextCancelation, Stats, LogLevel, LogMessage, Metric, FailedDelivery, CancelationOptions } from './core/context'
export type { Plugin, PluginType, PluginFactory, DestinationFactory, EventHook } from './core/plugin'
export type {
  InitOptions,
  AnalyticsSettings,
  CDNSettings,
  RemotePluginSettings,
  HighEntropyHint,
  Plan,
  PlanEvent,
} from './core/options'
export type {
  SegmentEvent,
  EventType,
  Options,
  Integrations,
  EventContext,
  PageContext,
  EventProperties,
  PageProperties,
  Traits,
  UserTraits,
  GroupTraits,
  Address,
  Callback,
  JSONPrimitive,
  JSONValue,
  JSONObject,
} from './core/types'
export type { EventMap, EventsOf, EventName, TrackRest, TrackMessage } from './core/calls'
export type { SourceMiddleware, DestinationMiddleware, MiddlewarePayload } from './core/middleware'
export type { UserLike, GroupLike, UserOptions } from './identity/types'
export type { Store, StoreType, CookieOptions, StorageSettings } from './storage/types'
export type { DeliveryOptions, SegmentioOptions } from './delivery/options'
export type { DeliveryStats } from './delivery/stats'
export type { Categories, ConsentOptions, ConsentController, ConsentModel, ConsentExtension, ConsentSettings, ConsentStats } from './consent/types'
