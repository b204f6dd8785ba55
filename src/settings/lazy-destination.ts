// A destination registered at once whose code arrives later (a plugin file from the CDN, a
// remote plugin). Until it arrives, its events are kept here and nothing else waits: the
// caller's promise and the other destinations go on. Once it has loaded they are handed over
// in order; if it never arrives they are dropped from this destination only.
import type { Context } from '../core/context'
import type { Plugin, PluginFactory } from '../core/plugin'
import type { Analytics } from '../core/analytics'
import type { EventType } from '../core/types'
import { PLUGIN_LOAD_TIMEOUT_MS } from '../core/constants'
import { timeBox } from '../lib/time-box'
import { loadScript, type LoadScriptOptions } from './load-script'

export interface LazyDestinationOptions {
  name: string
  alternativeNames?: string[]
  settings: Record<string, unknown>
  /** Fetches the factory (e.g. loads a script and reads a global). */
  factory: () => Promise<PluginFactory | undefined> | PluginFactory | undefined
  /** Told about a plugin that could not be loaded; it is then skipped. */
  onError?: (err: unknown) => void
}

/** Events kept while the code is on its way; beyond this the oldest are let go (this destination only). */
export const MAX_PENDING = 1000

const EVENTS: EventType[] = ['track', 'page', 'identify', 'group', 'alias', 'screen']

const asList = (value: Plugin | Plugin[] | undefined): Plugin[] =>
  (Array.isArray(value) ? value : value ? [value] : []).filter((p) => p && typeof p === 'object' && typeof p.name === 'string')

export function lazyDestination(opts: LazyDestinationOptions): Plugin {
  let inner: Plugin[] = []
  let loading: Promise<void> | undefined
  let state: 'loading' | 'ready' | 'failed' = 'loading'
  let pending: [EventType, Context][] = []

  const deliver = async (type: EventType, ctx: Context) => {
    for (const p of inner) {
      const hook = p[type]
      try {
        if (typeof hook === 'function') await hook.call(p, ctx)
      } catch (err) {
        ctx.log('warn', `"${p.name}" failed on ${type}`, { error: err })
      }
    }
    return ctx
  }

  const start = async (ctx: Context, analytics: Analytics): Promise<void> => {
    try {
      const factory = await opts.factory()
      if (typeof factory !== 'function') throw new Error(`no plugin factory for "${opts.name}"`)
      const plugins = asList(await factory(opts.settings))
      if (!plugins.length) throw new Error(`plugin factory for "${opts.name}" returned no plugin`)
      for (const p of plugins) {
        // Anything but a destination joins the pipeline in its own right.
        if (p.type !== 'destination') void analytics.register(p)
        else {
          const loaded = await timeBox(Promise.resolve(p.load(ctx, analytics, opts.settings)).then(() => true), PLUGIN_LOAD_TIMEOUT_MS, false)
          if (!loaded) throw new Error(`"${p.name}" did not load within ${PLUGIN_LOAD_TIMEOUT_MS} ms`)
          inner.push(p)
          // The loaded plugin knows its other names ('Meta Pixel'...): route by them from now on.
          plugin.alternativeNames = (plugin.alternativeNames ?? []).concat(p.alternativeNames ?? [])
        }
      }
      // Hand over what waited, in order; events arriving meanwhile queue behind.
      while (pending.length) {
        const [type, event] = pending.shift()!
        await deliver(type, event)
      }
      state = 'ready'
    } catch (err) {
      state = 'failed'
      inner = []
      pending = []
      opts.onError?.(err)
    }
  }

  const plugin: Plugin = {
    name: opts.name,
    alternativeNames: opts.alternativeNames,
    type: 'destination',
    version: '0.0.0',
    isLoaded: () => state === 'ready',
    // Returns at once: the pipeline must not wait for (or time out on) a network load.
    load(ctx, analytics) {
      loading ??= start(ctx, analytics)
    },
    async unload(ctx, analytics) {
      await loading
      for (const p of inner) await p.unload?.(ctx, analytics)
    },
    async ready() {
      await loading
      await Promise.all(inner.map((p) => p.ready?.()))
    },
    reset() {
      for (const p of inner) p.reset?.()
    },
  }
  for (const type of EVENTS) {
    plugin[type] = (ctx: Context) => {
      if (state === 'ready') return deliver(type, ctx)
      if (state === 'loading') {
        if (pending.push([type, ctx]) > MAX_PENDING) pending.shift()
      }
      return ctx
    }
  }
  return plugin
}

export interface PluginSourceOptions {
  cdnURL: string
  nonce?: string
  /** Factories the page passed in `plugins` (npm): used instead of downloading. */
  factories?: PluginFactory[]
  onError?: (name: string, err: unknown) => void
}

export interface ScriptDestination extends Pick<LoadScriptOptions, 'hosts_' | 'base_'> {
  name: string
  alternativeNames?: string[]
  settings: Record<string, unknown>
  /** Names a factory passed in `plugins` may carry as its `pluginName` to be used instead of the script. */
  factoryNames: string[]
  /** Where the plugin's script is; `hosts_` and `base_` say where it may come from (load-script.ts). */
  src: string
  /** Reads the factory the script defined. */
  read: () => PluginFactory | undefined
}

/** A lazy destination from a factory the page supplied, or else from a script on the CDN. */
export function scriptDestination(d: ScriptDestination, opts: PluginSourceOptions): Plugin {
  const supplied = opts.factories?.find((f) => typeof f.pluginName === 'string' && d.factoryNames.includes(f.pluginName))
  return lazyDestination({
    name: d.name,
    alternativeNames: d.alternativeNames,
    settings: d.settings,
    factory: supplied ? () => supplied : () => loadScript(d.src, { ...d, nonce: opts.nonce }).then(d.read),
    onError: (err) => opts.onError?.(d.name, err),
  })
}
