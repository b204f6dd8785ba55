// In-memory view of what the server received, for the control API and the live debugger.
// The JSONL store is the durable record; this is what tests and the debugger look at.
import { MAX_MESSAGE_DEPTH, nestedDeeperThan, scalarOrUndefined, stringifyOr } from './json-safety.mjs'

/** Accepted messages kept in memory (older ones stay in the JSONL file only). */
const MAX_MESSAGES = 200_000
const MAX_REQUESTS = 50_000
/** Entries the debugger gets on connect and keeps in its feed. */
export const FEED_SIZE = 1000
/** A rejected message is kept whole up to this many characters of JSON, else as a preview. */
export const MAX_REJECTED_CHARS = 8 * 1024

/** Fields the debugger shows in a row; a truncated message keeps them (when they are scalars). */
const ROW_FIELDS = ['type', 'event', 'name', 'category', 'userId', 'anonymousId', 'groupId', 'previousId', 'messageId', 'timestamp']

/**
 * What the feed keeps of a rejected message (it may be anything up to the body limit): the
 * message when it is small, else its row fields and the start of its JSON; never anything too
 * deep to serialise.
 * @param {unknown} message
 */
export function keptRejected(message) {
  const m = /** @type {Record<string, unknown>} */ (typeof message === 'object' && message !== null && !Array.isArray(message) ? message : {})
  /** @type {Record<string, unknown>} */
  const row = {}
  for (const key of ROW_FIELDS) {
    const value = scalarOrUndefined(m[key])
    if (value !== undefined) row[key] = value
  }
  if (nestedDeeperThan(message, MAX_MESSAGE_DEPTH)) return { ...row, truncated: `nested more than ${MAX_MESSAGE_DEPTH} levels deep; not kept` }
  const text = stringifyOr(message, (reason) => ({ unserializable: reason }))
  if (text.length <= MAX_REJECTED_CHARS) return message
  return { ...row, truncated: `${text.length} characters of JSON; the first ${MAX_REJECTED_CHARS} are kept`, preview: text.slice(0, MAX_REJECTED_CHARS) }
}

/**
 * @typedef {{ path: string, status: number, bytes: number, count: number, at: string,
 *   accepted?: number, rejected?: number, writeKey?: string, error?: string, fault?: string,
 *   retryCount?: number, sentAt?: string, duplicates?: number }} RequestRecord
 * @typedef {{ id: number, status: 'accepted'|'rejected', message: unknown, errors: string[],
 *   warnings: string[], receivedAt: string, path: string,
 *   consent?: { categories: Record<string, boolean>, keptFrom: string[] },
 *   violations?: import('./plan-check.mjs').Violation[] }} FeedEntry
 */

export class Recorder {
  constructor() {
    /** @type {object[]} */
    this.messages = []
    /** @type {FeedEntry[]} */
    this.rejected = []
    /** @type {RequestRecord[]} */
    this.requests = []
    /** @type {{ path: string, writeKey: string, status: number, at: string, fault?: string }[]} */
    this.settingsRequests = []
    /** @type {FeedEntry[]} */
    this.feed = []
    this.nextId = 1
    /** messageId → receivedAt of its first arrival, to flag redeliveries. @type {Map<string, string>} */
    this.seen = new Map()
    /** @type {Set<(event: string, data: unknown) => void>} */
    this.listeners = new Set()
    /** Checks accepted messages against the tracking plan, when one is configured. @type {import('./plan-check.mjs').PlanCheck | undefined} */
    this.planCheck = undefined
  }

  /** @param {(event: string, data: unknown) => void} listener */
  subscribe(listener) {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** @param {string} event @param {unknown} data */
  emit(event, data) {
    for (const listener of this.listeners) {
      try {
        listener(event, data)
      } catch {
        // A broken debugger connection must not affect the API.
      }
    }
  }

  /** Seeds memory with messages read back from the store. @param {object[]} messages */
  restore(messages) {
    this.messages = messages.slice(-MAX_MESSAGES)
    for (const message of this.messages) this.markSeen(/** @type {any} */ (message).messageId, /** @type {any} */ (message).receivedAt)
    for (const message of messages.slice(-FEED_SIZE)) {
      const receivedAt = /** @type {any} */ (message).receivedAt
      this.pushFeed({ id: this.nextId++, status: 'accepted', message, errors: [], warnings: [], receivedAt, path: '(stored)' })
    }
  }

  /**
   * Remembers a messageId; returns when it was first received if this is a repeat.
   * @param {unknown} messageId
   * @param {string} receivedAt
   * @returns {string | undefined}
   */
  markSeen(messageId, receivedAt) {
    if (typeof messageId !== 'string') return undefined
    const first = this.seen.get(messageId)
    if (first !== undefined) return first
    this.seen.set(messageId, receivedAt)
    if (this.seen.size > MAX_MESSAGES) this.seen.delete(/** @type {string} */ (this.seen.keys().next().value))
    return undefined
  }

  /** @param {FeedEntry} entry */
  pushFeed(entry) {
    this.feed.push(entry)
    if (this.feed.length > FEED_SIZE * 2) this.feed.splice(0, this.feed.length - FEED_SIZE)
  }

  /**
   * @param {{ message: object, warnings: string[], consent?: FeedEntry['consent'] }[]} accepted messages already stored
   * @param {{ message: unknown, errors: string[], warnings: string[] }[]} rejected
   * @param {string} receivedAt
   * @param {string} path
   */
  recordMessages(accepted, rejected, receivedAt, path) {
    for (const { message, warnings, consent } of accepted) {
      this.messages.push(message)
      /** @type {FeedEntry} */
      const entry = { id: this.nextId++, status: 'accepted', message, errors: [], warnings, receivedAt, path }
      if (consent) entry.consent = consent
      const violations = this.planCheck?.check(message)
      if (violations?.length) entry.violations = violations
      this.pushFeed(entry)
      this.emit('entry', entry)
    }
    if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES)
    for (const { message, errors, warnings } of rejected) {
      const entry = { id: this.nextId++, status: /** @type {const} */ ('rejected'), message: keptRejected(message), errors, warnings, receivedAt, path }
      this.rejected.push(entry)
      this.pushFeed(entry)
      this.emit('entry', entry)
    }
    if (this.rejected.length > FEED_SIZE) this.rejected.splice(0, this.rejected.length - FEED_SIZE)
  }

  /** @param {RequestRecord} record */
  recordRequest(record) {
    this.requests.push(record)
    if (this.requests.length > MAX_REQUESTS) this.requests.splice(0, this.requests.length - MAX_REQUESTS)
    this.emit('request', record)
  }

  /** @param {{ path: string, writeKey: string, status: number, at: string, fault?: string }} record */
  recordSettingsRequest(record) {
    this.settingsRequests.push(record)
    if (this.settingsRequests.length > MAX_REQUESTS) this.settingsRequests.shift()
  }

  /** Clears the lists (the JSONL store keeps everything). */
  reset() {
    this.messages = []
    this.rejected = []
    this.requests = []
    this.settingsRequests = []
    this.feed = []
    this.seen.clear()
    this.planCheck?.reset()
    this.emit('reset', {})
  }
}
