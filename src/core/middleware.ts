// Source and destination middleware with Analytics.js 2.0 semantics.
import type { Context } from './context'
import { ContextCancelation } from './context'
import type { Plugin } from './plugin'
import type { SegmentEvent } from './types'
import { toJSONSafe } from './json-safe'

/** The `payload` middleware receives: the event as `obj`, plus the common readers. */
export interface MiddlewarePayload {
  obj: SegmentEvent
  type(): string
  event(): string | undefined
  name(): string | undefined
  properties(): Record<string, any>
  traits(): Record<string, any>
  userId(): string | null | undefined
  anonymousId(): string | null | undefined
}

export type SourceMiddleware = (params: {
  payload: MiddlewarePayload
  integrations: Record<string, boolean>
  next: (payload: MiddlewarePayload | null) => void
}) => void | Promise<void>

export type DestinationMiddleware = (params: {
  payload: MiddlewarePayload
  integration: string
  next: (payload: MiddlewarePayload | null) => void
}) => void | Promise<void>

export function toPayload(obj: SegmentEvent): MiddlewarePayload {
  return {
    obj,
    type: () => obj.type,
    event: () => obj.event,
    name: () => obj.name,
    properties: () => obj.properties ?? {},
    traits: () => obj.traits ?? obj.context?.traits ?? {},
    userId: () => obj.userId,
    anonymousId: () => obj.anonymousId,
  }
}

/**
 * Wraps a source middleware as a `before` plugin. Not calling `next` drops the event;
 * `next(null)` leaves it unchanged (as Analytics.js 2.0 does).
 */
export function sourceMiddlewarePlugin(fn: SourceMiddleware, integrations: () => Record<string, boolean>): Plugin {
  const apply = async (ctx: Context): Promise<Context> => {
    let called = false
    let result: SegmentEvent | null = null
    await fn({
      payload: toPayload(ctx.event),
      integrations: integrations(),
      next(payload) {
        called = true
        if (payload) result = payload.obj
      },
    })
    if (!called) {
      throw new ContextCancelation({ retry: false, type: 'middleware_cancellation', reason: 'Middleware `next` function skipped' })
    }
    if (result) ctx.event = result
    return ctx
  }
  return {
    name: `Source Middleware ${fn.name}`,
    type: 'before',
    version: '0.1.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: apply,
    page: apply,
    identify: apply,
    alias: apply,
    group: apply,
    screen: apply,
  }
}

/**
 * Runs destination middleware in order on a copy of the event (Dates stay Dates, as the
 * destination would see them); null means drop for this destination.
 */
export async function applyDestinationMiddleware(
  destination: string,
  event: SegmentEvent,
  fns: DestinationMiddleware[],
): Promise<SegmentEvent | null> {
  let current = toJSONSafe(event) as SegmentEvent | null
  for (const fn of fns) {
    if (!current) return null
    let next: SegmentEvent | null = null
    await fn({
      payload: toPayload(current),
      integration: destination,
      next(payload) {
        next = payload ? payload.obj : null
      },
    })
    current = next
  }
  return current
}
