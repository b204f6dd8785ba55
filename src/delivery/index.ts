// The Segment.io destination: every event goes into the write-ahead outbox, and the uploader
// delivers it in batches until the tracking API has acknowledged or rejected it for good.
import { Context } from '../core/context'
import type { Analytics } from '../core/analytics'
import type { InitOptions } from '../core/options'
import type { Plugin } from '../core/plugin'
import type { UserLike } from '../identity/types'
import { SEGMENT_IO, VERSION } from '../core/constants'
import { isDestinationEnabled } from '../core/integrations'
import { randomId } from '../lib/random-id'
import { preconnect } from '../lib/preconnect'
import { MAX_MESSAGE_BYTES } from './batcher'
import { resolveConfig } from './config'
import { bundleMetadata, toWire } from './normalize'
import { createOutbox, type Entry } from './outbox'
import { createUploader } from './uploader'
import { withExtras } from '../browser/extend'
import { watchPage } from './page-lifecycle'
import { announceTab } from './tab-presence'
import { hasLeftovers } from './leftovers'
import { createStats } from './stats'

export type { DeliveryStats } from './stats'

/** Without a first event to wait for, looking for what other tabs left starts this long after load. */
const ADOPTION_DELAY_MS = 1000
/** Until some are found, storage is checked for events other tabs left this often. */
const LEFTOVER_SCAN_MS = 5000

/** The Segment.io plugin, with what tests and diagnostics read from it. */
export interface SegmentioPlugin extends Plugin {
  metadata: { writeKey: string; apiHost: string; protocol: string }
  stats: ReturnType<typeof createStats>
  /**
   * Sends what is ready now, with keepalive: for pages about to go (trackLink, trackForm). A page
   * that already knows it is leaving (or hidden) sends from its next task instead.
   */
  flush(): unknown
}

function storage(): Storage | undefined {
  try {
    const ls = globalThis.localStorage
    ls.setItem('sb:probe', '1')
    ls.removeItem('sb:probe')
    return ls
  } catch {
    return undefined
  }
}

