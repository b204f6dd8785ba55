// The public `analytics` object: Analytics.js 2.0's surface over one pipeline.
import { Emitter } from './emitter'
import { Context } from './context'
import { createPipeline, type Pipeline } from './pipeline'
import type { Plugin } from './plugin'
import type { AnalyticsSettings, InitOptions } from './options'
import type { Callback, EventType, GroupTraits, Options, PageProperties, SegmentEvent, UserTraits } from './types'
import type { EventMap, EventName, EventsOf, TrackMessage, TrackRest } from './calls'
import { CALLBACK_TIME_BOX_MS, DEFAULT_TIMEOUT_MS, MAX_MESSAGE_BYTES, VERSION } from './constants'
import { TOO_LARGE, toJSONSafe } from './json-safe'
import {
  isFunction,
  isPlainObject,
  popPageContext,
  resolveAliasArguments,
  resolvePageArguments,
  resolveTrackArguments,
  resolveUserArguments,
} from './arguments'
import { buildEvent, pageOverrides, pageProperties } from './event-factory'
import type { DestinationMiddleware, SourceMiddleware } from './middleware'
import { getPageContext, pageContextFromBpc } from '../context/page'
import type { GroupLike, UserLike } from '../identity/types'
import type { ConsentController } from '../consent/types'
import { createGroup, createUser } from '../identity'
import { createUniversalStorage } from '../storage'
import type { UniversalStorage } from '../storage'
import { timeBox } from '../lib/time-box'
import { methodByName } from './method-by-name'
import { randomId } from '../lib/random-id'
import { withExtras } from '../browser/extend'

export interface AnalyticsDeps {
  user?: UserLike
  group?: GroupLike
}

export interface AnalyticsInstanceSettings {
  writeKey: string
  cdnURL?: string
  cdnSettings?: AnalyticsSettings['cdnSettings']
  timeout: number
}

/** `E`: the site's events (`EventMap`), when it declares them; any name and properties otherwise. */
export class Analytics<E extends EventsOf<E> = EventMap> extends Emitter {
  settings: AnalyticsInstanceSettings
  options: InitOptions
  initialized = false
  integrations: NonNullable<InitOptions['integrations']>
  /** With the `consent` option (or consent settings): the visitor's preferences (docs/consent.md). */
  declare consent?: ConsentController
  readonly pipeline: Pipeline
  private _user: UserLike
  private _group: GroupLike
  private _debug = false

  constructor(settings: AnalyticsSettings, options: InitOptions = {}, deps: AnalyticsDeps = {}) {
    super()
    this.settings = {
      writeKey: settings.writeKey,
      cdnURL: settings.cdnURL,
      cdnSettings: settings.cdnSettings,
      timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
    }
    this.options = options
    this.integrations = options.integrations ?? {}
    this._user = deps.user ?? createUser(options)
    this._group = deps.group ?? createGroup(options)
    this.pipeline = createPipeline(this, this)
    // Bound, so `const { track } = analytics` works as in Analytics.js 2.0.
    for (const key of Object.getOwnPropertyNames(Analytics.prototype) as (keyof this)[]) {
      const v = this[key]
      if (key !== 'constructor' && typeof v === 'function') this[key] = v.bind(this)
    }
  }

  get VERSION(): string {
    return VERSION
  }

  private _storage?: UniversalStorage

  /** Analytics.js 2.0's `analytics.storage`: the stores in `storage.stores` order. */
  get storage(): UniversalStorage {
    return (this._storage ??= createUniversalStorage(this.options))
  }

  get plugins(): Plugin[] {
    return this.pipeline.plugins
  }

  get failedInitializations(): string[] {
    return this.pipeline.failedInitializations
  }

  // ---- spec calls -------------------------------------------------------------------------

  /** `track(event, [properties], [options], [callback])`, or `track({ event, properties }, [options], [callback])`. */
  track<K extends EventName<E>>(event: K, ...rest: TrackRest<E[K]>): Promise<Context>
  track<K extends EventName<E>>(message: TrackMessage<K, E[K]>, options?: Options | Callback, callback?: Callback): Promise<Context>
  track(...args: unknown[]): Promise<Context> {
    return this.dispatchSafely('track', args, (rest) => {
      const [event, properties, options, callback] = resolveTrackArguments(...(rest as [unknown]))
      return { fields: { event, properties }, options, callback, emit: [event, properties, options] }
    })
  }

