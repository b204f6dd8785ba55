// A destination whose code arrives later (a plugin file from the CDN, a remote plugin). It comes
// with the on-demand parts (extras.js), which load in parallel with that code
// (destination-source.ts). Until the code arrives, its events are kept here and nothing else
// waits: the caller's promise and the other destinations go on. Once it has loaded they are handed over
// in order, however long its vendor took; if its code fails they are dropped from this
// destination only. Plugins the code brings that change events (before, enrichment) join the
// pipeline in their own right, and `joined` says when they have.
import type { Context } from '../core/context'
import type { Plugin, PluginFactory } from '../core/plugin'
import type { Analytics } from '../core/analytics'
import type { EventType } from '../core/types'

export interface LazyDestinationOptions {
  name: string
  alternativeNames?: string[]
  settings: Record<string, unknown>
  /** Fetches the factory (e.g. loads a script and reads a global). */
  factory: () => Promise<PluginFactory | undefined> | PluginFactory | undefined
  /** Told about a plugin that could not be loaded; it is then skipped. */
  onError?: (err: unknown) => void
}

export interface LazyDestination extends Plugin {
  /**
   * Set by `load()`: settles once the code has run and the plugins it brought that change events
   * are in the pipeline (or could not be loaded), or once the code failed. Absent while nothing
   * loads it (a destination consent has not allowed yet), so nothing waits for it. (A plain name:
   * the core reads it from a plugin extras.js made.)
   */
  joined?: Promise<void>
  /** Events let go because more than MAX_PENDING were waiting for the code. */
  dropped: number
}

/** Events kept while the code is on its way; beyond this the oldest are let go (this destination only) and counted. */
export const MAX_PENDING = 1000

const EVENTS: EventType[] = ['track', 'page', 'identify', 'group', 'alias', 'screen']

const asList = (value: Plugin | Plugin[] | undefined): Plugin[] =>
  [value].flat().filter((p): p is Plugin => !!p && typeof p === 'object' && typeof p.name === 'string')

export function lazyDestination(opts: LazyDestinationOptions): LazyDestination {
  let inner: Plugin[] = []
  let loading: Promise<void> | undefined
  let state: 'loading' | 'ready' | 'failed' = 'loading'
  let pending: [EventType, Context][] = []
  let join!: () => void

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

  // A plugin that changes events joins once loaded (its hooks may need what load set up), as
  // itself but without a second load. One that fails to load is reported and left out.
  const joinPipeline = async (p: Plugin, ctx: Context, analytics: Analytics) => {
    try {
      await p.load(ctx, analytics, opts.settings)
      await analytics.register(Object.create(p, { load: { value: () => undefined } }))
    } catch (err) {
      opts.onError?.(err)
    }
  }

  const start = async (ctx: Context, analytics: Analytics): Promise<void> => {
    try {
      const factory = await opts.factory()
      const plugins = typeof factory === 'function' ? asList(await factory(opts.settings)) : []
      if (!plugins.length) throw new Error(`no plugin factory or plugin for "${opts.name}"`)
      const destinations = plugins.filter((p) => p.type === 'destination')
      await Promise.all(plugins.filter((p) => p.type !== 'destination').map((p) => joinPipeline(p, ctx, analytics)))
      join()
      // No time limit: a slow vendor is delivered to once it is ready; its events wait here meanwhile.
      await Promise.all(destinations.map((p) => p.load(ctx, analytics, opts.settings)))
      if (state !== 'loading') return
      inner = destinations
      // The loaded plugins know their other names ('Meta Pixel'...): route by them from now on.
      for (const p of destinations) plugin.alternativeNames!.push(...(p.alternativeNames ?? []))
      // Hand over what waited, in order; events arriving meanwhile queue behind.
      while (pending.length) {
        const [type, event] = pending.shift()!
        await deliver(type, event)
      }
      state = 'ready'
    } catch (err) {
      state = 'failed'
      pending = []
      opts.onError?.(err)
    }
    join()
  }

  const plugin: LazyDestination = {
    name: opts.name,
    alternativeNames: opts.alternativeNames ?? [],
    type: 'destination',
    dropped: 0,
    isLoaded: () => state === 'ready',
    // Returns at once: the pipeline must not wait for (or time out on) a network load.
    load(ctx, analytics) {
      if (!loading) {
        plugin.joined = new Promise((resolve) => (join = resolve))
        loading = start(ctx, analytics)
      }
    },
    async unload(ctx, analytics) {
      // Not waiting for a load that may never finish: from here on nothing is kept or delivered.
      state = 'failed'
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
      if (state === 'loading' && pending.push([type, ctx]) > MAX_PENDING) {
        pending.shift()
        plugin.dropped++
      }
      return ctx
    }
  }
  return plugin
}
