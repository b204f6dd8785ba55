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
import { NOT_IN_BROWSER, ServerAnalytics } from './server-analytics'

/** An event listener (`on('track', (event, properties, options) => …)`). */
type Listener = (...args: any[]) => void
type Loaded<E extends EventsOf<E>> = [Analytics<E>, Context]

export class AnalyticsBrowser<E extends EventsOf<E> = EventMap> implements PromiseLike<Loaded<E>> {
  /** The instance, once loaded. */
  instance?: Analytics<E>
  /** The load Context, once loaded. */
  ctx?: Context
  readonly VERSION = VERSION
  private buffer = new PreloadBuffer()
  private loading?: Promise<Loaded<E>>
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
    if (this.loading) return this
    if (typeof window === 'undefined') {
      // Server rendering or Node: ready at once with an instance that sends and keeps nothing,
      // so `await` never hangs a request and calls made here are not buffered.
      const instance = new ServerAnalytics() as unknown as Analytics<E>
      const ctx = Context.system()
      ctx.setFailedDelivery({ reason: NOT_IN_BROWSER })
      ;[this.instance, this.ctx] = [instance, ctx]
      for (const call of this.buffer.take(() => true)) replayCall(instance, call)
      this.loading = Promise.resolve([instance, ctx])
      this.resolveLoaded([instance, ctx])
      return this
    }
    this.loading = loadAnalytics(settings, options, this.buffer, defaultDeps).then(
      (loaded) => {
        ;[this.instance, this.ctx] = loaded as Loaded<E>
        return loaded as Loaded<E>
      },
      (err) => {
        // Unreachable by design (loadAnalytics never rejects); keep the page safe regardless.
        console.error('[switchboard] load failed', err)
        throw err
      },
    )
    this.loading.then(this.resolveLoaded, () => undefined)
    return this
  }

  then<A = Loaded<E>, B = never>(
    onfulfilled?: ((value: Loaded<E>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.loaded.then(onfulfilled, onrejected)
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Loaded<E> | B> {
    return this.loaded.catch(onrejected)
  }

  finally(onfinally?: (() => void) | null): Promise<Loaded<E>> {
    return this.loaded.finally(onfinally)
  }

  /** Runs on the instance when there is one, else buffers with the page context if the method takes one. */
  private call(method: string, args: unknown[]): Promise<any> {
    if (PAGE_CONTEXT_METHODS.includes(method) && !this.instance && typeof document !== 'undefined') args = [...args, capturePageContext()]
    if (this.instance) return replayCall(this.instance, { method, args, resolve: () => {} })
    return this.buffer.add(method, args)
  }

  private chain(method: string, args: unknown[]): this {
    void this.call(method, args)
    return this
  }

  // The same overloads as Analytics (src/core/analytics.ts); each call resolves once the instance ran it.
  track<K extends EventName<E>>(event: K, ...rest: TrackRest<E[K]>): Promise<Context>
  track<K extends EventName<E>>(message: TrackMessage<K, E[K]>, options?: Options | Callback, callback?: Callback): Promise<Context>
  track(...args: unknown[]): Promise<Context> {
    return this.call('track', args)
  }
  page(callback?: Callback): Promise<Context>
  page(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  page(...args: unknown[]): Promise<Context> {
    return this.call('page', args)
  }
  screen(callback?: Callback): Promise<Context>
  screen(name: string, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(category: string | null, name: string | null, properties?: PageProperties | Callback, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(properties: PageProperties | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  screen(...args: unknown[]): Promise<Context> {
    return this.call('screen', args)
  }
  identify(userId?: string | null, traits?: UserTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(traits: UserTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  identify(callback: Callback): Promise<Context>
  identify(...args: unknown[]): Promise<Context> {
    return this.call('identify', args)
  }
  /** `group()` resolves with the current group; with arguments it sends a group call. */
  group(): Promise<GroupLike>
  group(groupId: string | null, traits?: GroupTraits | Callback | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  group(traits: GroupTraits, options?: Options | Callback, callback?: Callback): Promise<Context>
  group(...args: unknown[]): Promise<Context | GroupLike> {
    return this.call('group', args)
  }
  alias(userId: string, previousId?: string | null, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(userId: string, options?: Options | Callback, callback?: Callback): Promise<Context>
  alias(...args: unknown[]): Promise<Context> {
    return this.call('alias', args)
  }
  /** Tracks clicks on links (or elements): `trackLink(links, event, [properties], [options])`. */
  trackLink(links: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>> {
    return this.call('trackLink', [links, event, properties, options])
  }
  trackClick(links: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>> {
    return this.call('trackClick', [links, event, properties, options])
  }
  /** Tracks form submissions: `trackSubmit(forms, event, [properties], [options])`. */
  trackSubmit(forms: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>> {
    return this.call('trackSubmit', [forms, event, properties, options])
  }
  trackForm(forms: Elements, event: PerElement<EventName<E>>, properties?: PerElement<EventProperties>, options?: Options): Promise<Analytics<E>> {
    return this.call('trackForm', [forms, event, properties, options])
  }
  pageView(url: string): Promise<Analytics<E>> {
    return this.call('pageView', [url])
  }
  reset(): Promise<void> {
    return this.call('reset', [])
  }
  ready(callback?: (results: unknown) => unknown): Promise<unknown> {
    return this.call('ready', callback ? [callback] : [])
  }
  user(): Promise<UserLike> {
    return this.call('user', [])
  }
  setAnonymousId(id?: string): Promise<string | null> {
    return this.call('setAnonymousId', id === undefined ? [] : [id])
  }
  addSourceMiddleware(fn: SourceMiddleware): Promise<Analytics<E>> {
    return this.call('addSourceMiddleware', [fn])
  }
  addDestinationMiddleware(integrationName: string, ...fns: DestinationMiddleware[]): Promise<Analytics<E>> {
    return this.call('addDestinationMiddleware', [integrationName, ...fns])
  }
  register(...plugins: Plugin[]): Promise<Context> {
    return this.call('register', plugins)
  }
  deregister(...names: string[]): Promise<Context> {
    return this.call('deregister', names)
  }
  on(event: string, fn: Listener): this {
    return this.chain('on', [event, fn])
  }
  once(event: string, fn: Listener): this {
    return this.chain('once', [event, fn])
  }
  off(event: string, fn?: Listener): this {
    return this.chain('off', fn ? [event, fn] : [event])
  }
  debug(toggle: boolean): this {
    return this.chain('debug', [toggle])
  }
}
