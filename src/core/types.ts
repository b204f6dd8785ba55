// Spec message and option types shared by every part of Switchboard.
import type { Context } from './context'
import type { SegmentioOptions } from '../delivery/options'

export type EventType = 'track' | 'page' | 'identify' | 'group' | 'alias' | 'screen'

export type JSONPrimitive = string | number | boolean | null
export type JSONValue = JSONPrimitive | JSONObject | JSONValue[]
export interface JSONObject {
  [key: string]: JSONValue | undefined
}

/** A value a trait may be set to; `null` clears it. */
type Nullable<T> = T | null

/** Event properties: free-form, with the spec's reserved properties typed (messages.md §4.2). */
export interface EventProperties {
  /** Decimal revenue (19.99, not "$19.99"). */
  revenue?: Nullable<number>
  /** ISO-4217 code; USD when absent. */
  currency?: Nullable<string>
  /** An abstract, non-monetary value of the event. */
  value?: Nullable<number>
  [key: string]: any
}

/** page() and screen() properties: the spec's reserved page properties (collected for you) and any others. */
export interface PageProperties extends EventProperties {
  name?: string
  category?: string
  path?: string
  referrer?: string
  search?: string
  title?: string
  url?: string
  keywords?: string[]
}

export interface Address {
  city?: Nullable<string>
  country?: Nullable<string>
  postalCode?: Nullable<string>
  state?: Nullable<string>
  street?: Nullable<string>
}

/** identify() traits: free-form, with the spec's reserved user traits typed. */
export interface UserTraits {
  address?: Nullable<Address>
  age?: Nullable<number>
  avatar?: Nullable<string>
  birthday?: Nullable<Date | string>
  company?: Nullable<{ name?: string; id?: string | number; industry?: string; employee_count?: number; plan?: string }>
  createdAt?: Nullable<Date | string>
  description?: Nullable<string>
  email?: Nullable<string>
  firstName?: Nullable<string>
  gender?: Nullable<string>
  id?: Nullable<string>
  lastName?: Nullable<string>
  name?: Nullable<string>
  phone?: Nullable<string | number>
  title?: Nullable<string>
  username?: Nullable<string>
  website?: Nullable<string>
  [key: string]: any
}

/** group() traits: free-form, with the spec's reserved group traits typed. */
export interface GroupTraits {
  address?: Nullable<Address>
  avatar?: Nullable<string>
  createdAt?: Nullable<Date | string>
  description?: Nullable<string>
  email?: Nullable<string>
  employees?: Nullable<string | number>
  id?: Nullable<string>
  industry?: Nullable<string>
  name?: Nullable<string>
  phone?: Nullable<string | number>
  plan?: Nullable<string>
  website?: Nullable<string>
  [key: string]: any
}

/** Traits as stored and sent (user or group). */
export type Traits = Record<string, any>

/**
 * Per-destination routing: `All`, `Segment.io` and destination display names, each `true`,
 * `false` or that destination's settings overrides.
 */
export interface Integrations {
  All?: boolean
  'Segment.io'?: boolean | SegmentioOptions
  [destination: string]: boolean | Record<string, any> | undefined
}

export interface PageContext {
  path: string
  referrer: string
  search: string
  title: string
  url: string
}

/** `context`: collected by Switchboard (page, library, userAgent, campaign, …) plus anything the caller adds. */
export interface EventContext {
  page?: Partial<PageContext> & Record<string, any>
  library?: { name: string; version: string }
  traits?: Traits
  campaign?: { name?: string; source?: string; medium?: string; term?: string; content?: string; [key: string]: string | undefined }
  userAgent?: string
  userAgentData?: Record<string, any>
  locale?: string
  timezone?: string
  ip?: string
  active?: boolean
  referrer?: { type?: string; name?: string; url?: string; link?: string; id?: string }
  [key: string]: any
}

/**
 * The `options` argument of every call. Closed: a misspelt key is a type error. At run time,
 * keys other than these still go into `context`, as in Analytics.js 2.0 — put them in `context`.
 */
export interface Options {
  /** Per-call routing: `{ All: false, 'Segment.io': true }`, `{ 'Facebook Pixel': false }`. */
  integrations?: Integrations
  /** Merged over the context Switchboard collects. */
  context?: EventContext
  /** Sets (and keeps) the anonymousId from this call on. */
  anonymousId?: string
  /** This message's userId (does not change the current user). */
  userId?: string
  /** When the event happened (default: now). */
  timestamp?: Date | string
  /** Overrides the generated message id (for deduplication). */
  messageId?: string
  /** Traits sent as `context.traits` with this message. */
  traits?: Traits
}

/** A spec message as Switchboard builds and sends it. */
export interface SegmentEvent {
  type: EventType
  messageId: string
  timestamp: string
  anonymousId?: string | null
  userId?: string | null
  context: EventContext
  integrations: Integrations
  event?: string
  name?: string
  category?: string
  properties?: EventProperties
  traits?: Traits
  previousId?: string | null
  groupId?: string | null
  writeKey?: string
  sentAt?: string
  channel?: string
  _metadata?: Record<string, any>
  /** Fields older callers put on a message; removed before it is sent. */
  options?: Options
  from?: string
  to?: string
}

/** Called with the call's Context once the message was handed to every destination (or after `analytics.timeout()`). */
export type Callback = (ctx: Context) => unknown
