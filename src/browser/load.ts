// Bringing an Analytics instance up: settings, plugins, then the calls that waited for it.
import { Analytics } from '../core/analytics'
import { Context } from '../core/context'
import { SEGMENT_IO } from '../core/constants'
import type { AnalyticsSettings, CDNSettings, InitOptions } from '../core/options'
import type { Plugin, PluginFactory } from '../core/plugin'
import type { GroupLike, UserLike } from '../identity/types'
import { timeBox } from '../lib/time-box'
import {
  deviceModeDestinations,
  deviceModeSources,
  fetchCDNSettings,
  isSegmentioEnabled,
  normalizeCDN,
  normalizeCDNSettings,
  remotePluginSources,
  REMOTE_PLUGINS_WAIT_MS,
  type DestinationSource,
  type LazyDestination,
  segmentioSettings,
  schemaFilter,
  trackPlan,
} from '../settings'
import { lazyGuard } from '../settings/guards'
import { NullAnalytics } from './null-analytics'
import { withExtras } from './extend'
import { replayCall, type PreloadBuffer } from './buffer'
import { capturePageContext } from './page-context'

/** The modules the loader wires together (injected, so the load sequence is testable on its own). */
export interface LoaderDeps {
  createUser(options: InitOptions): UserLike
  createGroup(options: InitOptions): GroupLike
  envEnrichment?(analytics: Analytics): Plugin
  segmentio?(analytics: Analytics, settings: Record<string, any>, options: InitOptions, cdnIntegrations: CDNSettings['integrations']): Plugin
  runQueryString?(analytics: Analytics, search?: string): unknown
  trackPageChanges?(analytics: Analytics, options: unknown): unknown
  /**
   * Starts loading the on-demand parts this page will need, in parallel with the settings, never
   * after them; `middleware`: calls waiting to add middleware, whose code comes with them.
   */
  preload?(cdnURL: string, options: InitOptions, middleware: boolean): void
  /**
   * The consent part, started before the instance exists: resolves (in opt-in, once the visitor
   * decided) with what attaches it, or undefined when it could not load.
   */
  consent?(cdnURL: string, options: InitOptions, cdn: CDNSettings, buffer: PreloadBuffer): Promise<((analytics: Analytics) => void) | undefined>
  /** Adds what the global/npm surface has beyond the core class (trackLink, trackForm, queryString, option warnings...). */
  extend?(analytics: Analytics, settings: AnalyticsSettings): void
}

export interface LoadHooks {
  /** Runs synchronously right after the last buffered call was replayed (the snippet swaps `window[key]` here). */
  onReplayed?(analytics: Analytics): void
  /** The settings request Switchboard's snippet started alongside the bundle's. */
  settingsResponse?: Promise<Response>
  /** Settings a self-hosted CDN inlined into the bundle (`{ at, settings }`). */
  inlinedSettings?: unknown
}

/** How long the query-string calls may hold up the replay of buffered calls. */
const QUERY_STRING_TIMEOUT_MS = 1000

/** Calls that configure the instance and run before any plugin is registered. */
const FIRST = new Set(['setAnonymousId', 'on', 'once', 'off', 'debug'])
/** Calls that add plugins or middleware, awaited in order before events are replayed. */
const PLUGIN_CALLS = new Set(['register', 'deregister', 'addSourceMiddleware', 'addDestinationMiddleware'])

function logError(message: string, err?: unknown): void {
  console.warn(`[switchboard] ${message}`, err ?? '')
}

