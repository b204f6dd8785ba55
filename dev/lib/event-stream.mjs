// The debugger's Server-Sent Events stream (/__sb/events): a snapshot first, then every entry,
// request, fault change and reset as it happens. Bounded: at most MAX_STREAM_CLIENTS at once,
// a snapshot of at most SNAPSHOT_MAX_CHARS, and a client that lets more than
// CLIENT_BUFFER_LIMIT bytes pile up unread is disconnected (a browser's EventSource reconnects
// and gets a fresh snapshot), so clients that never read cannot grow the server.
import { sendError } from './http.mjs'
import { stringifyOr } from './json-safety.mjs'
import { FEED_SIZE } from './recorder.mjs'

export const MAX_STREAM_CLIENTS = 10
export const SNAPSHOT_MAX_CHARS = 2 * 1024 * 1024
export const CLIENT_BUFFER_LIMIT = 4 * 1024 * 1024
/** Requests in the snapshot (the debugger shows the latest 200). */
const SNAPSHOT_REQUESTS = 200
/** Comments keep proxies and idle timers from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000

/**
 * @typedef {import('./recorder.mjs').FeedEntry} FeedEntry
 * @typedef {import('node:http').ServerResponse} ServerResponse
 */

/**
 * A feed entry as JSON; one that cannot be serialised is shown with the reason instead.
 * @param {FeedEntry} entry
 */
function entryJson(entry) {
  return stringifyOr(entry, (reason) => ({
    id: entry.id,
    status: entry.status,
    message: { unserializable: reason },
    errors: entry.errors,
    warnings: entry.warnings,
    receivedAt: entry.receivedAt,
    path: entry.path,
  }))
}

export class EventStreams {
  /**
   * @param {import('./recorder.mjs').Recorder} recorder
   * @param {import('./faults.mjs').FaultQueue} faults
   * @param {{ maxClients?: number, snapshotChars?: number, bufferLimit?: number }} [limits]
   */
  constructor(recorder, faults, limits = {}) {
    this.recorder = recorder
    this.faults = faults
    this.maxClients = limits.maxClients ?? MAX_STREAM_CLIENTS
    this.snapshotChars = limits.snapshotChars ?? SNAPSHOT_MAX_CHARS
    this.bufferLimit = limits.bufferLimit ?? CLIENT_BUFFER_LIMIT
    /** @type {Set<ServerResponse>} */
    this.clients = new Set()
    /** Clients cut off for not reading, for the log and tests. */
    this.dropped = 0
    /** @type {NodeJS.Timeout | undefined} */
    this.keepAlive = undefined
    // Each event is serialised once, whatever the number of clients.
    recorder.subscribe((event, data) => {
      if (this.clients.size === 0) return
      const json = event === 'entry' ? entryJson(/** @type {FeedEntry} */ (data)) : stringifyOr(data, (reason) => ({ unserializable: reason }))
      this.broadcast(`event: ${event}\ndata: ${json}\n\n`)
    })
  }

  /**
   * Answers GET /__sb/events.
   * @param {import('node:http').IncomingMessage} req
   * @param {ServerResponse} res
   */
  open(req, res) {
    if (this.clients.size >= this.maxClients) {
      sendError(res, 503, 'too_many_streams', `At most ${this.maxClients} debugger streams can be open at once; close one and retry.`, { 'Retry-After': '5' })
      return
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    this.clients.add(res)
    const cleanup = () => {
      this.clients.delete(res)
      if (this.clients.size === 0) this.stopKeepAlive()
    }
    req.on('close', cleanup)
    res.on('close', cleanup)
    this.write(res, `event: snapshot\ndata: ${this.snapshotJson()}\n\n`)
    this.startKeepAlive()
  }

  /** The newest feed entries that fit in the snapshot budget, oldest first, plus requests and faults. */
  snapshotJson() {
    const feed = this.recorder.feed
    /** @type {string[]} */
    const entries = []
    let chars = 0
    for (let i = feed.length - 1; i >= 0 && entries.length < FEED_SIZE; i--) {
      const json = entryJson(feed[i])
      if (chars + json.length > this.snapshotChars) break
      chars += json.length + 1
      entries.push(json)
    }
    entries.reverse()
    const requests = stringifyOr(this.recorder.requests.slice(-SNAPSHOT_REQUESTS), () => [])
    const faults = stringifyOr(this.faults.list(), () => [])
    return `{"entries":[${entries.join(',')}],"requests":${requests},"faults":${faults}}`
  }

  /** @param {string} chunk */
  broadcast(chunk) {
    for (const res of this.clients) this.write(res, chunk)
  }

  /**
   * Writes to one client, and cuts it off when too much is waiting for it.
   * @param {ServerResponse} res
   * @param {string} chunk
   */
  write(res, chunk) {
    if (res.destroyed) return
    res.write(chunk)
    if (res.writableLength > this.bufferLimit) {
      this.dropped++
      this.clients.delete(res)
      res.destroy()
    }
  }

  startKeepAlive() {
    if (this.keepAlive) return
    this.keepAlive = setInterval(() => this.broadcast(': keep-alive\n\n'), KEEP_ALIVE_MS)
    this.keepAlive.unref()
  }

  stopKeepAlive() {
    clearInterval(this.keepAlive)
    this.keepAlive = undefined
  }

  closeAll() {
    for (const res of this.clients) res.end()
    this.clients.clear()
    this.stopKeepAlive()
  }
}
