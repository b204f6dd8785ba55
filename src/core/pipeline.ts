// The plugin pipeline: before → enrichment → destinations (parallel, isolated) → after.
import { Context, ContextCancelation } from './context'
import type { Plugin } from './plugin'
import type { EventType, SegmentEvent } from './types'
import { isDestinationEnabled } from './integrations'
import type { applyDestinationMiddleware, DestinationMiddleware } from './middleware'
import { DESTINATION_TIMEOUT_MS, PLUGIN_LOAD_TIMEOUT_MS, SEGMENT_IO } from './constants'
import { timeBox } from '../lib/time-box'
import { now, yieldToBrowser } from '../lib/yield-to-browser'

/** Work done per slice before yielding, so a burst of events never makes a long task. */
const SLICE_MS = 8
const TIMED_OUT = Symbol('timed out')

export interface PipelineHost {
  emit(event: string, ...args: unknown[]): unknown
}

export interface Pipeline {
  /** Queues an event; resolves once every stage is done with it. Never rejects. */
  dispatch(ctx: Context): Promise<Context>
  plugins: Plugin[]
  failedInitializations: string[]
  /** `apply` runs them (middleware.ts, which comes with the on-demand parts). */
  addDestinationMiddleware(name: string, fns: DestinationMiddleware[], apply: typeof applyDestinationMiddleware): void
  /** @internal Events wait, in order, until `task` has settled: code they must go through is on its way. */
  hold_(task: Promise<unknown>): Promise<unknown>
  /**
   * Adds a plugin and loads it. Destinations are loaded without holding anything up; other
   * types are awaited (time-boxed). A plugin whose load fails is removed and reported.
   */
  register(plugin: Plugin, ctx: Context): Promise<void>
  deregister(name: string, ctx: Context): Promise<void>
  /**
   * @internal Destinations with these names are registered later (their code loads on demand):
   * until each is, every event is kept for it (the last MAX_WAITING), and when it is registered it
   * gets them, in order, each under its own `integrations`. Once `arrival` settles, the wait ends
   * for any that did not come. (Members marked internal stay out of the published declarations.)
   */
  expect_(names: string[], arrival: Promise<unknown>): void
  /** @internal Settles once every expected destination has arrived (or will not). */
  joined_: Promise<unknown>
}

/** Events kept for destinations still being made; beyond this the oldest are let go (for them only). */
export const MAX_WAITING = 1000

/** Calls a plugin's hook for the event type; a plugin without one passes the event on. */
const call = (plugin: Plugin, type: EventType, ctx: Context): Context | void | Promise<Context | void> => {
  const hook = plugin[type]
  return typeof hook === 'function' ? hook.call(plugin, ctx) : ctx
}

const tag = (plugin: Plugin) => [`plugin:${plugin.name}`]

