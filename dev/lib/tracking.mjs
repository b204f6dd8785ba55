// The tracking API: /v1/batch (/v1/b) and the single-message routes. Every message is
// validated; accepted ones are written to the store before the response is sent.
import { BodyError, readBody, sendJson } from './http.mjs'
import { playFault } from './faults.mjs'
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES } from './validate.mjs'
import { mergeEnvelope, partition } from './messages.mjs'
import { consentOf } from './consent.mjs'

/** Route segment → message type; `batch` for the batch routes. */
export const TRACKING_ROUTES = {
  batch: 'batch', b: 'batch',
  track: 'track', t: 'track',
  identify: 'identify', i: 'identify',
  page: 'page', p: 'page',
  group: 'group', g: 'group',
  alias: 'alias', a: 'alias',
  screen: 'screen', s: 'screen',
}
/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * `Authorization: Basic base64("<writeKey>:")` → writeKey.
 * @param {string | undefined} header
 */
export function writeKeyFromAuth(header) {
  const match = /^Basic\s+(\S+)/i.exec(header ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const key = decoded.split(':')[0]
  return key || undefined
}

/** The start of a body, for the debugger. @param {string} text */
const preview = (text) => (text.length > 500 ? text.slice(0, 500) + '…' : text)

/** @param {string | undefined} header */
function acceptableContentType(header) {
  if (!header) return true
  const type = header.split(';')[0].trim().toLowerCase()
  return type === 'application/json' || type === 'text/plain' || type.endsWith('+json')
}

/**
 * @typedef {{ recorder: import('./recorder.mjs').Recorder, store: import('./store.mjs').MessageStore,
 *   faults: import('./faults.mjs').FaultQueue, bodyTimeoutMs: number, log: (msg: string) => void,
 *   settingsFor?: (writeKey: string) => unknown }} TrackingDeps
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 * @param {string} kind a value of TRACKING_ROUTES
 * @param {TrackingDeps} deps
 */
export async function handleTracking(req, res, path, kind, deps) {
  const at = new Date().toISOString()
  const retryCount = Number(req.headers['x-retry-count'] ?? NaN)
  /** @type {import('./recorder.mjs').RequestRecord} */
  const record = { path, status: 0, bytes: 0, count: 0, at }
  if (Number.isFinite(retryCount)) record.retryCount = retryCount
  /** @type {string | undefined} */
  let text
  const reply = (/** @type {number} */ status, /** @type {unknown} */ body, /** @type {Record<string,string>} */ headers = {}) => {
    record.status = status
    if (status >= 400 && isObject(body)) record.error = /** @type {any} */ (body).error
    sendJson(res, status, body, headers)
    deps.recorder.recordRequest(record)
    // A request refused as a whole still shows in the debugger, with what it carried.
    const b = /** @type {any} */ (body)
    if ((status === 400 || status === 415) && b?.error !== 'invalid_messages') {
      const message = { request: path, error: b?.error, body: text === undefined ? `(${record.bytes} bytes, not kept)` : preview(text) }
      deps.recorder.recordMessages([], [{ message, errors: [String(b?.details ?? b?.error)], warnings: [] }], at, path)
    }
  }

  if (req.method !== 'POST') {
    reply(405, { error: 'method_not_allowed', details: 'The tracking API only accepts POST.' }, { Allow: 'POST, OPTIONS' })
    return
  }
  if (!acceptableContentType(req.headers['content-type'])) {
    reply(415, {
      error: 'unsupported_content_type',
      details: `Content-Type "${req.headers['content-type']}" is not accepted; send application/json or text/plain.`,
    })
    req.resume()
    return
  }

  try {
    const body = await readBody(req, { limit: kind === 'batch' ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES, timeoutMs: deps.bodyTimeoutMs })
    text = body.text
    record.bytes = body.bytes
  } catch (error) {
    const e = /** @type {BodyError} */ (error)
    // The bytes read before giving up.
    record.bytes = /** @type {any} */ (e).bytes ?? 0
    if (e.code === 'aborted') {
      record.status = 0
      record.error = 'aborted'
      deps.recorder.recordRequest(record)
      return
    }
    // The rest of an oversized or stalled body is not worth waiting for.
    reply(e.status ?? 400, { error: e.code ?? 'bad_body', details: e.message }, { Connection: 'close' })
    if (e.code === 'request_timeout') res.once('finish', () => req.socket.destroy())
    return
  }

  const fault = deps.faults.take('api')
  if (fault) {
    record.fault = fault.mode
    deps.recorder.emit('faults', deps.faults.list())
    const finished = await playFault(req, res, fault, reply)
    if (fault.mode === 'drop') {
      record.error = 'dropped'
      deps.recorder.recordRequest(record)
    }
    if (finished) return
  }

  let body
  try {
    body = JSON.parse(text)
  } catch (error) {
    reply(400, { error: 'malformed_json', details: `The body is not valid JSON: ${/** @type {Error} */ (error).message}` })
    return
  }
  if (!isObject(body)) {
    reply(400, { error: 'invalid_body', details: 'The body must be a JSON object.' })
    return
  }

  const writeKey = (typeof body.writeKey === 'string' && body.writeKey) || writeKeyFromAuth(req.headers.authorization)
  if (writeKey) record.writeKey = writeKey
  if (typeof body.sentAt === 'string') record.sentAt = body.sentAt

  /** @type {unknown[]} */
  let items
  if (kind === 'batch') {
    if (!Array.isArray(body.batch)) {
      reply(400, { error: 'invalid_batch', details: 'A batch request needs a `batch` array of messages.' })
      return
    }
    items = body.batch.map((/** @type {unknown} */ item) => mergeEnvelope(item, body))
  } else {
    // A single-message route implies the type when the body leaves it out.
    items = [{ type: kind, ...body }]
  }
  record.count = items.length

  if (!writeKey && !items.every((m) => isObject(m) && typeof (/** @type {any} */ (m).writeKey) === 'string')) {
    reply(400, {
      error: 'missing_write_key',
      details: 'Send the writeKey in the body (`writeKey`) or as `Authorization: Basic base64("<writeKey>:")`.',
    })
    return
  }

  const receivedAt = new Date().toISOString()
  const { accepted, rejected, details, duplicates } = partition(items, kind, receivedAt, (id) => deps.recorder.markSeen(id, receivedAt))

  try {
    deps.store.append(accepted.map((a) => a.message))
  } catch (error) {
    deps.log(`store write failed: ${/** @type {Error} */ (error).message}`)
    reply(500, { error: 'store_failed', details: 'The message store could not be written; retry later.' })
    return
  }
  // The debugger shows each message's consent and the destinations it keeps the message from.
  /** @type {unknown} */
  let settings
  const settingsOf = () => (settings ??= writeKey && deps.settingsFor ? deps.settingsFor(writeKey) : {})
  deps.recorder.recordMessages(accepted.map((a) => ({ ...a, consent: consentOf(a.message, settingsOf) })), rejected, receivedAt, path)
  record.accepted = accepted.length
  record.rejected = rejected.length
  if (duplicates) record.duplicates = duplicates

  if (rejected.length > 0) {
    reply(400, {
      error: 'invalid_messages',
      details,
      accepted: accepted.length,
      rejected: rejected.length,
    })
    return
  }
  reply(200, { success: true, accepted: accepted.length })
}
