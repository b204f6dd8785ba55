// The plugin pipeline: before → enrichment → destinations (parallel, isolated) → after.
import { Context, ContextCancelation } from './context'
import type { Plugin } from './plugin'
import type { EventType } from './types'
import { isDestinationEnabled } from './integrations'
import { applyDestinationMiddleware, type DestinationMiddleware } from './middleware'
import { DESTINATION_TIMEOUT_MS, PLUGIN_LOAD_TIMEOUT_MS, SEGMENT_IO } from './constants'
import { timeBox } from '../lib/time-box'
import { now, yieldToBrowser } from '../lib/yield-to-browser'

/** Work done per slice before yielding, so a burst of events never makes a long task. */
const SLICE_MS = 8
const TIMED_OUT = Symbol('timed out')

interface Queued {
  ctx: Context
  resolve: (ctx: Context) => void
}

export interface PipelineHost {
  emit(event: string, ...args: unknown[]): unknown
}

export class Pipeline {
  private _plugins: Plugin[] = []
  /** Plugins by type, rebuilt when the list changes rather than filtered per event. */
  private byType = new Map<Plugin['type'], Plugin[]>()
  failedInitializations: string[] = []
  private destinationMiddleware: { name: string; fns: DestinationMiddleware[] }[] = []
  private queue: Queued[] = []
  private draining = false

  constructor(private host: PipelineHost, private analytics: unknown) {}

