// The send loop: picks ready events from the outbox, packs requests, and acts on the answers.
import type { DeliveryConfig } from './config'
import type { Entry, Outbox } from './outbox'
import { KEEPALIVE_BYTES, MAX_BATCH_BYTES, batchBody, pack, singleBody } from './batcher'
import { backoffDelay, parseRetryAfter, statusAction } from './retry-timing'
import { basicAuth, beacon, post, type Response } from './transport'

const PATHS: Record<string, string> = { track: 't', page: 'p', identify: 'i', group: 'g', alias: 'a', screen: 's' }
/** An event still in this tab's pipeline after this long is sent in the form it was accepted. */
const STUCK_MS = 30_000
/** Room left under the keepalive budget for the request line and headers. */
const KEEPALIVE_ROOM = KEEPALIVE_BYTES - 4096

export interface UploaderHooks {
  /** Puts an entry in wire form; false when it was dropped instead (too large). */
  wire(e: Entry): boolean
  acked(e: Entry): void
  drop(e: Entry, reason: string, stat: string): void
  count(stat: string, n?: number): void
}

export class Uploader {
  inflight = 0
  private failures = 0
  /** This tab's backoff; the Retry-After pause is shared through storage. */
  private until = 0
  /** Largest batch to try after a 400/413 split; doubles back on success. */
  private cap = Infinity
  private pending = 0
  private timer?: ReturnType<typeof setTimeout>
  private due = 0
  private readonly gateKey: string

  constructor(
    private outbox: Outbox,
    private cfg: DeliveryConfig,
    private hooks: UploaderHooks,
  ) {
    this.gateKey = `sb:retry-after:${cfg.apiHost}`
  }

  /**
   * An event became ready. A full batch goes at once when nothing is in flight; otherwise events
   * gather while the current request is out (so a burst makes a few big requests, not many small
   * ones) and the rest go after `flushInterval`.
   */
  kick(): void {
    // A full batch waits one macrotask, so the events of the same pipeline slice join it.
    if (++this.pending >= this.cfg.batchSize && !this.inflight) this.later(0)
    else if (!this.timer) this.later(this.cfg.flushInterval)
  }

  /** Sends what is ready; with `partial` false, only full batches (the timer sends the rest). */
  pump = (partial: unknown = true): void => {
    if (partial === true) this.pending = 0
    while (this.inflight < this.cfg.maxInFlight) {
      if (globalThis.navigator?.onLine === false) return // the 'online' event pumps again
      const wait = this.notBefore() - Date.now()
      if (wait > 0) return this.later(wait)
      const batch = this.take(MAX_BATCH_BYTES, false)
      if (!batch.length) return
      if (partial !== true && batch.length < this.cfg.batchSize && this.size(batch) < MAX_BATCH_BYTES / 2) {
        return this.later(this.cfg.flushInterval)
      }
      void this.send(batch, false)
    }
  }

  /**
   * The page is hidden (or going away): send what is ready at once with keepalive, within the
   * browser's 64 KB budget; when leaving, sendBeacon takes more if the browser lets it. Nothing
   * leaves the outbox without an answer, so whatever is lost on the way goes out next load.
   */
  hide(leaving: boolean): void {
    this.outbox.persist()
    if (globalThis.navigator?.onLine === false || this.notBefore() > Date.now()) return
    const first = this.take(KEEPALIVE_ROOM, leaving)
    if (first.length) void this.send(first, true)
    for (let n = 0; leaving && n < 16; n++) {
      const batch = this.take(KEEPALIVE_ROOM, true)
      if (!batch.length) return
      const { url, body } = this.request(batch)
      if (!beacon(url, body)) return
      for (const e of batch) e.busy = true // on its way; stays stored until a later page has an answer
      this.hooks.count('beacons')
      this.hooks.count('bytes', body.length)
    }
  }

  stop(): void {
    clearTimeout(this.timer)
  }

