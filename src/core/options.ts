import type { Integrations } from './types'
import type { Plugin, PluginFactory } from './plugin'

export type StoreType = 'cookie' | 'localStorage' | 'memory'

export interface CookieOptions {
  /** Days, as Analytics.js 2.0 (default 365). */
  maxage?: number
  domain?: string
  path?: string
  secure?: boolean
  sameSite?: string
}

export interface UserOptions {
  disable?: boolean
  localStorageFallbackDisabled?: boolean
  persist?: boolean
  cookie?: { key?: string; oldKey?: string }
  localStorage?: { key?: string }
  storage?: { stores: StoreType[] }
}

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

/** The CDN settings document (`/v1/projects/<writeKey>/settings`). */
export interface CDNSettings {
  integrations: Record<string, Record<string, any>>
  plan?: Plan
  remotePlugins?: RemotePluginSettings[]
  enabledMiddleware?: Record<string, boolean>
  middlewareSettings?: Record<string, unknown>
  metrics?: Record<string, unknown>
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
  cdnURL?: string
  cdnSettings?: CDNSettings
  plugins?: (Plugin | PluginFactory)[]
  classicIntegrations?: unknown[]
  timeout?: number
}

/** `load()`'s second argument: every Analytics.js 2.0 InitOptions name, plus Switchboard's own. */
export interface InitOptions {
  disableClientPersistence?: boolean
  disableAutoISOConversion?: boolean
  initialPageview?: boolean
  cookie?: CookieOptions
  storage?: { stores: StoreType[] }
  user?: UserOptions
  group?: UserOptions
  integrations?: Integrations
  plan?: Plan
  retryQueue?: boolean
  obfuscate?: boolean
  updateCDNSettings?: (settings: CDNSettings) => CDNSettings
  useQueryString?: boolean | { aid?: RegExp; uid?: RegExp }
  highEntropyValuesClientHints?: HighEntropyHint[]
  globalAnalyticsKey?: string
  disable?: boolean | ((settings: CDNSettings) => boolean | Promise<boolean>)
  /** Switchboard: nonce for every script it injects (strict CSP pages). */
  nonce?: string
  /** Switchboard: send page() on single-page-app navigations (`true`, or `{ replaceState: true }`). */
  trackPageChanges?: boolean | { replaceState?: boolean }
  /** Switchboard: how long a settings fetch may take before defaults are used (ms). */
  settingsTimeout?: number
  /** Switchboard: outbox bounds and delivery tuning. */
  delivery?: Record<string, unknown>
  [key: string]: unknown
}