async function resolveSettings(settings: AnalyticsSettings, options: InitOptions, hooks: LoadHooks): Promise<CDNSettings> {
  let cdn: CDNSettings
  if (settings.cdnSettings) cdn = normalizeCDNSettings(settings.cdnSettings, settings.writeKey)
  else {
    cdn = await fetchCDNSettings(normalizeCDN(settings.cdnURL), settings.writeKey, {
      ...hooks,
      timeout: options.settingsTimeout,
      // Not before consent allows it.
      persist: !options.disableClientPersistence && !options.consent,
    })
  }
  if (typeof options.updateCDNSettings === 'function') {
    try {
      cdn = normalizeCDNSettings(options.updateCDNSettings(cdn), settings.writeKey)
    } catch (err) {
      logError('updateCDNSettings failed', err)
    }
  }
  return cdn
}

async function isDisabled(options: InitOptions, cdn: CDNSettings): Promise<boolean> {
  if (typeof options.disable !== 'function') return options.disable === true
  try {
    return (await options.disable(cdn)) === true
  } catch (err) {
    logError('disable() failed', err)
    return false
  }
}

/**
 * The plugins Switchboard registers at once, in order: enrichment, plan, tracking plan and privacy
 * guard, npm plugins, Segment.io last; and the device-mode destinations and remote plugins whose
 * code is on its way (`coming`: their files, or factories passed in `plugins`), with the remote
 * ones among them.
 */
function corePlugins(
  analytics: Analytics,
  settings: AnalyticsSettings,
  options: InitOptions,
  cdn: CDNSettings,
  deps: LoaderDeps,
): [plugins: Plugin[], coming: DestinationSource[], remote: Set<DestinationSource>] {
  const supplied = settings.plugins ?? []
  const objects = supplied.filter((p): p is Plugin => !!p && typeof p === 'object')
  const factories = supplied.filter((p): p is PluginFactory => typeof p === 'function')
  const sources = {
    cdnURL: normalizeCDN(settings.cdnURL),
    nonce: typeof options.nonce === 'string' ? options.nonce : undefined,
    factories,
    // Behind consent, a destination's file loads only once the visitor allows it.
    now: !(options.consent || cdn.consentSettings),
    onError: (name: string, err: unknown) => {
      analytics.failedInitializations.push(name)
      logError(`plugin "${name}" skipped`, err)
    },
  }
  const plugins: Plugin[] = []
  if (deps.envEnrichment) plugins.push(deps.envEnrichment(analytics))
  const plan = trackPlan(cdn, options.plan)
  if (plan) plugins.push(schemaFilter(plan))
  for (const name of ['protocols', 'privacy'] as const) if (options[name]) plugins.push(lazyGuard(name, options[name], sources))
  plugins.push(...objects)
  const remote = new Set(remotePluginSources(cdn, options, sources))
  const coming = [...deviceModeSources(deviceModeDestinations(cdn, options), sources), ...remote]
  if (deps.segmentio && isSegmentioEnabled(options)) {
    plugins.push(deps.segmentio(analytics, segmentioSettings(cdn, options, settings.writeKey), options, cdn.integrations))
  }
  return [plugins, coming, remote]
}

/**
 * Device-mode destinations and remote plugins whose files are on their way: the code that runs
 * them comes with the on-demand parts, loading in parallel, and they are registered once it is
 * there. Until then the pipeline keeps their events for them; if that code cannot be loaded, each
 * is reported and skipped.
 */
function expectDestinations(analytics: Analytics, coming: DestinationSource[]): Promise<LazyDestination[]> {
  const made = withExtras(analytics, (x) => coming.map(x.lazyDestination), undefined).then(async (list) => {
    if (!list) for (const source of coming) source.onError?.(new Error('extras.js did not load'))
    else await analytics.register(...list)
    return list ?? []
  })
  analytics.pipeline.expect_(
    coming.map((source) => source.name),
    made,
  )
  return made
}

/**
 * Loads settings, builds the instance, registers plugins and replays what was buffered. Never
 * rejects: a failing step is logged and the rest carries on, so buffered calls are not lost.
 */