  private later(ms: number): void {
    const at = Date.now() + ms
    if (this.timer && this.due <= at) return
    clearTimeout(this.timer)
    this.due = at
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.pump(true)
    }, ms)
  }

  private notBefore(): number {
    let shared = 0
    try {
      shared = Number(this.outbox.ls?.getItem(this.gateKey)) || 0
    } catch {
      /* unreadable: this tab's own pause still applies */
    }
    return Math.max(this.until, shared)
  }

  /** Every request to this API host, in every tab, waits until `at`. */
  private pauseAll(at: number): void {
    this.until = Math.max(this.until, at)
    try {
      const ls = this.outbox.ls
      if (ls && at > (Number(ls.getItem(this.gateKey)) || 0)) ls.setItem(this.gateKey, String(at))
    } catch {
      /* the local pause still holds */
    }
  }

  private *ready(leaving: boolean): Generator<Entry> {
    const now = Date.now()
    for (const e of this.outbox.items.values()) {
      if (e.busy) continue
      if (now - e.t > this.cfg.maxAge) {
        this.hooks.drop(e, `not delivered within maxAge (${this.cfg.maxAge} ms)`, 'expired')
        continue
      }
      if (e.live && !e.f && !leaving && now - e.t < STUCK_MS) continue
      if (this.hooks.wire(e)) yield e
    }
  }

  private size(batch: Entry[]): number {
    let n = 0
    for (const e of batch) n += e.b!
    return n
  }

  private take(maxBytes: number, leaving: boolean): Entry[] {
    const max = this.cfg.batching ? Math.min(this.cap, this.cfg.maxBatchEvents) : 1
    return pack(this.ready(leaving), maxBytes, max)
  }

  private request(batch: Entry[]): { url: string; body: string } {
    const sentAt = new Date().toISOString()
    if (this.cfg.batching) {
      return { url: `${this.cfg.base}/b`, body: batchBody(batch.map((e) => e.j!), this.cfg.writeKey, sentAt) }
    }
    const e = batch[0]
    return { url: `${this.cfg.base}/${PATHS[e.ev.type] ?? 't'}`, body: singleBody(e.j!, sentAt) }
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'text/plain' }
    const auth = basicAuth(this.cfg.writeKey)
    if (auth) h.Authorization = auth
    let extra = this.cfg.headers
    try {
      if (typeof extra === 'function') extra = extra()
    } catch {
      extra = undefined
    }
    return { ...h, ...extra }
  }

  private async send(batch: Entry[], keepalive: boolean): Promise<void> {
    for (const e of batch) e.busy = true
    this.inflight++
    const { url, body } = this.request(batch)
    this.hooks.count('requests')
    this.hooks.count('bytes', body.length)
    const res = await post(url, body, this.headers(), { ...this.cfg.init, keepalive })
    this.inflight--
    for (const e of batch) e.busy = false
    this.settle(batch, res)
    this.pump(false)
  }

  private settle(batch: Entry[], { status, retryAfter }: Response): void {
    const action = statusAction(status, batch.length, this.cfg.overrides)
    if (action === 'ok') {
      this.failures = 0
      this.cap *= 2
      for (const e of batch) this.hooks.acked(e)
      return this.hooks.count('delivered', batch.length)
    }
    if (action === 'split') {
      this.cap = Math.ceil(batch.length / 2)
      return this.hooks.count('splits')
    }
    if (action === 'drop' || !this.cfg.retry) {
      const reason = status ? `rejected by the tracking API (HTTP ${status})` : 'network error (retries disabled)'
      for (const e of batch) this.hooks.drop(e, reason, 'rejected')
      return
    }
    this.hooks.count('retries', batch.length)
    const wait = parseRetryAfter(retryAfter)
    if (wait !== undefined) this.pauseAll(Date.now() + Math.min(wait, this.cfg.maxRetryAfter))
    else this.until = Date.now() + backoffDelay(this.failures++, this.cfg.baseBackoff, this.cfg.maxBackoff)
  }
}
