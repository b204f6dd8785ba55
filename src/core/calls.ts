// Argument types of the spec calls, shared by `Analytics` and `AnalyticsBrowser`. Each call's
// overloads are Analytics.js 2.0's; a site may also declare its events (`EventMap`) so event
// names and their properties are checked at compile time.
import type { Callback, EventProperties, Options } from './types'

/**
 * A tracking plan as a type: event name → that event's properties. The default accepts any
 * name with any properties; `AnalyticsBrowser.load<MyEvents>(...)` narrows both.
 *
 * ```ts
 * interface MyEvents {
 *   'Order Completed': { order_id: string; total: number; currency?: string }
 *   'Signed Up': { plan?: 'free' | 'pro' }
 * }
 * ```
 */
export type EventMap = Record<string, EventProperties>

/** What an event map must be: properties (objects) for every name. Interfaces fit too. */
export type EventsOf<E> = { [K in keyof E]: EventProperties }

export type EventName<E> = keyof E & string

/** What follows the event name: properties are required when the event has required ones. */
export type TrackRest<P> = {} extends P
  ? [properties?: P | Callback, options?: Options | Callback, callback?: Callback]
  : [properties: P, options?: Options | Callback, callback?: Callback]

/** `track({ event, properties }, options?, callback?)`. */
export interface TrackMessage<K extends string, P> {
  event: K
  properties?: P
}