  /** Queues an event; resolves once every stage is done with it. Never rejects. */
  dispatch(ctx: Context): Promise<Context> {
    return new Promise((resolve) => {
      this.queue.push({ ctx, resolve })
      if (!this.draining) {
        this.draining = true
        queueMicrotask(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    let sliceStart = now()
    let i = 0
    // Index walk and periodic compaction instead of shift(): the queue can hold thousands.
    while (i < this.queue.length) {
      const item = this.queue[i++]
      const { done } = await this.run(item.ctx)
      done.then(item.resolve)
      // Reading the clock costs more than a cheap event: look every 8 events.
      if ((i & 7) === 0 && now() - sliceStart > SLICE_MS) {
        this.queue = this.queue.slice(i)
        i = 0
        await yieldToBrowser()
        sliceStart = now()
      }
    }
    this.queue = []
    this.draining = false
  }

  /** Runs before and enrichment now; `done` settles when destinations and after have run. */
  private async run(ctx: Context): Promise<{ done: Promise<Context> }> {
    const type = ctx.event.type
    try {
      for (const p of this.ofType('before')) {
        const result = await this.call(p, type, ctx)
        if (result instanceof Context) ctx = result
      }
    } catch (err) {
      const reason = err instanceof ContextCancelation ? err.reason || err.type : String((err as Error)?.message ?? err)
      ctx.log('warn', `event cancelled: ${reason}`, { error: err })
      ctx.setFailedDelivery({ reason: err })
      return { done: Promise.resolve(this.finish(ctx)) }
    }
    for (const p of this.ofType('enrichment')) {
      try {
        const result = await this.call(p, type, ctx)
        if (result instanceof Context) ctx = result
      } catch (err) {
        ctx.log('warn', `enrichment plugin "${p.name}" failed`, { error: err })
        ctx.stats.increment('plugin_error', 1, [`plugin:${p.name}`])
      }
    }
    const integrations = ctx.event.integrations
    const deliveries = this.ofType('destination')
      .filter((p) => isDestinationEnabled(integrations, p.name, p.alternativeNames))
      .map((p) => this.deliver(p, type, ctx))
    const done = Promise.all(deliveries).then(async () => {
      await Promise.all(this.ofType('after').map((p) => this.isolated(p, type, ctx)))
      return this.finish(ctx)
    })
    return { done }
  }

  private finish(ctx: Context): Context {
    this.host.emit('dispatch_end', ctx)
    return ctx
  }

  private async deliver(plugin: Plugin, type: EventType, ctx: Context): Promise<void> {
    const fns = plugin.name === SEGMENT_IO ? [] : this.middlewareFor(plugin.name)
    if (!fns.length) return this.isolated(plugin, type, ctx)
    try {
      const event = await applyDestinationMiddleware(plugin.name, ctx.event, fns)
      if (!event) {
        ctx.log('info', `dropped by destination middleware for "${plugin.name}"`)
        return
      }
      await this.isolated(plugin, type, new Context(event, ctx.id))
    } catch (err) {
      ctx.log('warn', `destination middleware for "${plugin.name}" failed`, { error: err })
    }
  }

  /** Calls a plugin hook so that a throw, a rejection or a hang stays with that plugin. */
  private async isolated(plugin: Plugin, type: EventType, ctx: Context): Promise<void> {
    try {
      const result = await timeBox(this.call(plugin, type, ctx), DESTINATION_TIMEOUT_MS, TIMED_OUT)
      if (result === TIMED_OUT) {
        ctx.log('warn', `"${plugin.name}" did not finish ${type} within ${DESTINATION_TIMEOUT_MS} ms`)
        ctx.stats.increment('plugin_timeout', 1, [`plugin:${plugin.name}`])
      }
    } catch (err) {
      ctx.log('warn', `"${plugin.name}" failed on ${type}`, { error: err })
      ctx.stats.increment('plugin_error', 1, [`plugin:${plugin.name}`])
    }
  }

  private call(plugin: Plugin, type: EventType, ctx: Context): Context | void | Promise<Context | void> {
    const hook = plugin[type]
    return typeof hook === 'function' ? hook.call(plugin, ctx) : ctx
  }

  get plugins(): Plugin[] {
    return this._plugins
  }

  set plugins(list: Plugin[]) {
    this._plugins = list
    this.byType.clear()
  }

  private ofType(type: Plugin['type']): Plugin[] {
    let list = this.byType.get(type)
    if (!list) this.byType.set(type, (list = this._plugins.filter((p) => p.type === type)))
    return list
  }

  private middlewareFor(name: string): DestinationMiddleware[] {
    const lower = name.toLowerCase()
    const out: DestinationMiddleware[] = []
    for (const m of this.destinationMiddleware) if (m.name === '*' || m.name === lower) out.push(...m.fns)
    return out
  }

  addDestinationMiddleware(name: string, fns: DestinationMiddleware[]): void {
    this.destinationMiddleware.push({ name: name.toLowerCase(), fns })
  }

  /**
   * Adds a plugin and loads it. Destinations are loaded without holding anything up; other
   * types are awaited (time-boxed). A plugin whose load fails is removed and reported.
   */
  async register(plugin: Plugin, ctx: Context): Promise<void> {
    this.plugins = [...this._plugins, plugin]
    const fail = (err: unknown) => {
      this.plugins = this.plugins.filter((p) => p !== plugin)
      this.failedInitializations.push(plugin.name)
      ctx.log('warn', `plugin "${plugin.name}" failed to load`, { error: err })
      ctx.stats.increment('plugin_load_error', 1, [`plugin:${plugin.name}`])
      this.host.emit('initialization_failure', plugin, err)
    }
    let loading: Promise<unknown>
    try {
      loading = timeBox(Promise.resolve(plugin.load(ctx, this.analytics as never)), PLUGIN_LOAD_TIMEOUT_MS, TIMED_OUT).then((r) => {
        if (r === TIMED_OUT) throw new Error(`load timed out after ${PLUGIN_LOAD_TIMEOUT_MS} ms`)
      })
    } catch (err) {
      loading = Promise.reject(err)
    }
    if (plugin.type === 'destination') loading.catch(fail)
    else await loading.catch(fail)
  }

  async deregister(name: string, ctx: Context): Promise<void> {
    const plugin = this.plugins.find((p) => p.name === name)
    if (!plugin) {
      ctx.log('warn', `plugin "${name}" not registered`)
      return
    }
    try {
      await plugin.unload?.(ctx, this.analytics as never)
    } catch (err) {
      ctx.log('warn', `plugin "${name}" failed to unload`, { error: err })
    }
    this.plugins = this.plugins.filter((p) => p !== plugin)
  }
}
