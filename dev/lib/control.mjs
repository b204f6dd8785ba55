// The control API under /__sb: what tests and the debugger use to inspect and steer the server.
import { decodeSegment, readBody, sendError, sendJson } from './http.mjs'
import { parseFault } from './faults.mjs'

/**
 * @typedef {{ recorder: import('./recorder.mjs').Recorder, faults: import('./faults.mjs').FaultQueue,
 *   overrides: import('./settings.mjs').SettingsOverrides, bodyTimeoutMs: number,
 *   streams: import('./event-stream.mjs').EventStreams }} ControlDeps
 */

/** A fault is a few fields. */
const MAX_FAULT_BYTES = 16 * 1024

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit bytes
 * @param {number} timeoutMs
 * @returns {Promise<{ value?: unknown, problem?: { code: string, details: string } }>}
 */
async function readJson(req, limit, timeoutMs) {
  let text
  try {
    ;({ text } = await readBody(req, { limit, timeoutMs }))
  } catch (error) {
    const e = /** @type {import('./http.mjs').BodyError} */ (error)
    return { problem: { code: e.code ?? 'bad_body', details: e.message } }
  }
  try {
    return { value: JSON.parse(text || 'null') }
  } catch {
    return { problem: { code: 'malformed_json', details: 'The body is not valid JSON.' } }
  }
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path the part after /__sb
 * @param {ControlDeps} deps
 */
export async function handleControl(req, res, path, deps) {
  const { recorder, faults } = deps
  const method = req.method ?? 'GET'

  if (path === '/messages' && method === 'GET') {
    sendJson(res, 200, {
      messages: recorder.messages,
      requests: recorder.requests,
      rejected: recorder.rejected,
      settingsRequests: recorder.settingsRequests,
      // Tracking-plan violations per event since the last reset (only with a plan file).
      violations: recorder.planCheck?.counts() ?? {},
    })
    return
  }
  if (path === '/reset' && method === 'POST') {
    req.resume()
    recorder.reset()
    faults.clear()
    recorder.emit('faults', faults.list())
    sendJson(res, 200, { ok: true })
    return
  }
  if (path === '/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: faults.list() })
    if (method === 'DELETE') {
      req.resume()
      faults.clear()
      recorder.emit('faults', faults.list())
      return sendJson(res, 200, { ok: true, faults: [] })
    }
    if (method === 'POST') {
      const { value, problem } = await readJson(req, MAX_FAULT_BYTES, deps.bodyTimeoutMs)
      if (problem) return sendError(res, 400, problem.code, `The fault must be a JSON object. ${problem.details}`)
      const { fault, errors } = parseFault(value)
      if (!fault) return sendError(res, 400, 'invalid_fault', errors)
      const added = faults.add(fault)
      if (!added) return sendError(res, 400, 'too_many_faults', `At most ${faults.limit} faults can be pending; DELETE /__sb/faults clears them.`)
      recorder.emit('faults', faults.list())
      return sendJson(res, 200, { ok: true, fault: added, faults: faults.list() })
    }
  }
  const settingsMatch = /^\/settings\/([^/]+)$/.exec(path)
  if (settingsMatch) {
    const writeKey = /** @type {string} */ (decodeSegment(settingsMatch[1]))
    const { overrides } = deps
    if (method === 'PUT') {
      const { value, problem } = await readJson(req, overrides.maxBytes, deps.bodyTimeoutMs)
      if (problem) return sendError(res, 400, problem.code, `The settings must be a JSON object. ${problem.details}`)
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return sendError(res, 400, 'invalid_settings', 'The settings must be a JSON object.')
      if (!overrides.set(writeKey, value))
        return sendError(res, 400, 'too_many_overrides', `At most ${overrides.maxKeys} write keys can have settings overrides; DELETE one first.`)
      return sendJson(res, 200, { ok: true })
    }
    if (method === 'DELETE') {
      req.resume()
      overrides.delete(writeKey)
      return sendJson(res, 200, { ok: true })
    }
  }
  if (path === '/events' && method === 'GET') {
    deps.streams.open(req, res)
    return
  }
  sendError(res, 404, 'not_found', `No control route ${method} /__sb${path}.`)
}
