// `AnalyticsBrowser`: usable the moment `load()` returns. Calls made before the instance is
// ready are buffered (with the page context of their call time) and replayed in order.
import type { Analytics } from '../core/analytics'
import { Context } from '../core/context'
import type { AnalyticsSettings, InitOptions } from '../core/options'
import type { Plugin } from '../core/plugin'
import type { Callback, EventProperties, GroupTraits, Options, PageProperties, UserTraits } from '../core/types'
import type { EventMap, EventName, EventsOf, TrackMessage, TrackRest } from '../core/calls'
import type { DestinationMiddleware, SourceMiddleware } from '../core/middleware'
import type { Elements, PerElement } from '../context/auto-track'
import type { GroupLike, UserLike } from '../identity/types'
import { VERSION } from '../core/constants'
import { PreloadBuffer, replayCall } from './buffer'
import { loadAnalytics } from './load'
import { capturePageContext, PAGE_CONTEXT_METHODS } from './page-context'
import { defaultDeps } from './deps'
import { NullAnalytics } from './null-analytics'

/**
 * What load() resolves with where there is no window. Browser builds keep this one-liner (calls
 * settle, nothing is sent); the package's server entry (src/server.ts, chosen by every
 * environment but browsers) installs ServerAnalytics, so browsers never download it.
 */
let withoutWindow = (): [Analytics<any>, Context] => [new NullAnalytics(), Context.system()]

/** Installs what load() resolves with where there is no window (src/server.ts). */
export function whereNoWindow(loaded: typeof withoutWindow): void {
  withoutWindow = loaded
}

/** An event listener (`on('track', (event, properties, options) => …)`). */
type Listener = (...args: any[]) => void
export type Loaded<E extends EventsOf<E>> = [Analytics<E>, Context]

/** A method that runs on the instance once there is one and resolves with its result. */
const BUFFERED = [
  'track', 'page', 'screen', 'identify', 'group', 'alias', 'trackLink', 'trackClick', 'trackSubmit', 'trackForm',
  'pageView', 'reset', 'ready', 'user', 'setAnonymousId', 'addSourceMiddleware', 'addDestinationMiddleware', 'register', 'deregister',
] as const
/** A method that returns the AnalyticsBrowser, for chaining. */
const CHAINED = ['on', 'once', 'off', 'debug'] as const

/**
 * The calls of `AnalyticsBrowser`: the same overloads as `Analytics` (src/core/analytics.ts),
 * each resolving once the instance has run it. The methods are made from the lists above.
 */
