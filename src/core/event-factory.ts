// Builds spec messages (messages.md) from resolved call arguments.
import type { EventProperties, EventType, Integrations, Options, PageContext, SegmentEvent, Traits } from './types'
import { LIBRARY_NAME, VERSION } from './constants'
import { integrationsToBooleans } from './integrations'
import { toJSONSafe } from './json-safe'
import { randomId } from '../lib/random-id'

/** Option keys that override top-level message fields; everything else but `integrations` goes into context. */
const OVERRIDE_KEYS = ['userId', 'anonymousId', 'timestamp', 'messageId'] as const
const PAGE_KEYS = ['path', 'referrer', 'search', 'title', 'url'] as const

export interface Identity {
  userId: string | null
  anonymousId: string | null
}

export interface BuildInput {
  type: EventType
  fields: Partial<SegmentEvent>
  options: Options
  identity: Identity
  page: PageContext
  /** Integrations given at load time; reduced to booleans on each event. */
  loadIntegrations?: Integrations
}

export interface BuiltEvent {
  event: SegmentEvent
  /** What had to be changed to make the caller's data JSON-safe. */
  problems: string[]
}

function toTimestamp(value: unknown, problems: string[]): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString()
  if (typeof value === 'string' && value) return value
  if (value !== undefined) problems.push('options.timestamp: not a Date or string, now used')
  return new Date().toISOString()
}

/** The one place a spec message is put together. */
export function buildEvent({ type, fields, options, identity, page, loadIntegrations }: BuildInput): BuiltEvent {
  const problems: string[] = []
  // Run time: callers may pass keys Options does not name; they go into context.
  const safeOptions = (toJSONSafe(options, problems, 'options') ?? {}) as Record<string, any>
  const { integrations, context: optionContext, ...rest } = safeOptions
  const context: Record<string, any> = { ...(optionContext ?? {}) }
  const overrides: Partial<Record<(typeof OVERRIDE_KEYS)[number], unknown>> = {}
  for (const key of Object.keys(rest)) {
    if ((OVERRIDE_KEYS as readonly string[]).includes(key)) overrides[key as (typeof OVERRIDE_KEYS)[number]] = (options as Record<string, unknown>)[key]
    else context[key] = rest[key]
  }
  context.page = { ...page, ...(context.page ?? {}) }
  if (!context.library) context.library = { name: LIBRARY_NAME, version: VERSION }

  const event: SegmentEvent = {
    type,
    ...fields,
    messageId: typeof overrides.messageId === 'string' && overrides.messageId ? overrides.messageId : randomId(),
    timestamp: toTimestamp(overrides.timestamp, problems),
    integrations: { ...integrationsToBooleans(loadIntegrations), ...(integrations ?? {}) },
    context,
    userId: typeof overrides.userId === 'string' ? overrides.userId : identity.userId,
    anonymousId: typeof overrides.anonymousId === 'string' ? overrides.anonymousId : identity.anonymousId,
  }
  if (event.properties) event.properties = toJSONSafe(event.properties, problems, 'properties') as EventProperties
  if (event.traits) event.traits = toJSONSafe(event.traits, problems, 'traits') as Traits
  return { event, problems }
}

/** page() properties: the page context, the caller's properties, then name and category. */
export function pageProperties(page: PageContext, properties: EventProperties, name: string | null, category: string | null): EventProperties {
  const props: EventProperties = { ...page, ...properties }
  if (name !== null) props.name = name
  if (category !== null) props.category = category
  return props
}

/** Page keys passed in page() properties (e.g. `{title, url}`) also override `context.page`. */
export function pageOverrides(properties: EventProperties): Partial<PageContext> {
  const out: Partial<PageContext> = {}
  for (const key of PAGE_KEYS) if (typeof properties[key] === 'string') out[key] = properties[key]
  return out
}
