// Where there is no browser (server rendering in Next.js, Remix, Astro; a Node script; Jest's
// node environment), `AnalyticsBrowser.load()` resolves at once with this instance. It sends and
// keeps nothing: a module-level instance on a server serves every request, so storing an id,
// a listener or a plugin would leak from one visitor to the next and grow without bound.
import { Context } from '../core/context'
import type { Plugin } from '../core/plugin'
import type { EventType } from '../core/types'
import { isFunction } from '../core/arguments'
import { NullAnalytics } from './null-analytics'

/** The reason on every Context the server instance returns. */
export const NOT_IN_BROWSER = 'not sent: no browser here (server rendering or Node); Switchboard sends events from the browser only'

/** A resolved Context that says why nothing was sent; a callback, if given, runs with it. */
function unsent(type: EventType, args: unknown[]): Promise<Context> {
  const ctx = Context.system()
  ctx.event = { type, messageId: ctx.event.messageId, timestamp: ctx.event.timestamp, context: {}, integrations: {} }
  if (type === 'track' && typeof args[0] === 'string') ctx.event.event = args[0]
  ctx.setFailedDelivery({ reason: NOT_IN_BROWSER })
  ctx.log('debug', NOT_IN_BROWSER)
  const callback = args.find(isFunction)
  if (!callback) return Promise.resolve(ctx)
  return Promise.resolve()
    .then(() => callback(ctx))
    .then(
      () => ctx,
      () => ctx,
    )
}

export class ServerAnalytics extends NullAnalytics {
  override track(...args: unknown[]): Promise<Context> {
    return unsent('track', args)
  }
  override page(...args: unknown[]): Promise<Context> {
    return unsent('page', args)
  }
  override screen(...args: unknown[]): Promise<Context> {
    return unsent('screen', args)
  }
  override identify(...args: unknown[]): Promise<Context> {
    return unsent('identify', args)
  }
  override alias(...args: unknown[]): Promise<Context> {
    return unsent('alias', args)
  }
  override group(...args: unknown[]): any {
    return args.length ? unsent('group', args) : super.group()
  }
  override register(...plugins: Plugin[]): Promise<Context> {
    const ctx = Context.system()
    ctx.log('debug', `register: ${plugins.length} plugin(s) not loaded; ${NOT_IN_BROWSER}`)
    return Promise.resolve(ctx)
  }
  override addSourceMiddleware(): Promise<this> {
    return Promise.resolve(this)
  }
  override addDestinationMiddleware(): Promise<this> {
    return Promise.resolve(this)
  }
  override setAnonymousId(): string | null {
    return null
  }
  override on(): this {
    return this
  }
  override once(): this {
    return this
  }
}
