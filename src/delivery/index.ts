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
import { startAdoption } from './adoption'
import { watchPage } from './page-lifecycle'
import { createStats } from './stats'

export type { DeliveryStats } from './stats'

/** The Segment.io plugin, with what tests and diagnostics read from it. */
export interface SegmentioPlugin extends Plugin {
  metadata: { writeKey: string; apiHost: string; protocol: string }
  stats: ReturnType<typeof createStats>
  /** Sends what is ready now (tests, and pages that know they are about to go). */
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
  // The API host is known from here on: the first batch should not pay for a new connection.
  preconnect(cfg.base)
  const meta = bundleMetadata(cdnIntegrations, settings)
  const ls = cfg.persist ? storage() : undefined
  const tab = randomId()
  const stats = createStats()
  const count = (stat: string, n = 1) => (stats[stat as keyof typeof stats] += n)
  /** Ids delivered or dropped while still in this tab's pipeline: their final form must not come back. */
  const gone = new Set<string>()

  const drop = (e: Entry, reason: string, stat: string) => {
    if (e.live) gone.add(e.id)
    outbox.remove(e)
    count(stat)
    count('dropped')
    const ctx = e.ctx ?? new Context(e.ev, e.id)
    ctx.setFailedDelivery({ reason })
    ctx.stats.increment(`delivery_${stat}`)
    ctx.log('error', `${SEGMENT_IO}: ${reason}`)
    const failure = { code: 'delivery_failure', reason, ctx }
    analytics.emit('delivery_failure', failure)
    analytics.emit('error', failure)
  }

  const outbox = createOutbox(ls, cfg.storageKey, tab, cfg, { drop, count })

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

  /** Wire form with its JSON; an event over the API's 32 KB limit is dropped with the reason. */
  const wire = (e: Entry): boolean => {
    if (!e.f) {
      e.ev = toWire(e.ev, cfg.writeKey, user(), meta)
      e.f = true
      e.j = undefined
    }
    outbox.json(e)
    if (e.b! <= MAX_MESSAGE_BYTES) return true
    drop(e, `message is ${e.b} bytes; the tracking API accepts at most ${MAX_MESSAGE_BYTES}`, 'oversize')
    return false
  }

  const uploader = createUploader(outbox, cfg, {
    wire,
    drop,
    count,
    acked(e) {
      if (e.live) gone.add(e.id)
      outbox.remove(e)
      // A page on its way out may be gone before a lazy write: record the ack now, or the next page resends it.
      if (page.leaving()) outbox.persist()
    },
  })

  // Write-ahead: the message is stored as accepted, at call time, before any plugin runs.
  const onStart = (ctx: Context) => {
    if (!isDestinationEnabled(ctx.event?.integrations, SEGMENT_IO)) return
    count('accepted')
    outbox.add({ id: ctx.id, ev: ctx.event, t: Date.now(), live: true, ctx })
  }
  const onEnd = (ctx: Context) => {
    gone.delete(ctx.id)
    const e = outbox.items.get(ctx.id)
    if (!e) return
    // Never reached this destination (cancelled, filtered, dropped by middleware): not ours to send.
    if (!e.f && !e.busy) outbox.remove(e)
    else e.live = false
  }

  const deliver = (ctx: Context): Context => {
    const id = ctx.id
    let e = outbox.items.get(id)
    if (gone.has(id) || e?.busy) return ctx // already delivered, or on its way as accepted (page hide)
    const isNew = !e
    e ??= { id, t: Date.now(), ev: ctx.event }
    e.ev = toWire(ctx.event, cfg.writeKey, user(), meta)
    e.f = true
    e.j = undefined
    e.ctx = ctx
    if (isNew) outbox.add(e)
    else outbox.update(e)
    if (wire(e)) uploader.kick()
    return ctx
  }

  const stopAdoption = startAdoption(outbox, tab, cfg.storageKey, analytics.settings.writeKey, (n) => {
    count('adopted', n)
    if (outbox.items.size) uploader.pump()
  })
  const page = watchPage({ hide: uploader.hide, online: () => uploader.pump() })
  analytics.on('dispatch_start', onStart)
  analytics.on('dispatch_end', onEnd)

  return {
    name: SEGMENT_IO,
    type: 'destination',
    version: VERSION,
    isLoaded: () => true,
    load: () => undefined,
    track: deliver,
    page: deliver,
    identify: deliver,
    group: deliver,
    alias: deliver,
    screen: deliver,
    metadata: { writeKey: cfg.writeKey, apiHost: cfg.apiHost, protocol: settings.protocol ?? 'https' },
    stats,
    /** Sends what is ready now (tests, and pages that know they are about to go). */
    flush: () => uploader.pump(),
    unload() {
      outbox.persist()
      analytics.off('dispatch_start', onStart)
      analytics.off('dispatch_end', onEnd)
      page.stop()
      stopAdoption()
      uploader.stop()
      outbox.stop()
    },
  }
}