  /** `page([category], [name], [properties], [options], [callback])`: one string is the name. */
  page(callback?: Callback): Promise<Context>
  page(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(...args: unknown[]): Promise<Context> {
    return this.pageLike('page', args)
  }

  /** `screen([category], [name], [properties], [options], [callback])`, as `page`. */
  screen(callback?: Callback): Promise<Context>
  screen(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(...args: unknown[]): Promise<Context> {
    return this.pageLike('screen', args)
  }

  /** `identify([userId], [traits], [options], [callback])`: traits merge into the stored ones. */
  identify(userId?: string | null, traits?: UserTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(traits: UserTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(callback: Callback): Promise<Context>
  identify(...args: unknown[]): Promise<Context> {
    return this.dispatchSafely('identify', args, (rest) => {
      const [id, traits, options, callback] = resolveUserArguments(() => this._user.id(), ...rest)
      this._user.identify(id, traits)
      return { fields: { traits: this._user.traits() }, options, callback, emit: [this._user.id(), traits, options] }
    })
  }

  /** `group()`: the current group. `group(groupId, [traits], [options], [callback])`: sends a group call. */
  group(): GroupLike
  group(groupId: string | null, traits?: GroupTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  group(traits: GroupTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  group(...args: unknown[]): Promise<Context> | GroupLike {
    if (args.length === 0) return this._group
    return this.dispatchSafely('group', args, (rest) => {
      const [id, traits, options, callback] = resolveUserArguments(() => this._group.id(), ...rest)
      this._group.identify(id, traits)
      const groupId = this._group.id()
      return { fields: { groupId, traits: this._group.traits() }, options, callback, emit: [groupId, traits, options] }
    })
  }

  /** `alias(userId, [previousId], [options], [callback])`: previousId defaults to the current user's id or anonymousId. */
  alias(userId: string, previousId?: string | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(userId: string, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(...args: unknown[]): Promise<Context> {
    return this.dispatchSafely('alias', args, (rest) => {
      const [to, from, options, callback] = resolveAliasArguments(...(rest as [unknown]))
      const previousId = from ?? this._user.id() ?? this._user.anonymousId()
      return { fields: { userId: to, previousId }, options, callback, emit: [to, from, options], userId: to }
    })
  }

  private pageLike(type: 'page' | 'screen', args: unknown[]): Promise<Context> {
    return this.dispatchSafely(type, args, (rest, page) => {
      const [category, name, properties, options, callback] = resolvePageArguments(...rest)
      const fields: Partial<SegmentEvent> = {}
      if (name !== null) fields.name = name
      if (category !== null) fields.category = category
      if (type === 'page') {
        fields.properties = pageProperties(page, properties, name, category)
        Object.assign(page, pageOverrides(properties))
      } else {
        fields.properties = { ...properties }
      }
      return { fields, options, callback, emit: [category, name, properties, options] }
    })
  }

  /**
   * Builds the message and hands it to the pipeline. Whatever goes wrong resolves with a
   * Context that says why: a public method never throws and its promise never rejects.
   */
  private dispatchSafely(
    type: EventType,
    args: unknown[],
    resolve: (
      rest: unknown[],
      page: ReturnType<typeof getPageContext>,
    ) => {
      fields: Partial<SegmentEvent>
      options: Options
      callback?: Callback
      emit: unknown[]
      userId?: string
    },
  ): Promise<Context> {
    let callback: Callback | undefined
    // A trailing snippet page context ("bpc") says where a buffered call was made.
    const [raw, bpc] = popPageContext(args)
    try {
      const page = bpc ? pageContextFromBpc(bpc) : getPageContext()
      // One JSON-safe copy of the caller's data, before anything (the user's stored traits, every
      // destination) sees it; over the tracking API's limit, the call is refused (TOO_LARGE).
      const problems: string[] = []
      const budget = { left: MAX_MESSAGE_BYTES }
      const rest = raw.map((arg) => (isPlainObject(arg) ? toJSONSafe(arg, problems, budget) : arg))
      const call = resolve(rest, page)
      callback = call.callback
      if (typeof call.options.anonymousId === 'string' && call.options.anonymousId) this._user.anonymousId(call.options.anonymousId)
      const event = buildEvent({
        type,
        fields: call.fields,
        options: call.options,
        identity: { userId: call.userId ?? this._user.id(), anonymousId: this._user.anonymousId() },
        page,
        loadIntegrations: this.integrations,
        problems,
      })
      const ctx = new Context(event)
      ctx.stats.increment('analytics_js.invoke', 1, [type])
      for (const problem of problems) this.warn(ctx, `${type}: ${problem}`)
      this.emit('dispatch_start', ctx)
      const dispatched = this.pipeline.dispatch(ctx).then((done) => {
        this.emit(type, ...call.emit)
        if (this._debug) done.flush()
        return done
      })
      if (!callback) return dispatched
      const cb = callback
      const called = timeBox(dispatched, this.settings.timeout, ctx).then((c) => this.runCallback(cb, c))
      return Promise.all([dispatched, called]).then(([done]) => done)
    } catch (err) {
      const ctx = this.rejected(type, raw, err)
      callback ??= raw.find(isFunction) as Callback | undefined
      return callback ? this.runCallback(callback, ctx).then(() => ctx) : Promise.resolve(ctx)
    }
  }

  /** A Context for a call that could not become a message; it is never delivered. */
  private rejected(type: EventType, args: unknown[], err: unknown): Context {
    const reason = err instanceof Error ? err.message : String(err)
    const ctx = new Context({
      type,
      messageId: randomId(),
      timestamp: new Date().toISOString(),
      context: {},
      integrations: {},
    })
    ctx.setFailedDelivery({ reason })
    ctx.stats.increment('invalid_call', 1, [type])
    this.warn(ctx, `${type} rejected: ${reason}`, { args })
    // Over the tracking API's limit: the Segment.io destination counts it and emits delivery_failure.
    if (err === TOO_LARGE) this.emit('dispatch_start', ctx)
    if (this._debug) ctx.flush()
    return ctx
  }

  /** Recorded on the Context; printed by `ctx.flush()` when debug is on. */
  private warn(ctx: Context, message: string, extras?: Record<string, unknown>): void {
    ctx.log('warn', message, extras)
  }

  /** Runs a callback with its errors kept to itself and for at most 1 s, so it cannot hold anything up. */
  private async runCallback(callback: Callback, ctx: Context): Promise<void> {
    try {
      await timeBox(Promise.resolve(callback(ctx)), CALLBACK_TIME_BOX_MS, undefined)
    } catch (err) {
      ctx.log('warn', 'Callback Error', { error: err })
      ctx.stats.increment('callback_error')
    }
  }

  // ---- plugins and middleware -------------------------------------------------------------

  async register(...plugins: Plugin[]): Promise<Context> {
    const ctx = Context.system()
    for (const plugin of plugins) {
      if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string') {
        this.warn(ctx, 'register: not a plugin', { plugin })
        if (this._debug) console.warn('[switchboard] register: not a plugin', plugin)
        continue
      }
      await this.pipeline.register(plugin, ctx)
    }
    this.emit('register', plugins.map((p) => p?.name))
    return ctx
  }

  async deregister(...names: string[]): Promise<Context> {
    const ctx = Context.system()
    for (const name of names) await this.pipeline.deregister(name, ctx)
    this.emit('deregister', names)
    return ctx
  }

  /**
   * Middleware code comes with the on-demand parts (as Analytics.js 2.0 loads its middleware
   * chunk); events wait for it, so every event called after this goes through it. If it cannot be
   * loaded, the middleware is reported and left out.
   */
  async addSourceMiddleware(fn: SourceMiddleware): Promise<this> {
    if (!isFunction(fn)) {
      this.warn(Context.system(), 'addSourceMiddleware: not a function')
      return this
    }
    const names = () => {
      const out: Record<string, boolean> = {}
      for (const p of this.pipeline.plugins) if (p.type === 'destination') out[p.name] = true
      return out
    }
    await this.pipeline.hold_(withExtras<unknown>(this, (x) => this.pipeline.register(x.sourceMiddlewarePlugin(fn, names), Context.system()), 0))
    return this
  }

  async addDestinationMiddleware(integrationName: string, ...fns: DestinationMiddleware[]): Promise<this> {
    const valid = fns.filter(isFunction)
    if (typeof integrationName === 'string' && valid.length) {
      await this.pipeline.hold_(withExtras<unknown>(this, (x) => this.pipeline.addDestinationMiddleware(integrationName, valid, x.applyDestinationMiddleware), 0))
    } else this.warn(Context.system(), 'addDestinationMiddleware: expected a name and functions')
    return this
  }

  // ---- identity -----------------------------------------------------------------------------

  user(): UserLike {
    return this._user
  }

  setAnonymousId(id?: string): string | null {
    return this._user.anonymousId(id)
  }

  reset(): void {
    this._user.reset()
    this._group.reset()
    for (const p of this.pipeline.plugins) {
      try {
        p.reset?.()
      } catch (err) {
        if (this._debug) console.warn(`[switchboard] "${p.name}" failed to reset`, err)
      }
    }
    this.emit('reset')
  }

  // ---- lifecycle and settings ---------------------------------------------------------------

  /** Resolves once every plugin (with those still being made) says it is ready; a plugin that never does is given up on after 10 s. */
  async ready(callback?: (results: unknown) => unknown): Promise<unknown> {
    // Destinations whose code is still on its way are waited for too.
    await this.pipeline.joined_
    const results = await Promise.all(
      this.pipeline.plugins.map((p) => timeBox(Promise.resolve().then(() => p.ready?.()), 10_000, undefined).catch(() => undefined)),
    )
    try {
      callback?.(results)
    } catch (err) {
      console.error('[switchboard] ready callback failed', err)
    }
    return results
  }

  debug(toggle: boolean): this {
    this._debug = Boolean(toggle)
    if (toggle === false) {
      try {
        localStorage.removeItem('debug')
      } catch {
        // storage unavailable: nothing to remove
      }
    }
    return this
  }

  timeout(ms: number): void {
    if (typeof ms === 'number' && ms >= 0) this.settings.timeout = ms
  }

  /** Snippet helper: `push(['track', 'Clicked', {...}])`; names that are not public methods are ignored. */
  push(args: unknown[]): void {
    if (!Array.isArray(args)) return
    const [method, ...rest] = args
    methodByName(this, method)?.apply(this, rest)
  }

  pageview(url: string): this {
    void this.page({ path: url })
    return this
  }

  use(fn: (analytics: this) => void): this {
    try {
      fn(this)
    } catch (err) {
      console.error('[switchboard] use() failed', err)
    }
    return this
  }

  /** Classic no-ops kept so that old pages calling them keep working. */
  initialize(): Promise<this> {
    return Promise.resolve(this)
  }

  init(): Promise<this> {
    return Promise.resolve(this)
  }

}
