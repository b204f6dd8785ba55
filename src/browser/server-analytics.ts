// Where there is no browser (server rendering in Next.js, Remix, Astro; a Node script; Jest's
// node environment), `AnalyticsBrowser.load()` resolves at once with this instance. It sends and
// keeps nothing: a module-level instance on a server serves every request, so storing an id,
// a listener or a plugin would leak from one visitor to the next and grow without bound.
import { Context } from '../core/context'
import type { EventType } from '../core/types'
import { isFunction } from '../core/arguments'
import { NullAnalytics } from './null-analytics'

/** The reason on every Context the server instance returns. */
export const NOT_IN_BROWSER = 'not sent: no browser (server rendering or Node)'

/** A Context that says why nothing was sent. */
function unsentContext(type: EventType, args: unknown[]): Context {
  const ctx = Context.system()
  ctx.event = { type, messageId: ctx.event.messageId, timestamp: ctx.event.timestamp, context: {}, integrations: {} }
  if (type === 'track' && typeof args[0] === 'string') ctx.event.event = args[0]
  ctx.setFailedDelivery({ reason: NOT_IN_BROWSER })
  return ctx
}

/** Resolves with an unsent Context; a callback, if given, runs with it first (its errors stay with it). */
function unsent(type: EventType, args: unknown[]): Promise<Context> {
  const ctx = unsentContext(type, args)
  const callback = args.find(isFunction)
  return Promise.resolve(ctx)
    .then(callback)
    .then(
      () => ctx,
      () => ctx,
    )
}

const SPEC_CALLS: readonly EventType[] = ['track', 'page', 'screen', 'identify', 'group', 'alias']

export class ServerAnalytics extends NullAnalytics {
  constructor() {
    super()
    const self = this as unknown as Record<string, unknown>
    const group = this.group
    for (const type of SPEC_CALLS) self[type] = (...args: unknown[]) => (type === 'group' && !args.length ? group() : unsent(type, args))
    self.register = () => unsent('track', [])
    self.addSourceMiddleware = self.addDestinationMiddleware = () => Promise.resolve(this)
    self.setAnonymousId = () => null
    self.on = self.once = () => this
  }
}

/** What `AnalyticsBrowser.load()` resolves with where there is no browser. */
export function serverLoaded(): [ServerAnalytics, Context] {
  return [new ServerAnalytics(), unsentContext('track', [])]
}
