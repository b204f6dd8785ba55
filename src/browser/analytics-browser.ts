// `AnalyticsBrowser`: usable the moment `load()` returns. Calls made before the instance is
// ready are buffered (with the page context of their call time) and replayed in order.
import type { Analytics } from '../core/analytics'
import { Context } from '../core/context'
import type { AnalyticsSettings, InitOptions } from '../core/options'
import type { Plugin } from '../core/plugin'
import type { GroupLike, UserLike } from '../identity/types'
import { VERSION } from '../core/constants'
import { PreloadBuffer, replayCall } from './buffer'
import { loadAnalytics } from './load'
import { capturePageContext, PAGE_CONTEXT_METHODS } from './page-context'
import { defaultDeps } from './deps'
import { NOT_IN_BROWSER, ServerAnalytics } from './server-analytics'

type Loaded = [Analytics, Context]
type Fn = (...args: any[]) => any

export class AnalyticsBrowser implements PromiseLike<Loaded> {
  /** The instance, once loaded. */
  instance?: Analytics
  /** The load Context, once loaded. */
  ctx?: Context
  readonly VERSION = VERSION
  private buffer = new PreloadBuffer()
  private loading?: Promise<Loaded>
  private resolveLoaded!: (value: Loaded) => void
  private loaded = new Promise<Loaded>((resolve) => (this.resolveLoaded = resolve))

  /** Starts loading and returns at once; await it for `[analytics, context]`. */
  static load(settings: AnalyticsSettings, options: InitOptions = {}): AnalyticsBrowser {
    return new AnalyticsBrowser().load(settings, options)
  }

  /** The instance, for code that wants it directly (Analytics.js 2.0's `standalone`). */
  static standalone(writeKey: string, options: InitOptions = {}): Promise<Analytics> {
    return AnalyticsBrowser.load({ writeKey }, options).then(([analytics]) => analytics)
  }

  /** Only the first call counts. */
  load(settings: AnalyticsSettings, options: InitOptions = {}): this {
    if (this.loading) return this
    if (typeof window === 'undefined') {
      // Server rendering or Node: ready at once with an instance that sends and keeps nothing,
      // so `await` never hangs a request and calls made here are not buffered.
      const instance = new ServerAnalytics()
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
        ;[this.instance, this.ctx] = loaded
        return loaded
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

  then<A = Loaded, B = never>(onfulfilled?: ((value: Loaded) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.loaded.then(onfulfilled, onrejected)
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Loaded | B> {
    return this.loaded.catch(onrejected)
  }

  finally(onfinally?: (() => void) | null): Promise<Loaded> {
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

  track(...args: unknown[]): Promise<Context> {
    return this.call('track', args)
  }
  page(...args: unknown[]): Promise<Context> {
    return this.call('page', args)
  }
  identify(...args: unknown[]): Promise<Context> {
    return this.call('identify', args)
  }
  group(): Promise<GroupLike>
  group(...args: unknown[]): Promise<Context>
  group(...args: unknown[]): Promise<Context | GroupLike> {
    return args.length ? this.call('group', args) : this.call('group', [])
  }
  alias(...args: unknown[]): Promise<Context> {
    return this.call('alias', args)
  }
  screen(...args: unknown[]): Promise<Context> {
    return this.call('screen', args)
  }
  trackLink(...args: unknown[]): Promise<Analytics> {
    return this.call('trackLink', args)
  }
  trackClick(...args: unknown[]): Promise<Analytics> {
    return this.call('trackClick', args)
  }
  trackSubmit(...args: unknown[]): Promise<Analytics> {
    return this.call('trackSubmit', args)
  }
  pageView(url: string): Promise<Analytics> {
    return this.call('pageView', [url])
  }
  reset(): Promise<void> {
    return this.call('reset', [])
  }
  ready(callback?: Fn): Promise<unknown> {
    return this.call('ready', callback ? [callback] : [])
  }
  user(): Promise<UserLike> {
    return this.call('user', [])
  }
  setAnonymousId(id?: string): Promise<string | null> {
    return this.call('setAnonymousId', id === undefined ? [] : [id])
  }
  addSourceMiddleware(fn: Fn): Promise<Analytics> {
    return this.call('addSourceMiddleware', [fn])
  }
  addDestinationMiddleware(name: string, ...fns: Fn[]): Promise<Analytics> {
    return this.call('addDestinationMiddleware', [name, ...fns])
  }
  register(...plugins: Plugin[]): Promise<Context> {
    return this.call('register', plugins)
  }
  deregister(...names: string[]): Promise<Context> {
    return this.call('deregister', names)
  }
  on(event: string, fn: Fn): this {
    return this.chain('on', [event, fn])
  }
  once(event: string, fn: Fn): this {
    return this.chain('once', [event, fn])
  }
  off(event: string, fn?: Fn): this {
    return this.chain('off', fn ? [event, fn] : [event])
  }
  debug(toggle: boolean): this {
    return this.chain('debug', [toggle])
  }
}
