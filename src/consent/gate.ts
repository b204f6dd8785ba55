// A destination behind consent: it loads only once it is allowed and receives only what the
// preferences allow. Events held before the visitor's decision that it was not allowed then are
// kept (bounded), and handed over if the visitor allows it later in the page.
import type { Context } from '../core/context'
import type { Plugin } from '../core/plugin'
import type { EventType } from '../core/types'

/** Held events kept for one destination; beyond this the oldest are let go. */
export const MAX_KEPT = 1000

const EVENTS: EventType[] = ['track', 'page', 'identify', 'group', 'alias', 'screen']

export interface GateEnv {
  /** Whether the destination may receive this event now (its own preferences and the current ones). */
  allows(name: string, ctx?: Context): boolean
  /** Whether the event was held before the visitor's decision. */
  wasHeld(ctx: Context): boolean
  /** Counts (and notes on the Context) an event kept from the destination. */
  kept(name: string, ctx: Context): void
}

export interface Gate {
  plugin: Plugin
  /** After a change of preferences: loads the destination if it is now allowed, with what it was kept. */
  refresh(): void
}

const call = (plugin: Plugin, type: EventType, ctx: Context) => {
  const hook = plugin[type]
  return typeof hook === 'function' ? hook.call(plugin, ctx) : ctx
}

export function gate(inner: Plugin, env: GateEnv): Gate {
  let loadArgs: [Context, unknown] | undefined
  let started = false
  let waiting: [EventType, Context][] = []

  const start = (): boolean => {
    if (!started && loadArgs && env.allows(inner.name)) {
      started = true
      try {
        // Like the pipeline: a destination's load is never waited on; a failure stays with it.
        Promise.resolve(inner.load(loadArgs[0], loadArgs[1] as never)).catch((err) => loadArgs![0].log('warn', `plugin "${inner.name}" failed to load`, { error: err }))
      } catch (err) {
        loadArgs[0].log('warn', `plugin "${inner.name}" failed to load`, { error: err })
      }
    }
    return started
  }

  // Everything else (name, alternativeNames the inner plugin learns later, stats, flush…) is the inner plugin's.
  const plugin: Plugin = Object.create(inner)
  plugin.load = (ctx, analytics) => {
    loadArgs = [ctx, analytics]
    start()
  }
  plugin.isLoaded = () => started && inner.isLoaded()
  plugin.ready = () => (started ? inner.ready?.() : undefined)
  plugin.unload = (ctx, analytics) => (started ? inner.unload?.(ctx, analytics) : undefined)
  for (const type of EVENTS) {
    plugin[type] = (ctx: Context) => {
      if (env.allows(inner.name, ctx) && start()) return call(inner, type, ctx)
      env.kept(inner.name, ctx)
      if (env.wasHeld(ctx) && waiting.push([type, ctx]) > MAX_KEPT) waiting.shift()
      return ctx
    }
  }
  return {
    plugin,
    refresh() {
      if (!start()) return
      const later = waiting
      waiting = []
      for (const [type, ctx] of later) void Promise.resolve(call(inner, type, ctx)).catch(() => undefined)
    },
  }
}
