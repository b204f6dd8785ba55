// The thin, side-effecting shell every device-mode destination shares: install the vendor's
// stub at once, inject its script without waiting for it, then run translate() per event.
import type { Context, DestinationFactory, Integrations, Plugin, SegmentEvent, Traits } from '../../src/types'
import { VERSION } from '../../src/core/constants'
import { isDestinationEnabled } from '../../src/core/integrations'
import { normalizeCDN } from '../../src/settings/cdn'
import { checkScriptURL } from '../../src/settings/script-policy'
import { loadScript } from './load-script'
import { runCalls } from './run-calls'
import type { VendorCall } from './vendor-call'

/** What a destination may read at load time (for its init calls). */
export interface LoadEnv {
  userId: string | null
  anonymousId: string | null
  traits: Traits
  /** The group the user was last placed in (`analytics.group()`), if any. */
  groupId: string | null
  groupTraits: Traits
  /** The `integrations` load option (e.g. `{ 'Facebook Pixel': { dataProcessingOptions } }`). */
  integrations: Integrations
  now: Date
}

export interface Destination<S, T = undefined> {
  name: string
  alternativeNames: string[]
  /** Why these settings cannot work (a missing id), or nothing. */
  invalid?(s: S): string | undefined
  /** Installs the vendor's own stub/queue on `window`, as the vendor snippet does. */
  install(s: S): void
  /** Default script URL; the `scriptUrl` setting overrides it (tests, self-hosting). */
  src(s: S): string
  /** Attributes the vendor's own embed code gives its script tag (HubSpot: `id`). */
  scriptAttrs?: Record<string, string>
  /**
   * Destinations that share one vendor script give it the same key (`gtag`: GA4 and Google Ads):
   * whichever loads first injects it, the others wait for that one load.
   */
  scriptKey?: string
  /**
   * The vendor's official script hosts. A URL from settings must be on one of them or on the
   * CDN's host; any other must be given in code (`integrations: { [name]: { scriptUrl } }`).
   */
  hosts: string[]
  /** Calls made once at load, before any event (init, config, consent defaults). */
  init?(s: S, env: LoadEnv): VendorCall[]
  /** Pure: one message → its vendor calls; `state` is this instance's own (see `state`). */
  translate(msg: SegmentEvent, s: S, state: T): VendorCall[]
  /** Per-instance state kept between events (GA4: the current consent), made with the plugin. */
  state?(s: S): T
  /** Further members of the plugin, on that state; `run` executes calls once the plugin is loaded. */
  api?(s: S, state: T, run: (calls: VendorCall[]) => void): Record<string, unknown>
  /** Calls made on `analytics.reset()` (logout). */
  reset?(s: S): VendorCall[]
  /** Resolves asynchronous arguments (hashes) before calls run. */
  prepare?(calls: VendorCall[]): Promise<VendorCall[]>
}

type Settings = Record<string, unknown> & { scriptUrl?: string }

function loadEnv(analytics: any): LoadEnv {
  const user = analytics?.user?.()
  const group = analytics?.group?.()
  return {
    userId: user?.id?.() ?? null,
    anonymousId: user?.anonymousId?.() ?? null,
    traits: user?.traits?.() ?? {},
    groupId: group?.id?.() ?? null,
    groupTraits: group?.traits?.() ?? {},
    integrations: analytics?.options?.integrations ?? {},
    now: new Date(),
  }
}

/**
 * The vendor script to load, or the rule it breaks (src/settings/script-policy.ts). A
 * `scriptUrl` the site gives in code, in the `integrations` load option, may point anywhere
 * the policy allows (relative to the page); a URL from settings, which the site does not
 * control, only at the vendor's hosts or the CDN's (relative to the CDN).
 */
function vendorScript<S, T>(def: Destination<S, T>, settings: Settings, analytics: any, options: unknown[]): [src: unknown, url: URL | string] {
  const own: any = options.find((o) => o && typeof o == 'object' && 'scriptUrl' in o)
  if (own) return [own.scriptUrl, checkScriptURL(own.scriptUrl, document.baseURI)]
  const src = settings.scriptUrl || def.src(settings as S)
  return [src, checkScriptURL(src, normalizeCDN(analytics?.settings?.cdnURL) + '/', def.hosts)]
}

/** Builds the plugin factory `(settings) => Plugin` for one destination. */
export function destination<S, T = undefined>(def: Destination<S, T>): DestinationFactory<S> {
  const factory = (input: S = {} as S): Plugin => {
    const settings = input as Settings
    const s = settings as S
    const state = def.state?.(s) as T
    let loaded = false
    let failure = 'load() has not run'
    let script: Promise<boolean> = Promise.resolve(false)

    const fail = (ctx: Context | undefined, why: string) => {
      loaded = false
      failure = why
      ctx?.log('warn', `${def.name}: ${why}`)
    }

    const hook = async (ctx: Context) => {
      if (!loaded) {
        ctx.log('warn', `${def.name} is not loaded (${failure}); ${ctx.event.type} skipped`)
        return ctx
      }
      // Also checked here: a wrapper that loads this plugin lazily may route by the name alone.
      if (!isDestinationEnabled(ctx.event.integrations, def.name, def.alternativeNames)) return ctx
      let calls = def.translate(ctx.event, s, state)
      if (def.prepare) calls = await def.prepare(calls)
      for (const error of runCalls(calls)) ctx.log('warn', `${def.name}: vendor call failed`, { error })
      return ctx
    }

    return {
      name: def.name,
      type: 'destination',
      version: VERSION,
      alternativeNames: def.alternativeNames,
      isLoaded: () => loaded,
      load(ctx: Context, analytics: unknown) {
        const invalid = def.invalid?.(s)
        if (invalid) return fail(ctx, invalid)
        // The load option under any of its names: `false` keeps the vendor off the page entirely.
        const integrations = (analytics as any)?.options?.integrations ?? {}
        const options = [def.name, ...def.alternativeNames].map((n) => integrations[n])
        if (options.includes(false)) return fail(ctx, 'turned off by the integrations option')
        try {
          const [wanted, url] = vendorScript(def, settings, analytics, options)
          if (typeof url == 'string') {
            // Counted and isolated: nothing of the vendor's is installed, the others go on.
            ctx?.stats.increment('script_refused', 1, [`plugin:${def.name}`])
            ;(analytics as any)?.failedInitializations?.push(def.name)
            return fail(ctx, `script refused: ${String(wanted)} (${url})`)
          }
          def.install(s)
          runCalls(def.init?.(s, loadEnv(analytics)) ?? [])
          loaded = true
          const src = url.href
          const inject = () => loadScript(src, (analytics as any)?.options?.nonce, def.scriptAttrs)
          const key = def.scriptKey
          // Never awaited by load(): the stub queues calls until the vendor script takes over.
          script = (key ? (((window as any).switchboardScripts ||= {})[key] ||= inject()) : inject()).then((ok: boolean) => {
            if (!ok) fail(ctx, `script failed to load: ${src}`)
            return ok
          })
        } catch (err) {
          fail(ctx, `could not install: ${String(err)}`)
        }
      },
      /** Settles when the vendor script has loaded or failed. */
      ready: () => script,
      page: hook,
      identify: hook,
      track: hook,
      group: hook,
      alias: hook,
      screen: hook,
      reset() {
        if (loaded && def.reset) runCalls(def.reset(s))
      },
      ...def.api?.(s, state, (calls) => void (loaded && runCalls(calls))),
    }
  }
  return Object.assign(factory, { pluginName: def.name, alternativeNames: def.alternativeNames })
}
