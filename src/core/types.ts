// Spec message and option types shared by every part of Switchboard.

export type EventType = 'track' | 'page' | 'identify' | 'group' | 'alias' | 'screen'

export type JSONPrimitive = string | number | boolean | null
export type JSONValue = JSONPrimitive | JSONObject | JSONValue[]
export interface JSONObject {
  [key: string]: JSONValue | undefined
}

/** Free-form properties or traits, as the caller passes them. */
export type EventProperties = Record<string, any>
export type Traits = Record<string, any>

/** Per-destination routing: `All`, `Segment.io` and destination display names. */
export type Integrations = Record<string, boolean | Record<string, any> | undefined>

export interface PageContext {
  path: string
  referrer: string
  search: string
  title: string
  url: string
}

export interface EventContext {
  page?: Partial<PageContext> & Record<string, any>
  library?: { name: string; version: string }
  traits?: Traits
  campaign?: Record<string, string>
  userAgent?: string
  userAgentData?: Record<string, any>
  locale?: string
  timezone?: string
  [key: string]: any
}

/** Options accepted by every call (`options` argument). Unknown keys go into `context`. */
export interface Options {
  integrations?: Integrations
  context?: EventContext
  anonymousId?: string
  userId?: string
  timestamp?: Date | string
  messageId?: string
  traits?: Traits
  [key: string]: any
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
  [key: string]: any
}

export type Callback = (ctx: import('./context').Context) => unknown
