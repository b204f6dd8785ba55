// The control API under /__sb: what tests and the debugger use to inspect and steer the server.
import { decodeSegment, readBody, sendError, sendJson } from './http.mjs'
import { parseFault } from './faults.mjs'
import { FEED_SIZE } from './recorder.mjs'

/**
 * @typedef {{ recorder: import('./recorder.mjs').Recorder, faults: import('./faults.mjs').FaultQueue,
 *   overrides: Map<string, unknown>, bodyTimeoutMs: number, sseClients: Set<import('node:http').ServerResponse> }} ControlDeps
 */

/** @param {import('node:http').IncomingMessage} req @param {number} timeoutMs */
async function readJson(req, timeoutMs) {
  const { text } = await readBody(req, { limit: 5 * 1024 * 1024, timeoutMs })
  return JSON.parse(text || 'null')
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
      let body
      try {
        body = await readJson(req, deps.bodyTimeoutMs)
      } catch {
        return sendError(res, 400, 'malformed_json', 'The fault must be a JSON object.')
      }
      const { fault, errors } = parseFault(body)
      if (!fault) return sendError(res, 400, 'invalid_fault', errors)
      const added = faults.add(fault)
      recorder.emit('faults', faults.list())
      return sendJson(res, 200, { ok: true, fault: added, faults: faults.list() })
    }
  }
  const settingsMatch = /^\/settings\/([^/]+)$/.exec(path)
  if (settingsMatch) {
    const writeKey = /** @type {string} */ (decodeSegment(settingsMatch[1]))
    if (method === 'PUT') {
      let body
      try {
        body = await readJson(req, deps.bodyTimeoutMs)
      } catch {
        return sendError(res, 400, 'malformed_json', 'The settings must be a JSON object.')
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return sendError(res, 400, 'invalid_settings', 'The settings must be a JSON object.')
      deps.overrides.set(writeKey, body)
      return sendJson(res, 200, { ok: true })
    }
    if (method === 'DELETE') {
      req.resume()
      deps.overrides.delete(writeKey)
      return sendJson(res, 200, { ok: true })
    }
  }
  if (path === '/events' && method === 'GET') {
    openEventStream(req, res, deps)
    return
  }
  sendError(res, 404, 'not_found', `No control route ${method} /__sb${path}.`)
}

/**
 * Server-Sent Events for the debugger: a snapshot first, then every entry, request, fault
 * change and reset as it happens.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ControlDeps} deps
 */
function openEventStream(req, res, deps) {
  const { recorder, faults } = deps
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  const send = (/** @type {string} */ event, /** @type {unknown} */ data) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  send('snapshot', {
    entries: recorder.feed.slice(-FEED_SIZE),
    requests: recorder.requests.slice(-200),
    faults: faults.list(),
  })
  const unsubscribe = recorder.subscribe(send)
  // Comments keep proxies and idle timers from closing a quiet stream.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
  deps.sseClients.add(res)
  const cleanup = () => {
    clearInterval(keepAlive)
    unsubscribe()
    deps.sseClients.delete(res)
  }
  req.on('close', cleanup)
  res.on('close', cleanup)
}
