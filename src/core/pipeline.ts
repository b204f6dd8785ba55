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
  private plugins_: Plugin[] = []
  /** Plugins by type, rebuilt when the list changes rather than filtered per event. */
  private byType_ = new Map<Plugin['type'], Plugin[]>()
  failedInitializations: string[] = []
  private destinationMiddleware_: { name: string; fns: DestinationMiddleware[] }[] = []
  private queue_: Queued[] = []
  private draining_ = false

  constructor(private host_: PipelineHost, private analytics_: unknown) {}

  /** Queues an event; resolves once every stage is done with it. Never rejects. */
  dispatch(ctx: Context): Promise<Context> {
    return new Promise((resolve) => {
      this.queue_.push({ ctx, resolve })
      if (!this.draining_) {
        this.draining_ = true
        queueMicrotask(() => void this.drain_())
      }
    })
  }

  private async drain_(): Promise<void> {
    let sliceStart = now()
    let i = 0
    // Index walk and periodic compaction instead of shift(): the queue can hold thousands.
    while (i < this.queue_.length) {
      const item = this.queue_[i++]
      const { done } = await this.run_(item.ctx)
      done.then(item.resolve)
      // Reading the clock costs more than a cheap event: look every 8 events.
      if ((i & 7) === 0 && now() - sliceStart > SLICE_MS) {
        this.queue_ = this.queue_.slice(i)
        i = 0
        await yieldToBrowser()
        sliceStart = now()
      }
    }
    this.queue_ = []
    this.draining_ = false
  }

  /** Runs before and enrichment now; `done` settles when destinations and after have run. */
  private async run_(ctx: Context): Promise<{ done: Promise<Context> }> {
    const type = ctx.event.type
    try {
      for (const p of this.ofType_('before')) {
        const result = await this.call_(p, type, ctx)
        if (result instanceof Context) ctx = result
      }
    } catch (err) {
      const reason = err instanceof ContextCancelation ? err.reason || err.type : String((err as Error)?.message ?? err)
      ctx.log('warn', `event cancelled: ${reason}`, { error: err })
      ctx.setFailedDelivery({ reason: err })
      return { done: Promise.resolve(this.finish_(ctx)) }
    }
    for (const p of this.ofType_('enrichment')) {
      try {
        const result = await this.call_(p, type, ctx)
        if (result instanceof Context) ctx = result
      } catch (err) {
        ctx.log('warn', `enrichment plugin "${p.name}" failed`, { error: err })
        ctx.stats.increment('plugin_error', 1, [`plugin:${p.name}`])
      }
    }
    const integrations = ctx.event.integrations
    const deliveries = this.ofType_('destination')
      .filter((p) => isDestinationEnabled(integrations, p.name, p.alternativeNames))
      .map((p) => this.deliver_(p, type, ctx))
    const done = Promise.all(deliveries).then(async () => {
      await Promise.all(this.ofType_('after').map((p) => this.isolated_(p, type, ctx)))
      return this.finish_(ctx)
    })
    return { done }
  }

  private finish_(ctx: Context): Context {
    this.host_.emit('dispatch_end', ctx)
    return ctx
  }

  private async deliver_(plugin: Plugin, type: EventType, ctx: Context): Promise<void> {
    const fns = plugin.name === SEGMENT_IO ? [] : this.middlewareFor_(plugin.name)
    if (!fns.length) return this.isolated_(plugin, type, ctx)
    try {
      const event = await applyDestinationMiddleware(plugin.name, ctx.event, fns)
      if (!event) {
        ctx.log('info', `dropped by destination middleware for "${plugin.name}"`)
        return
      }
      await this.isolated_(plugin, type, new Context(event, ctx.id))
    } catch (err) {
      ctx.log('warn', `destination middleware for "${plugin.name}" failed`, { error: err })
    }
  }

  /** Calls a plugin hook so that a throw, a rejection or a hang stays with that plugin. */
  private async isolated_(plugin: Plugin, type: EventType, ctx: Context): Promise<void> {
    try {
      const result = await timeBox(this.call_(plugin, type, ctx), DESTINATION_TIMEOUT_MS, TIMED_OUT)
      if (result === TIMED_OUT) {
        ctx.log('warn', `"${plugin.name}" did not finish ${type} within ${DESTINATION_TIMEOUT_MS} ms`)
        ctx.stats.increment('plugin_timeout', 1, [`plugin:${plugin.name}`])
      }
    } catch (err) {
      ctx.log('warn', `"${plugin.name}" failed on ${type}`, { error: err })
      ctx.stats.increment('plugin_error', 1, [`plugin:${plugin.name}`])
    }
  }

  private call_(plugin: Plugin, type: EventType, ctx: Context): Context | void | Promise<Context | void> {
    const hook = plugin[type]
    return typeof hook === 'function' ? hook.call(plugin, ctx) : ctx
  }

  get plugins(): Plugin[] {
    return this.plugins_
  }

  set plugins(list: Plugin[]) {
    this.plugins_ = list
    this.byType_.clear()
  }

  private ofType_(type: Plugin['type']): Plugin[] {
    let list = this.byType_.get(type)
    if (!list) this.byType_.set(type, (list = this.plugins_.filter((p) => p.type === type)))
    return list
  }

  private middlewareFor_(name: string): DestinationMiddleware[] {
    const lower = name.toLowerCase()
    const out: DestinationMiddleware[] = []
    for (const m of this.destinationMiddleware_) if (m.name === '*' || m.name === lower) out.push(...m.fns)
    return out
  }

  addDestinationMiddleware(name: string, fns: DestinationMiddleware[]): void {
    this.destinationMiddleware_.push({ name: name.toLowerCase(), fns })
  }

  /**
   * Adds a plugin and loads it. Destinations are loaded without holding anything up; other
   * types are awaited (time-boxed). A plugin whose load fails is removed and reported.
   */
  async register(plugin: Plugin, ctx: Context): Promise<void> {
    this.plugins = [...this.plugins_, plugin]
    const fail = (err: unknown) => {
      this.plugins = this.plugins.filter((p) => p !== plugin)
      this.failedInitializations.push(plugin.name)
      ctx.log('warn', `plugin "${plugin.name}" failed to load`, { error: err })
      ctx.stats.increment('plugin_load_error', 1, [`plugin:${plugin.name}`])
      this.host_.emit('initialization_failure', plugin, err)
    }
    let loading: Promise<unknown>
    try {
      loading = timeBox(Promise.resolve(plugin.load(ctx, this.analytics_ as never)), PLUGIN_LOAD_TIMEOUT_MS, TIMED_OUT).then((r) => {
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
      await plugin.unload?.(ctx, this.analytics_ as never)
    } catch (err) {
      ctx.log('warn', `plugin "${name}" failed to unload`, { error: err })
    }
    this.plugins = this.plugins.filter((p) => p !== plugin)
  }
}
