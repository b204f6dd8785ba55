// Builds spec messages (messages.md) from resolved call arguments.
import type { EventProperties, EventType, Integrations, Options, PageContext, SegmentEvent } from './types'
import { LIBRARY_NAME, LIBRARY_VERSION } from './constants'
import { integrationsToBooleans } from './integrations'
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
  /** Where to note what could not be used. */
  problems: string[]
}

function toTimestamp(value: unknown, problems: string[]): string {
  // The call's data is already JSON-safe: a Date here is valid (an invalid one became null).
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string' && value) return value
  if (value !== undefined) problems.push('options.timestamp: not a Date or string')
  return new Date().toISOString()
}

/** The one place a spec message is put together, from call data already made JSON-safe. */
export function buildEvent({ type, fields, options, identity, page, loadIntegrations, problems }: BuildInput): SegmentEvent {
  // Run time: callers may pass keys Options does not name; they go into context.
  const { integrations, context: optionContext, ...rest } = options as Record<string, any>
  const context: Record<string, any> = { ...(optionContext ?? {}) }
  const overrides: Partial<Record<(typeof OVERRIDE_KEYS)[number], unknown>> = {}
  for (const key of Object.keys(rest)) {
    if ((OVERRIDE_KEYS as readonly string[]).includes(key)) overrides[key as (typeof OVERRIDE_KEYS)[number]] = rest[key]
    else context[key] = rest[key]
  }
  context.page = { ...page, ...(context.page ?? {}) }
  if (!context.library) context.library = { name: LIBRARY_NAME, version: LIBRARY_VERSION }

  return {
    type,
    ...fields,
    messageId: typeof overrides.messageId === 'string' && overrides.messageId ? overrides.messageId : randomId(),
    timestamp: toTimestamp(overrides.timestamp, problems),
    integrations: { ...integrationsToBooleans(loadIntegrations), ...(integrations ?? {}) },
    context,
    userId: typeof overrides.userId === 'string' ? overrides.userId : identity.userId,
    anonymousId: typeof overrides.anonymousId === 'string' ? overrides.anonymousId : identity.anonymousId,
  }
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
