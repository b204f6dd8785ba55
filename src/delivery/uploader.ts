// The send loop: picks ready events from the outbox, packs requests, and acts on the answers.
import type { DeliveryConfig } from './config'
import type { Entry, Outbox } from './outbox'
import { KEEPALIVE_BYTES, MAX_BATCH_BYTES, batchBody, pack, shareContext, singleBody } from './batcher'
import type { JudgeFailure } from './failures'
import { basicAuth, beacon, post, type Response } from './transport'

/** An event still in this tab's pipeline after this long is sent in the form it was accepted. */
const STUCK_MS = 30_000
/** Without the code that judges a failure (it could not load), the events are tried again this much later. */
const RETRY_UNJUDGED_MS = 5000
/** Room left under the keepalive budget for the request line and headers. */
const KEEPALIVE_ROOM = KEEPALIVE_BYTES - 4096

export interface UploaderHooks {
  /** Puts an entry in wire form; false when it was dropped instead (too large). */
  wire_(e: Entry): boolean
  acked_(e: Entry): void
  drop_(e: Entry, reason: string, stat: string): void
  /** The page is on its way to another document: requests must outlive it. */
  leaving_(): boolean
  count_(stat: string, n?: number): void
  /** The code that judges a failed request (on demand); undefined when it could not be loaded. */
  judge_(): Promise<JudgeFailure | undefined>
}

export interface Uploader {
  /** An event became ready. */
  kick_(): void
  /**
   * Sends what is ready; with `partial` other than true, only full batches (the timer sends the
   * rest). With `leaving` (by default: when the page is on its way out) requests use keepalive.
   */
  pump_(partial?: unknown, leaving?: boolean): void
  /**
   * The page is hidden (or going away): send what is ready at once with keepalive, within the
   * browser's 64 KB budget; when leaving, sendBeacon takes more if the browser lets it. Nothing
   * leaves the outbox without an answer, so whatever is lost on the way goes out next load.
   */
  hide_(leaving: boolean): void
  stop_(): void
}