export async function loadAnalytics(
  settings: AnalyticsSettings,
  initOptions: InitOptions,
  buffer: PreloadBuffer,
  deps: LoaderDeps,
  hooks: LoadHooks = {},
): Promise<[Analytics, Context]> {
  const ctx = Context.system()
  const options: InitOptions = { ...initOptions }
  // Queued here, not in AnalyticsBrowser, so the snippet's bundle sends it too; the page is captured now.
  if (options.initialPageview) void buffer.add('page', [capturePageContext()])
  deps.preload?.(normalizeCDN(settings.cdnURL), options, buffer.has_(['addSourceMiddleware', 'addDestinationMiddleware']))
  let analytics: Analytics
  if (options.disable === true) analytics = new NullAnalytics()
  else {
    const cdn = await resolveSettings(settings, options, hooks)
    let consent: ((analytics: Analytics) => void) | undefined
    if (await isDisabled(options, cdn)) analytics = new NullAnalytics()
    // Consent asked for (by the site or the settings): its part decides first, in opt-in by
    // waiting for the visitor. Without it, nothing is sent.
    else if ((options.consent || cdn.consentSettings) && !(consent = await deps.consent?.(normalizeCDN(settings.cdnURL), options, cdn, buffer))) {
      analytics = new NullAnalytics()
    } else {
      options.retryQueue ??= cdn.integrations[SEGMENT_IO]?.retryQueue ?? true
      const fullSettings = { ...settings, cdnURL: normalizeCDN(settings.cdnURL), cdnSettings: cdn }
      analytics = new Analytics(fullSettings, options, { user: deps.createUser(options), group: deps.createGroup(options) })
      deps.extend?.(analytics, settings)
      consent?.(analytics)
      for (const call of buffer.take((m) => FIRST.has(m))) replayCall(analytics, call)
      try {
        const [plugins, coming, remote] = corePlugins(analytics, fullSettings, options, cdn, deps)
        const made = coming.length ? expectDestinations(analytics, coming) : undefined
        await analytics.register(...plugins)
        // A remote bundle may bring plugins that change events (a session id, a throttle): the
        // first events wait for them, bounded. Without remote plugins (or with none that consent
        // lets load yet) nothing waits.
        if (made && coming.some((source) => remote.has(source))) {
          const joined = made.then((list) => Promise.all(list.filter((_, i) => remote.has(coming[i])).map((p) => p.joined)))
          await timeBox(joined, REMOTE_PLUGINS_WAIT_MS, undefined)
        }
      } catch (err) {
        logError('registering plugins failed', err)
      }
    }
  }
  const live = !(analytics instanceof NullAnalytics)
  if (live) for (const call of buffer.take((m) => PLUGIN_CALLS.has(m))) await replayCall(analytics, call)
  analytics.initialized = true
  analytics.emit('initialize', settings, options)
  // 'ready' once every plugin is ready (or given up on after 10 s: a blocked vendor never stalls it).
  void analytics.ready().then(() => analytics.emit('ready'))
  // The ajs_ query string runs before the buffered calls, as in Analytics.js 2.0 (its
  // setAnonymousId and identify apply to them); its code was preloaded with the settings.
  if (live && deps.runQueryString && options.useQueryString !== false) {
    await timeBox(Promise.resolve().then(() => deps.runQueryString!(analytics)).catch((err) => logError('query string failed', err)), QUERY_STRING_TIMEOUT_MS, 0)
  }
  // Everything else in call order. The snippet may still be recording while this runs, so read until empty.
  for (let calls = buffer.take(() => true); calls.length; calls = buffer.take(() => true)) {
    for (const call of calls) replayCall(analytics, call)
  }
  hooks.onReplayed?.(analytics)
  // Watches later navigations only, so it never holds up the calls above.
  if (live && options.trackPageChanges) void deps.trackPageChanges?.(analytics, options.trackPageChanges)
  ;(window as { __SEGMENT_INSPECTOR__?: { attach?(a: unknown): void } }).__SEGMENT_INSPECTOR__?.attach?.(analytics)
  return [analytics, ctx]
}
