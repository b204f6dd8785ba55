// Fault injection: answer the next N matching requests with a failure instead of normally.

export const FAULT_MODES = ['500', '429', 'delay', 'drop']
export const FAULT_TARGETS = ['api', 'settings']

/**
 * @typedef {{ target: 'api'|'settings', mode: '500'|'429'|'delay'|'drop', count: number,
 *   retryAfter: number, delayMs: number, id: number }} Fault
 */

/**
 * Checks a fault request body; returns the fault or a list of problems.
 * @param {any} body
 * @returns {{ fault?: Omit<Fault, 'id'>, errors: string[] }}
 */
export function parseFault(body) {
  /** @type {string[]} */
  const errors = []
  if (typeof body !== 'object' || body === null) return { errors: ['the body must be a JSON object'] }
  const target = body.target ?? 'api'
  const mode = String(body.mode ?? '')
  const count = body.count ?? 1
  if (!FAULT_TARGETS.includes(target)) errors.push(`target must be one of ${FAULT_TARGETS.join(', ')}`)
  if (!FAULT_MODES.includes(mode)) errors.push(`mode must be one of ${FAULT_MODES.join(', ')}`)
  if (!Number.isInteger(count) || count < 1 || count > 100000) errors.push('count must be a whole number from 1')
  const retryAfter = body.retryAfter ?? 1
  const delayMs = body.delayMs ?? 1000
  if (typeof retryAfter !== 'number' || retryAfter < 0) errors.push('retryAfter must be a number of seconds')
  if (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 600000) errors.push('delayMs must be 0..600000')
  if (errors.length) return { errors }
  return { fault: { target, mode: /** @type {Fault['mode']} */ (mode), count, retryAfter, delayMs }, errors }
}

/** Faults that may be pending at once (each counts up to 100,000 uses). */
export const MAX_PENDING_FAULTS = 100

export class FaultQueue {
  constructor(limit = MAX_PENDING_FAULTS) {
    /** @type {Fault[]} */
    this.pending = []
    this.nextId = 1
    this.limit = limit
  }

  /**
   * Queues a fault; undefined when `limit` are already pending.
   * @param {Omit<Fault, 'id'>} fault
   */
  add(fault) {
    if (this.pending.length >= this.limit) return undefined
    const entry = { ...fault, id: this.nextId++ }
    this.pending.push(entry)
    return entry
  }

  /**
   * Takes one use of the oldest pending fault for `target`, if any.
   * @param {'api'|'settings'} target
   * @returns {Fault | undefined}
   */
  take(target) {
    const index = this.pending.findIndex((f) => f.target === target)
    if (index < 0) return undefined
    const fault = this.pending[index]
    fault.count--
    if (fault.count <= 0) this.pending.splice(index, 1)
    return { ...fault }
  }

  clear() {
    this.pending = []
  }

  list() {
    return this.pending.map((f) => ({ ...f }))
  }
}

/**
 * Plays a fault on one request. 500 and 429 answer through `reply`; drop destroys the socket
 * without an answer; delay waits, then lets normal handling continue.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Fault} fault
 * @param {(status: number, body: unknown, headers?: Record<string, string>) => void} reply
 * @returns {Promise<boolean>} true when the request is finished
 */
export async function playFault(req, res, fault, reply) {
  if (fault.mode === 'drop') {
    req.socket.destroy()
    return true
  }
  if (fault.mode === '500') {
    reply(500, { error: 'injected_fault', details: 'The dev server was told to fail this request (500).' })
    return true
  }
  if (fault.mode === '429') {
    const seconds = String(fault.retryAfter)
    // Both headers carry seconds to wait (messages.md §5.4).
    reply(429, { error: 'rate_limited', details: `Injected 429; retry after ${seconds} s.` }, { 'Retry-After': seconds, 'X-RateLimit-Reset': seconds })
    return true
  }
  await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
  return res.destroyed
}
