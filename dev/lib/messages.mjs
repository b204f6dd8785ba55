// Turns the messages of one request into accepted and rejected ones. Pure apart from the
// `seen` callback, which remembers messageIds to flag redeliveries.
import { validateMessage } from './validate.mjs'
import { scalarOrUndefined } from './json-safety.mjs'

/** The API answers 200 for up to this many messages in one batch (messages.md §5.3). */
export const MAX_BATCH_MESSAGES = 2500

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Envelope `context` and `integrations` are merged under each message's own (messages.md §5.2).
 * @param {unknown} item
 * @param {Record<string, any>} envelope
 */
export function mergeEnvelope(item, envelope) {
  if (!isObject(item)) return item
  const message = /** @type {Record<string, unknown>} */ ({ ...(/** @type {object} */ (item)) })
  for (const key of ['context', 'integrations']) {
    if (isObject(envelope[key]) && (message[key] === undefined || isObject(message[key]))) {
      message[key] = { ...envelope[key], ...(/** @type {object} */ (message[key] ?? {})) }
    }
  }
  return message
}

/**
 * @param {unknown[]} items
 * @param {string} kind 'batch' or the type a single-message route implies
 * @param {string} receivedAt stamped on every accepted message
 * @param {(messageId: unknown) => string | undefined} seen returns the first arrival of a repeated messageId
 */
export function partition(items, kind, receivedAt, seen) {
  /** @type {{ message: object, warnings: string[] }[]} */
  const accepted = []
  /** @type {{ message: unknown, errors: string[], warnings: string[] }[]} */
  const rejected = []
  /** @type {{ index: number, messageId?: unknown, type?: unknown, event?: unknown, errors: string[] }[]} */
  const details = []
  let duplicates = 0
  items.forEach((item, index) => {
    const verdict = validateMessage(item, kind === 'batch' ? {} : { routeType: kind })
    if (index >= MAX_BATCH_MESSAGES) verdict.errors.push(`a batch holds at most ${MAX_BATCH_MESSAGES} messages`)
    if (verdict.errors.length === 0) {
      // The writeKey is a credential, not part of the message.
      const { writeKey: _key, ...message } = /** @type {Record<string, unknown>} */ (item)
      const firstSeen = seen(message.messageId)
      if (firstSeen) {
        duplicates++
        verdict.warnings.unshift(`duplicate: this messageId was already received at ${firstSeen}`)
      }
      accepted.push({ message: { ...message, receivedAt }, warnings: verdict.warnings })
    } else {
      rejected.push({ message: item, errors: verdict.errors, warnings: verdict.warnings })
      const m = /** @type {any} */ (isObject(item) ? item : {})
      // Echo only scalar fields: a rejected message may hold anything.
      details.push({ index, messageId: scalarOrUndefined(m.messageId), type: scalarOrUndefined(m.type), event: scalarOrUndefined(m.event), errors: verdict.errors })
    }
  })
  return { accepted, rejected, details, duplicates }
}
