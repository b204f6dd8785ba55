// Small HTTP helpers for the dev server: JSON replies, path decoding and a bounded body reader.
import { createGunzip, createInflate } from 'node:zlib'

/**
 * One URL path segment decoded, or undefined when its % escapes are malformed.
 * @param {string} segment
 */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/**
 * A clear JSON error: `{ error, details }`.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} error
 * @param {unknown} [details]
 * @param {Record<string, string>} [headers]
 */
export function sendError(res, status, error, details, headers) {
  sendJson(res, status, details === undefined ? { error } : { error, details }, headers)
}

export class BodyError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

/**
 * Reads a request body as text, counting bytes as they stream in: it stops at `limit` bytes
 * (decompressed), so a 10 MB upload never sits in memory, and gives up after `timeoutMs`
 * without the whole body, so a client that hangs mid-body cannot hold the request forever.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ limit: number, timeoutMs: number }} opts
 * @returns {Promise<{ text: string, bytes: number }>}
 */
export function readBody(req, { limit, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const encoding = String(req.headers['content-encoding'] || 'identity').toLowerCase()
    /** @type {NodeJS.ReadableStream} */
    let stream = req
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = req.pipe(createGunzip())
    else if (encoding === 'deflate') stream = req.pipe(createInflate())
    else if (encoding !== 'identity') {
      reject(new BodyError(415, 'unsupported_content_encoding', `Content-Encoding "${encoding}" is not supported (use gzip, deflate or none).`))
      return
    }
    const declared = Number(req.headers['content-length'])
    if (encoding === 'identity' && declared > limit) {
      reject(new BodyError(400, 'payload_too_large', `The body is ${declared} bytes; the limit for this route is ${limit} bytes.`))
      return
    }
    /** @type {Buffer[]} */
    const chunks = []
    let bytes = 0
    let done = false
    const finish = (/** @type {Error | null} */ error) => {
      if (done) return
      done = true
      clearTimeout(timer)
      stream.removeAllListeners('data')
      if (error) {
        /** @type {any} */ (error).bytes = bytes
        chunks.length = 0
        // Keep draining what is still arriving without keeping (or decompressing) it.
        if (stream !== req) req.unpipe()
        req.resume()
        reject(error)
      } else resolve({ text: Buffer.concat(chunks).toString('utf8'), bytes })
    }
    const timer = setTimeout(
      () => finish(new BodyError(408, 'request_timeout', `The request body did not arrive within ${timeoutMs} ms.`)),
      timeoutMs,
    )
    stream.on('data', (/** @type {Buffer} */ chunk) => {
      bytes += chunk.length
      if (bytes > limit) {
        finish(new BodyError(400, 'payload_too_large', `The body is over ${limit} bytes, the limit for this route.`))
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => finish(null))
    stream.on('error', (error) =>
      finish(new BodyError(400, 'bad_body', `The body could not be read: ${error.message}`)),
    )
    req.on('aborted', () => finish(new BodyError(400, 'aborted', 'The client aborted the request.')))
  })
}