export function segmentio(
  analytics: Analytics,
  settings: Record<string, any> = {},
  options: InitOptions = {},
  cdnIntegrations?: Record<string, any>,
): SegmentioPlugin {
  const cfg = resolveConfig(settings, options, analytics.settings.writeKey)
  const meta = bundleMetadata(cdnIntegrations, settings)
  const ls = cfg.persist_ ? storage() : undefined
  const tab = randomId()
  const stats = createStats()
  const count = (stat: string, n = 1) => (stats[stat as keyof typeof stats] += n)
  /** Ids delivered or dropped while still in this tab's pipeline: their final form must not come back. */
  const gone = new Set<string>()

  const contextOf = (e: Entry) => e.ctx_ ?? new Context(e.event_, e.id)

  const drop = (e: Entry, reason: string, stat: string) => {
    if (e.inPipeline_) gone.add(e.id)
    outbox.remove_(e)
    count(stat)
    count('dropped')
    const ctx = contextOf(e)
    ctx.setFailedDelivery({ reason })
    ctx.stats.increment(`delivery_${stat}`)
    ctx.log('error', `${SEGMENT_IO}: ${reason}`)
    const failure = { code: 'delivery_failure', reason, ctx }
    analytics.emit('delivery_failure', failure)
    analytics.emit('error', failure)
  }

  const outbox = createOutbox(ls, cfg.storageKey_, tab, cfg, { drop_: drop, count_: count })
  // Before anything is written: no other tab may take this tab's events while it lives.
  const leave = ls ? announceTab(cfg.storageKey_, tab, ls) : () => {}

  /** The current user, read once per task: reading it costs cookie and storage reads. */
  let who: UserLike | undefined
  const user = (): UserLike | undefined => {
    if (!who) {
      const u = analytics.user?.()
      if (!u) return undefined
      const id = u.id()
      const anon = u.anonymousId()
      who = { id: () => id, anonymousId: () => anon } as UserLike
      setTimeout(() => (who = undefined))
    }
    return who
  }

  /**
   * Wire form with its JSON. An event that cannot be serialised (a middleware or plugin made it
   * circular, or gave it a BigInt) or is over the API's 32 KB limit is dropped with the reason.
   */
  const wire = (e: Entry): boolean => {
    if (!e.wireForm_) {
      e.event_ = toWire(e.event_, cfg.writeKey_, user(), meta)
      e.wireForm_ = true
      e.json_ = undefined
    }
    if (!outbox.wireJson_(e)) return false
    if (e.bytes_! <= MAX_MESSAGE_BYTES) return true
    drop(e, `message is ${e.bytes_} bytes; the tracking API accepts at most ${MAX_MESSAGE_BYTES}`, 'oversize')
    return false
  }

  const uploader = createUploader(outbox, cfg, {
    wire_: wire,
    drop_: drop,
    count_: count,
    leaving_: () => page.leaving(),
    // Comes with the on-demand parts, the first time a request fails.
    judge_: () => withExtras(analytics, (x) => x.failureJudge(settings, options), undefined),
    acked_(e) {
      if (e.inPipeline_) gone.add(e.id)
      outbox.remove_(e)
      // A page on its way out may be gone before a lazy write: record the ack now, or the next page resends it.
      if (page.leaving()) outbox.persist_()
      analytics.emit('delivery_success', contextOf(e))
    },
  })

  // Write-ahead: the message is stored as accepted, at call time, before any plugin runs.
  const onStart = (ctx: Context) => {
    if (!isDestinationEnabled(ctx.event?.integrations, SEGMENT_IO)) return
    count('accepted')
    const e: Entry = { id: ctx.id, event_: ctx.event, acceptedAt_: Date.now(), inPipeline_: true, ctx_: ctx }
    // Refused by the call itself (over the API's limit): counted and reported, never stored.
    const failed = ctx.failedDelivery()
    if (failed) drop(e, failed.reason as string, 'oversize')
    else outbox.add_(e)
  }
  const onEnd = (ctx: Context) => {
    gone.delete(ctx.id)
    const e = outbox.items_.get(ctx.id)
    if (!e) return
    // Never reached this destination (cancelled, filtered, dropped by middleware): not ours to send.
    if (!e.wireForm_ && !e.sending_) outbox.remove_(e)
    else e.inPipeline_ = false
  }

  const deliver = (ctx: Context): Context => {
    const id = ctx.id
    let e = outbox.items_.get(id)
    if (gone.has(id) || e?.sending_) return ctx // already delivered, or on its way as accepted (page hide)
    const isNew = !e
    e ??= { id, acceptedAt_: Date.now(), event_: ctx.event }
    // Its final form replaces the accepted one, in wire form (or it is dropped, too large).
    e.event_ = ctx.event
    e.wireForm_ = false
    e.ctx_ = ctx
    if (!wire(e)) return ctx
    if (isNew) outbox.add_(e)
    else outbox.update_(e)
    uploader.kick_()
    // After the first request has left (it was scheduled first), not before it.
    if (!adoptionDue) (adoptionDue = true), clearTimeout(adoptionTimer), (adoptionTimer = setTimeout(lookForLeftovers))
    return ctx
  }

  // Events other tabs and earlier pages left are no part of this page's first event. Once that
  // event is on its way (or a second after load), and every SCAN_MS after, storage is checked for
  // them; only when there are some does the code that takes them over load. One timer at a time.
  let adoptionDue = false
  let adoptionTimer = setTimeout(lookForLeftovers, ADOPTION_DELAY_MS)
  let stopAdoption = () => {}
  let unloaded = false
  function lookForLeftovers() {
    adoptionDue = true
    const again = () => !unloaded && (adoptionTimer = setTimeout(lookForLeftovers, LEFTOVER_SCAN_MS))
    // Without storage there is nothing anyone could have left.
    if (!ls) return
    if (!hasLeftovers(ls, cfg.storageKey_, tab, analytics.settings.writeKey)) return void again()
    // The code comes with the on-demand parts (extras.js).
    void withExtras(analytics, (x) => x.startAdoption, undefined).then((start) => {
      // Not loaded (offline, blocked): the events stay safe in storage; look again later.
      if (!start) return void again()
      if (unloaded) return
      stopAdoption = start(ls, cfg.storageKey_, tab, analytics.settings.writeKey, outbox.take_, count, (n) => {
        count('adopted', n)
        if (n) uploader.pump_()
      })
    })
  }
  const page = watchPage({ hide: uploader.hide_, online: () => uploader.pump_() })
  analytics.on('dispatch_start', onStart)
  analytics.on('dispatch_end', onEnd)

  return {
    name: SEGMENT_IO,
    type: 'destination',
    version: VERSION,
    isLoaded: () => true,
    // Registered (at once, or when consent allows it): the first batch should not pay for a new connection.
    load: () => preconnect(cfg.base_),
    track: deliver,
    page: deliver,
    identify: deliver,
    group: deliver,
    alias: deliver,
    screen: deliver,
    metadata: { writeKey: cfg.writeKey_, apiHost: cfg.apiHost_, protocol: settings.protocol ?? 'https' },
    stats,
    flush: () => page.leaving() || uploader.pump_(true, true),
    unload() {
      unloaded = true
      clearTimeout(adoptionTimer)
      outbox.persist_()
      analytics.off('dispatch_start', onStart)
      analytics.off('dispatch_end', onEnd)
      page.stop()
      stopAdoption()
      leave()
      uploader.stop_()
      outbox.stop_()
    },
  }
}
