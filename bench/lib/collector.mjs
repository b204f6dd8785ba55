// Watches what the dev server's tracking API receives, through its live event stream
// (GET /__sb/events), so that waiting for 10,000 events does not mean re-downloading them all
// every second. Each request record carries `at`, the server time the request started to
// arrive, and gets `doneMs`, the time it was accepted (the server runs in this process, so
// both use this machine's clock), so arrival times are exact whatever the wait.
import { request } from 'node:http'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export class CollectorWatch {
  constructor(baseURL) {
    this.base = baseURL
    this.requests = []
    this.accepted = 0
    this.waiters = new Set()
    this.resetSeen = 0
  }

  /** Opens the stream; resolves once the snapshot arrived. */
  connect() {
    return new Promise((resolve, reject) => {
      const req = request(new URL('/__sb/events', this.base), { headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume()
          reject(new Error(`GET /__sb/events answered ${res.statusCode}`))
          return
        }
        res.setEncoding('utf8')
        let buffer = ''
        res.on('data', (chunk) => {
          buffer += chunk
          let end
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const event = /^event: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (event === 'snapshot') resolve()
            if (event) this.onEvent(event, data)
          }
        })
      })
      req.on('error', reject)
      req.end()
      this.stream = req
    })
  }

  onEvent(event, data) {
    if (event === 'reset') {
      this.requests = []
      this.accepted = 0
      this.resetSeen++
    } else if (event === 'request') {
      const record = JSON.parse(data)
      if (record.status >= 200 && record.status < 300) {
        record.atMs = Date.parse(record.at)
        // When the server had read, validated and stored the request (it emits the record as it
        // answers; the stream is in-process, so this is within a millisecond or so of that).
        record.doneMs = Date.now()
        this.accepted += record.accepted ?? record.count ?? 0
        record.total = this.accepted
        this.requests.push(record)
      }
    } else return
    for (const check of this.waiters) check()
  }

  /** Clears the server's lists and this watcher's view; resolves when the stream saw the reset. */
  async reset() {
    const before = this.resetSeen
    const res = await fetch(new URL('/__sb/reset', this.base), { method: 'POST' })
    if (!res.ok) throw new Error(`POST /__sb/reset answered ${res.status}`)
    await this.until(() => this.resetSeen > before, 5000, 'reset')
  }

  /** Resolves when `test()` is true, or rejects after `timeoutMs`. */
  until(test, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return
        this.waiters.delete(check)
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (collector has ${this.accepted} events)`))
      }, timeoutMs)
      this.waiters.add(check)
      check()
    })
  }

  /** The request record that brought the count of accepted events to `n`. */
  async waitForCount(n, timeoutMs) {
    await this.until(() => this.accepted >= n, timeoutMs, `${n} events`)
    return this.requests.find((r) => r.total >= n)
  }

  /** The server's own lists, for cross-checks (small: call it only when few events are stored). */
  async snapshot() {
    const res = await fetch(new URL('/__sb/messages', this.base))
    return res.json()
  }

  close() {
    this.stream?.destroy()
  }
}

export { sleep }
