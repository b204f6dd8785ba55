// The two arguments of `AnalyticsBrowser.load(settings, options)` and the CDN settings document.
// Storage, identity and delivery own their parts; they are gathered here.
import type { Integrations } from './types'
import type { Plugin, PluginFactory } from './plugin'
import type { CookieOptions, StorageSettings, StoreType } from '../storage/types'
import type { UserOptions } from '../identity/types'
import type { DeliveryOptions, SegmentioOptions } from '../delivery/options'
import type { ConsentOptions, ConsentSettings } from '../consent/types'
import type { ProtocolsOptions } from '../protocols/types'
import type { PrivacyOptions } from '../privacy/types'

export type { CookieOptions, StorageSettings, StoreType, UserOptions, DeliveryOptions, SegmentioOptions }

export type HighEntropyHint =
  | 'architecture'
  | 'bitness'
  | 'model'
  | 'platformVersion'
  | 'uaFullVersion'
  | 'fullVersionList'
  | 'wow64'

export interface PlanEvent {
  enabled: boolean
  integrations?: Record<string, boolean>
}

export interface Plan {
  track?: Record<string, PlanEvent>
  identify?: Record<string, unknown>
  group?: Record<string, unknown>
}

/** The CDN settings document (`/v1/projects/<writeKey>/settings`): data from the server, open to new keys. */
export interface CDNSettings {
  integrations: Record<string, Record<string, any>>
  plan?: Plan
  remotePlugins?: RemotePluginSettings[]
  enabledMiddleware?: Record<string, boolean>
  middlewareSettings?: Record<string, unknown>
  metrics?: Record<string, unknown>
  /** Segment's consent management: every category destinations are mapped to (docs/consent.md). */
  consentSettings?: ConsentSettings
  [key: string]: unknown
}

export interface RemotePluginSettings {
  name: string
  creationName?: string
  libraryName: string
  url: string
  settings: Record<string, any>
}

/** `load()`'s first argument (Analytics.js 2.0 `AnalyticsBrowserSettings`). */
export interface AnalyticsSettings {
  writeKey: string
  /** Where settings, the bundle and plugins come from (default `https://cdn.segment.com`). */
  cdnURL?: string
  /** Settings to use instead of fetching them. */
  cdnSettings?: CDNSettings
  /** Plugins, or plugin factories that remote plugin settings call. */
  plugins?: (Plugin | PluginFactory<never>)[]
  /** Analytics.js 2.0's classic destinations: not supported (a debug warning says so). */
  classicIntegrations?: unknown[]
  /** ms before a call's callback runs regardless (default 300). */
  timeout?: number
}

/** `load()`'s second argument: every Analytics.js 2.0 InitOptions name, plus Switchboard's own. */
export interface InitOptions {
  /** Keep everything in memory: nothing in cookies or localStorage. */
  disableClientPersistence?: boolean
  /** Accepted and ignored: device-mode destinations receive the message as sent. */
  disableAutoISOConversion?: boolean
  /** Send `page()` as soon as loading starts. */
  initialPageview?: boolean
  cookie?: CookieOptions
  storage?: StorageSettings
  user?: UserOptions
  group?: UserOptions
  /** Switches and settings overrides per destination, for every event. */
  integrations?: Integrations
  /** Tracking plan; `plan.track` filters and routes events by name. */
  plan?: Plan
  /** `false`: an event whose upload fails is not retried. */
  retryQueue?: boolean
  /** Remote plugins load from the base64-named copy of their folder (the plain URL when it is missing), as in Analytics.js 2.0. */
  obfuscate?: boolean
  /** Changes the CDN settings before they are used. */
  updateCDNSettings?: (settings: CDNSettings) => CDNSettings
  /** `ajs_` query parameters (default true); `{ aid, uid }` patterns the ids must match. */
  useQueryString?: boolean | { aid?: RegExp; uid?: RegExp }
  /** Extra `context.userAgentData` hints. */
  highEntropyValuesClientHints?: HighEntropyHint[]
  /** Window key of the snippet and instance (default `analytics`). */
  globalAnalyticsKey?: string
  /** `true`, or a function of the CDN settings, turns everything off. */
  disable?: boolean | ((settings: CDNSettings) => boolean | Promise<boolean>)
  /** Switchboard: nonce for every script it injects (strict CSP pages); the standalone bundle defaults it to its own element's. */
  nonce?: string
  /** Switchboard: hosts besides the CDN's that settings may load remote plugins from (`'plugins.example.com'`, with `:port` when not the default). */
  remotePluginHosts?: string[]
  /** Switchboard: send page() on single-page-app navigations (`true`, or `{ replaceState: true }`). */
  trackPageChanges?: boolean | { replaceState?: boolean }
  /** Switchboard: how long a settings fetch may take before the last good (or default) settings are used (ms). */
  settingsTimeout?: number
  /** Switchboard: validate events against a tracking plan and enforce it per destination (docs/protocols.md); its code loads only when given. */
  protocols?: ProtocolsOptions
  /** Switchboard: redact personal data per destination (docs/privacy.md); its code loads only when given. */
  privacy?: PrivacyOptions
  /** Switchboard: outbox bounds and delivery tuning (docs/delivery.md). */
  delivery?: DeliveryOptions
  /** Switchboard: the visitor's consent decides what is stored, loaded and sent (docs/consent.md). */
  consent?: ConsentOptions
}