export interface AnalyticsBrowserCalls<E extends EventsOf<E> = EventMap> {
  track<K extends EventName<E>>(event: K, ...rest: TrackRest<E[K]>): Promise<Context>
  track<K extends EventName<E>>(message: TrackMessage<K, E[K]>, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(callback?: Callback): Promise<Context>
  page(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(callback?: Callback): Promise<Context>
  screen(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(userId?: string | null, traits?: UserTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(traits: UserTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(callback: Callback): Promise<Context>
  /** `group()` resolves with the current group; with arguments it sends a group call. */
  group(): Promise<GroupLike>
  group(groupId: string | null, traits?: GroupTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  group(traits: GroupTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(userId: string, previousId?: string | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(userId: string, options?: Options | Callback, callback?: Callback): Promise<Context>
  /** Tracks clicks on links (or other elements): `trackLink(links, event, [properties], [options])`. */
  trackLink(links: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>>
  trackClick(links: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>>
  /** Tracks form submissions: `trackSubmit(forms, event, [properties], [options])`. */
  trackSubmit(forms: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>>
  trackForm(forms: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>>
  pageView(url: string): Promise<Analytics<E>>
  reset(): Promise<void>
  ready(callback?: (results: unknown) => unknown): Promise<unknown>
  user(): Promise<UserLike>
  setAnonymousId(id?: string): Promise<string | null>
  addSourceMiddleware(fn: SourceMiddleware): Promise<Analytics<E>>
  addDestinationMiddleware(integrationName: string, ...fns: DestinationMiddleware[]): Promise<Analytics<E>>
  register(...plugins: Plugin[]): Promise<Context>
  deregister(...names: string[]): Promise<Context>
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Loaded<E> | B>
  finally(onfinally?: (() => void) | null): Promise<Loaded<E>>
  on(event: string, fn: Listener): this
  once(event: string, fn: Listener): this
  off(event: string, fn?: Listener): this
  debug(toggle: boolean): this
}

// The class below gets these methods from the lists (one small loop instead of a method each).
export interface AnalyticsBrowser<E extends EventsOf<E> = EventMap> extends AnalyticsBrowserCalls<E> {}

export class AnalyticsBrowser<E extends EventsOf<E> = EventMap> implements PromiseLike<Loaded<E>> {
  /** The instance, once loaded. */
  instance?: Analytics<E>
  /** The load Context, once loaded. */
  ctx?: Context
  readonly VERSION = VERSION
  private buffer = new PreloadBuffer()
  private started = false
  private resolveLoaded!: (value: Loaded<E>) => void
  private loaded = new Promise<Loaded<E>>((resolve) => (this.resolveLoaded = resolve))

  /**
   * Starts loading and returns at once; await it for `[analytics, context]`. Give your events'
   * type (`load<MyEvents>(...)`) to have their names and properties checked.
   */
  static load<E extends EventsOf<E> = EventMap>(settings: AnalyticsSettings, options: InitOptions = {}): AnalyticsBrowser<E> {
    return new AnalyticsBrowser<E>().load(settings, options)
  }

  /** The instance, for code that wants it directly (Analytics.js 2.0's `standalone`). */
  static standalone<E extends EventsOf<E> = EventMap>(writeKey: string, options: InitOptions = {}): Promise<Analytics<E>> {
    return AnalyticsBrowser.load<E>({ writeKey }, options).then(([analytics]) => analytics)
  }

  /** Only the first call counts. */
  load(settings: AnalyticsSettings, options: InitOptions = {}): this {
    if (this.started) return this
    this.started = true
    const ready = (loaded: Loaded<E>) => {
      ;[this.instance, this.ctx] = loaded
      this.resolveLoaded(loaded)
    }
    if (typeof window === 'undefined') {
      // Server rendering or Node: ready at once with an instance that sends and keeps nothing,
      // so `await` never hangs a request and calls made here are not buffered.
      ready(withoutWindow() as Loaded<E>)
      for (const call of this.buffer.take(() => true)) replayCall(this.instance!, call)
    } else {
      // loadAnalytics never rejects.
      void loadAnalytics(settings, options, this.buffer, defaultDeps).then((loaded) => ready(loaded as Loaded<E>))
    }
    return this
  }

  then<A = Loaded<E>, B = never>(
    onfulfilled?: ((value: Loaded<E>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.loaded.then(onfulfilled, onrejected)
  }

  /** Runs on the instance when there is one, else buffers with the page context if the method takes one. */
  private call(method: string, args: unknown[]): Promise<any> {
    if (PAGE_CONTEXT_METHODS.includes(method) && !this.instance && typeof document !== 'undefined') args = [...args, capturePageContext()]
    if (this.instance) return replayCall(this.instance, { method, args, resolve: () => {} })
    return this.buffer.add(method, args)
  }

  static {
    const proto = AnalyticsBrowser.prototype as unknown as Record<string, unknown>
    for (const method of BUFFERED) {
      proto[method] = function (this: AnalyticsBrowser, ...args: unknown[]) {
        return this.call(method, args)
      }
    }
    for (const method of ['catch', 'finally'] as const) {
      proto[method] = function (this: AnalyticsBrowser, fn: never) {
        return this.loaded[method](fn)
      }
    }
    for (const method of CHAINED) {
      proto[method] = function (this: AnalyticsBrowser, ...args: unknown[]) {
        void this.call(method, args)
        return this
      }
    }
  }
}