export function createPipeline(host: PipelineHost, analytics: unknown): Pipeline {
  let plugins: Plugin[] = []
  /** Plugins by type, rebuilt when the list changes rather than filtered per event. */
  const byType = new Map<Plugin['type'], Plugin[]>()
  const destinationMiddleware: { name: string; fns: DestinationMiddleware[] }[] = []
  let applyMiddleware: typeof applyDestinationMiddleware
  /** Settles when the events may go on (see hold_). */
  let held: Promise<unknown> | undefined
  let queue: [Context, (ctx: Context) => void][] = []
  let draining = false
  /** Events since destinations were expected, for when they are registered. */
  let waiting: [EventType, Context][] | undefined
  const expected = new Set<string>()

  const ofType = (type: Plugin['type']): Plugin[] => {
    let list = byType.get(type)
    if (!list) byType.set(type, (list = plugins.filter((p) => p.type === type)))
    return list
  }

  const finish = (ctx: Context): Context => {
    host.emit('dispatch_end', ctx)
    return ctx
  }

  /** Calls a plugin hook so that a throw, a rejection or a hang stays with that plugin. */
  const isolated = async (plugin: Plugin, type: EventType, ctx: Context): Promise<void> => {
    try {
      if ((await timeBox(call(plugin, type, ctx), DESTINATION_TIMEOUT_MS, TIMED_OUT)) === TIMED_OUT) {
        ctx.log('warn', `"${plugin.name}" did not finish ${type} within ${DESTINATION_TIMEOUT_MS} ms`)
        ctx.stats.increment('plugin_timeout', 1, tag(plugin))
      }
    } catch (err) {
      ctx.log('warn', `"${plugin.name}" failed on ${type}`, { error: err })
      ctx.stats.increment('plugin_error', 1, tag(plugin))
    }
  }

  const deliver = async (plugin: Plugin, type: EventType, ctx: Context): Promise<void> => {
    const lower = plugin.name.toLowerCase()
    const fns: DestinationMiddleware[] = []
    if (plugin.name !== SEGMENT_IO) for (const m of destinationMiddleware) if (m.name === '*' || m.name === lower) fns.push(...m.fns)
    let event: SegmentEvent | null = ctx.event
    try {
      // A `before` plugin's view for this destination (tracking plan, privacy guard): every
      // destination, Segment.io included. A throw withholds the event: these guard data.
      for (const p of ofType('before')) if (event && p.beforeDestination) event = await p.beforeDestination(ctx, plugin.name, event)
      if (event && fns.length) event = await applyMiddleware(plugin.name, event, fns)
    } catch (err) {
      event = null
      ctx.log('warn', `destination middleware for "${plugin.name}" failed`, { error: err })
    }
    if (!event) return ctx.log('info', `withheld from "${plugin.name}"`)
    await isolated(plugin, type, event === ctx.event ? ctx : new Context(event, ctx.id))
  }

  /** Runs before and enrichment now; `done` settles when destinations and after have run. */
  const run = async (ctx: Context): Promise<{ done: Promise<Context> }> => {
    const type = ctx.event.type
    try {
      for (const p of ofType('before')) {
        const result = await call(p, type, ctx)
        if (result instanceof Context) ctx = result
      }
    } catch (err) {
      const reason = err instanceof ContextCancelation ? err.reason || err.type : String((err as Error)?.message ?? err)
      ctx.log('warn', `event cancelled: ${reason}`, { error: err })
      ctx.setFailedDelivery({ reason: err })
      return { done: Promise.resolve(finish(ctx)) }
    }
    for (const p of ofType('enrichment')) {
      try {
        const result = await call(p, type, ctx)
        if (result instanceof Context) ctx = result
      } catch (err) {
        ctx.log('warn', `enrichment plugin "${p.name}" failed`, { error: err })
        ctx.stats.increment('plugin_error', 1, tag(p))
      }
    }
    const integrations = ctx.event.integrations
    if (waiting && waiting.push([type, ctx]) > MAX_WAITING) waiting.shift()
    const deliveries = ofType('destination')
      .filter((p) => isDestinationEnabled(integrations, p.name, p.alternativeNames))
      .map((p) => deliver(p, type, ctx))
    const done = Promise.all(deliveries).then(async () => {
      await Promise.all(ofType('after').map((p) => isolated(p, type, ctx)))
      return finish(ctx)
    })
    return { done }
  }

  const drain = async (): Promise<void> => {
    let sliceStart = now()
    let i = 0
    // Index walk and periodic compaction instead of shift(): the queue can hold thousands.
    while (i < queue.length) {
      if (held) await held
      const [ctx, resolve] = queue[i++]
      const { done } = await run(ctx)
      done.then(resolve)
      // Reading the clock costs more than a cheap event: look every 8 events.
      if ((i & 7) === 0 && now() - sliceStart > SLICE_MS) {
        queue = queue.slice(i)
        i = 0
        await yieldToBrowser()
        sliceStart = now()
      }
    }
    queue = []
    draining = false
  }

  const pipeline: Pipeline = {
    dispatch: (ctx) =>
      new Promise((resolve) => {
        queue.push([ctx, resolve])
        if (!draining) {
          draining = true
          queueMicrotask(() => void drain())
        }
      }),
    get plugins() {
      return plugins
    },
    set plugins(list) {
      plugins = list
      byType.clear()
    },
    failedInitializations: [],
    addDestinationMiddleware(name, fns, apply) {
      applyMiddleware = apply
      destinationMiddleware.push({ name: name.toLowerCase(), fns })
    },
    hold_(task) {
      const done: Promise<unknown> = (held = Promise.all([held, task.catch(() => {})]).then(() => {
        if (held === done) held = undefined
      }))
      return done
    },
    async register(plugin, ctx) {
      pipeline.plugins = [...plugins, plugin]
      const fail = (err: unknown) => {
        pipeline.plugins = plugins.filter((p) => p !== plugin)
        pipeline.failedInitializations.push(plugin.name)
        ctx.log('warn', `plugin "${plugin.name}" failed to load`, { error: err })
        ctx.stats.increment('plugin_load_error', 1, tag(plugin))
        host.emit('initialization_failure', plugin, err)
      }
      let loading: Promise<unknown>
      try {
        loading = timeBox(Promise.resolve(plugin.load(ctx, analytics as never)), PLUGIN_LOAD_TIMEOUT_MS, TIMED_OUT).then((r) => {
          if (r === TIMED_OUT) throw new Error(`load timed out after ${PLUGIN_LOAD_TIMEOUT_MS} ms`)
        })
      } catch (err) {
        loading = Promise.reject(err)
      }
      // An expected destination, now loading: what it missed, in order (it keeps what comes before its code).
      if (waiting && expected.delete(plugin.name)) {
        for (const [type, held] of waiting) if (isDestinationEnabled(held.event.integrations, plugin.name, plugin.alternativeNames)) void deliver(plugin, type, held)
        if (!expected.size) waiting = undefined
      }
      if (plugin.type === 'destination') loading.catch(fail)
      else await loading.catch(fail)
    },
    expect_(names, arrival) {
      waiting ??= []
      for (const name of names) expected.add(name)
      const done = () => {
        for (const name of names) expected.delete(name)
        if (!expected.size) waiting = undefined
      }
      pipeline.joined_ = Promise.all([pipeline.joined_, arrival.then(done, done)])
    },
    joined_: Promise.resolve(),
    async deregister(name, ctx) {
      const plugin = plugins.find((p) => p.name === name)
      if (!plugin) return ctx.log('warn', `plugin "${name}" not registered`)
      try {
        await plugin.unload?.(ctx, analytics as never)
      } catch (err) {
        ctx.log('warn', `plugin "${name}" failed to unload`, { error: err })
      }
      pipeline.plugins = plugins.filter((p) => p !== plugin)
    },
  }
  return pipeline
}
