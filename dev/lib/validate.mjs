// Validates one tracking message against the wire format (shared/spec/messages.md).
// Pure: returns the problems found; the caller decides what to do with them.
import { MAX_MESSAGE_DEPTH, nestedDeeperThan } from './json-safety.mjs'

export const MESSAGE_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias']
/** Each message must be under 32 KB (messages.md §5.3). */
export const MAX_MESSAGE_BYTES = 32 * 1024
/** A whole batch request must be under 500 KB. */
export const MAX_BATCH_BYTES = 500 * 1024
export const MAX_MESSAGE_ID_LENGTH = 100

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
/** @param {unknown} v */
const isId = (v) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v))

/**
 * @typedef {{ errors: string[], warnings: string[] }} Verdict
 */

/**
 * @param {unknown} message
 * @param {{ routeType?: string }} [opts] the type implied by a single-message route such as /v1/track
 * @returns {Verdict}
 */
export function validateMessage(message, opts = {}) {
  /** @type {string[]} */
  const errors = []
  /** @type {string[]} */
  const warnings = []
  if (!isObject(message)) return { errors: ['a message must be a JSON object'], warnings }
  // First, so nothing below recurses into a message nested thousands of levels deep.
  if (nestedDeeperThan(message, MAX_MESSAGE_DEPTH))
    return { errors: [`the message is nested more than ${MAX_MESSAGE_DEPTH} levels deep (objects and arrays); the limit is ${MAX_MESSAGE_DEPTH}`], warnings }
  const m = /** @type {Record<string, unknown>} */ (message)

  if (m.type === undefined || m.type === null || m.type === '') errors.push('`type` is required')
  else if (typeof m.type !== 'string' || !MESSAGE_TYPES.includes(m.type))
    errors.push(`\`type\` must be one of ${MESSAGE_TYPES.join(', ')} (got ${JSON.stringify(m.type)})`)
  else if (opts.routeType && m.type !== opts.routeType)
    errors.push(`a \`${m.type}\` message was sent to the ${opts.routeType} route`)

  if (!isId(m.userId) && !isId(m.anonymousId)) errors.push('one of `userId` or `anonymousId` is required')
  for (const key of ['userId', 'anonymousId']) {
    if (m[key] !== undefined && m[key] !== null && !isId(m[key])) errors.push(`\`${key}\` must be a non-empty string`)
  }

  if (m.type === 'track') {
    if (typeof m.event !== 'string' || m.event.trim() === '') errors.push('a track message needs `event` (a non-empty string)')
  }
  if (m.type === 'group' && !isId(m.groupId)) errors.push('a group message needs `groupId`')
  if (m.type === 'alias') {
    if (!isId(m.userId)) errors.push('an alias message needs `userId`')
    if (!isId(m.previousId)) errors.push('an alias message needs `previousId`')
  }

  if (m.messageId === undefined) warnings.push('no `messageId`: the client should set one so retries can be de-duplicated')
  else if (typeof m.messageId !== 'string' || m.messageId === '') errors.push('`messageId` must be a non-empty string')
  else if (m.messageId.length > MAX_MESSAGE_ID_LENGTH)
    errors.push(`\`messageId\` is ${m.messageId.length} characters; the limit is ${MAX_MESSAGE_ID_LENGTH}`)

  for (const key of ['properties', 'traits', 'context', 'integrations']) {
    if (m[key] !== undefined && m[key] !== null && !isObject(m[key])) errors.push(`\`${key}\` must be an object`)
  }
  for (const key of ['timestamp', 'originalTimestamp', 'sentAt']) {
    const value = m[key]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
      errors.push(`\`${key}\` must be an ISO-8601 date string (got ${JSON.stringify(value)})`)
  }
  if (m.timestamp === undefined && m.originalTimestamp === undefined)
    warnings.push('no `timestamp`: the server cannot tell when the event happened')
  if (m.receivedAt !== undefined) warnings.push('`receivedAt` is set by the server; the client value is replaced')

  const bytes = Buffer.byteLength(JSON.stringify(m))
  if (bytes > MAX_MESSAGE_BYTES) errors.push(`the message is ${bytes} bytes; each message must be under ${MAX_MESSAGE_BYTES} bytes (32 KB)`)

  return { errors, warnings }
}