export function createUploader(outbox: Outbox, cfg: DeliveryConfig, hooks: UploaderHooks): Uploader {
  const { batchSize_: batchSize, flushInterval_: flushInterval, batching_: batching } = cfg
  const ls = outbox.storage_
  /** The Retry-After pause, shared by every tab sending to this API host. */
  const gateKey = `sb:retry-after:${cfg.apiHost_}`
  let inflight = 0
  /** Failed requests in a row. */
  let failures = 0
  /** Failures being judged: nothing is sent until they are. */
  let judging = 0
  /** This tab's own backoff. */
  let until = 0
  /** Largest batch to try after a 400/413 split; doubles back on success. */
  let cap = Infinity
  let pending = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let due = 0
  let lastSend = -Infinity

  const offline = () => globalThis.navigator?.onLine === false

  const later = (ms: number) => {
    const at = Date.now() + ms
    if (timer && due <= at) return
    clearTimeout(timer)
    due = at
    timer = setTimeout(() => {
      timer = undefined
      pump(true)
    }, ms)
  }

  const shared = (): number => {
    try {
      return Number(ls?.getItem(gateKey)) || 0
    } catch {
      return 0 // unreadable: this tab's own pause still applies
    }
  }
  const notBefore = () => Math.max(until, shared())

  const pauseAll = (at: number) => {
    until = Math.max(until, at)
    try {
      if (at > shared()) ls?.setItem(gateKey, String(at))
    } catch {
      /* the local pause still holds */
    }
  }

  function* ready(leaving: boolean): Generator<Entry> {
    const now = Date.now()
    for (const e of outbox.items_.values()) {
      if (e.sending_) continue
      if (now - e.acceptedAt_ > cfg.maxAge_) hooks.drop_(e, `not delivered within maxAge (${cfg.maxAge_} ms)`, 'expired')
      else if ((!e.inPipeline_ || e.wireForm_ || leaving || now - e.acceptedAt_ > STUCK_MS) && hooks.wire_(e)) yield e
    }
  }

  const take = (maxBytes: number, leaving: boolean) => pack(ready(leaving), maxBytes, batching ? Math.min(cap, cfg.maxBatchEvents_) : 1)

  const envelope = (batch: Entry[], sentAt: string) => {
    let shared: ReturnType<typeof shareContext> | false | undefined
    try {
      shared = cfg.shareContext_ && shareContext(batch.map((e) => e.event_))
    } catch {
      // An event changed after it was serialised (a plugin made it circular): send the JSON it had.
    }
    const [context, items] = shared || [undefined, batch.map((e) => e.json_!)]
    return batchBody(items, cfg.writeKey_, sentAt, context)
  }

  const request = (batch: Entry[]) => {
    const sentAt = new Date().toISOString()
    return batching
      ? { url: `${cfg.base_}/b`, body: envelope(batch, sentAt) }
      : { url: `${cfg.base_}/${batch[0].event_.type[0]}`, body: singleBody(batch[0].json_!, sentAt) } // /t /p /i /g /a /s
  }

  const headers = () => {
    const h: Record<string, string> = { 'Content-Type': 'text/plain' }
    const auth = basicAuth(cfg.writeKey_)
    if (auth) h.Authorization = auth
    try {
      return { ...h, ...(typeof cfg.headers_ === 'function' ? cfg.headers_() : cfg.headers_) }
    } catch {
      return h
    }
  }

  const settle = (batch: Entry[], { status, retryAfter }: Response) => {
    const override = cfg.overrides_[status]
    if (status && status < 400 && override !== 'retry' && override !== 'drop') {
      failures = 0
      cap *= 2
      for (const e of batch) hooks.acked_(e)
      return hooks.count_('delivered', batch.length)
    }
    // Its events (still marked as sending) stay out of requests, and nothing is sent, until the failure is judged.
    judging++
    return hooks.judge_().then((judge) => {
      judging--
      const verdict = judge ? judge(status, retryAfter, batch.length, failures) : { at: Date.now() + RETRY_UNJUDGED_MS }
      if ('split' in verdict) {
        cap = verdict.split
        hooks.count_('splits')
      } else if ('drop' in verdict) {
        for (const e of batch) hooks.drop_(e, verdict.drop, 'rejected')
      } else {
        hooks.count_('retries', batch.length)
        if (verdict.everyTab) pauseAll(verdict.at)
        else (until = verdict.at), failures++
      }
    })
  }

  const send = async (batch: Entry[], keepalive: boolean) => {
    for (const e of batch) e.sending_ = true
    inflight++
    lastSend = Date.now()
    const { url, body } = request(batch)
    hooks.count_('requests')
    hooks.count_('bytes', body.length)
    const res = await post(url, body, headers(), { ...cfg.init_, keepalive })
    inflight--
    await settle(batch, res)
    for (const e of batch) e.sending_ = false
    pump(false)
  }

  const pump = (partial: unknown = true, leaving = hooks.leaving_()): void => {
    if (partial === true) pending = 0
    while (inflight < cfg.maxInFlight_ && !judging && !offline()) {
      // (offline: the 'online' event pumps again)
      const wait = notBefore() - Date.now()
      if (wait > 0) return later(wait)
      // A page on its way out sends with keepalive (within its budget), so the request outlives the page.
      const batch = take(leaving ? KEEPALIVE_ROOM : MAX_BATCH_BYTES, false)
      if (!batch.length) return
      let bytes = 0
      for (const e of batch) bytes += e.bytes_!
      if (partial !== true && batch.length < batchSize && bytes < MAX_BATCH_BYTES / 2) return later(flushInterval)
      void send(batch, leaving)
    }
  }

  return {
    kick_() {
      // A full batch, or the first event after a quiet spell, waits one macrotask so the events of
      // the same pipeline slice join it; the rest gather for flushInterval. The first event of a
      // page therefore leaves at once, and bursts still share requests.
      const idle = cfg.leadingFlush_ && !inflight && Date.now() - lastSend >= flushInterval
      if ((++pending >= batchSize || idle) && !inflight) later(0)
      else if (!timer) later(flushInterval)
    },
    pump_: pump,
    hide_(leaving) {
      // Send first (the sooner it leaves, the likelier its answer is recorded), then save state.
      const paused = judging || offline() || notBefore() > Date.now()
      const first = paused ? [] : take(KEEPALIVE_ROOM, leaving)
      if (first.length) void send(first, true)
      outbox.persist_()
      for (let n = 0; leaving && !paused && n < 16; n++) {
        const batch = take(KEEPALIVE_ROOM, true)
        if (!batch.length) return
        const { url, body } = request(batch)
        if (!beacon(url, body)) return
        for (const e of batch) e.sending_ = true // on its way; stays stored until a later page has an answer
        hooks.count_('beacons')
        hooks.count_('bytes', body.length)
      }
    },
    stop_: () => clearTimeout(timer),
  }
}
