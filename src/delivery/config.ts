// Delivery settings: the CDN/init `Segment.io` entry plus Switchboard's `options.delivery`. Pure.
import type { InitOptions } from '../core/options'

export interface DeliveryConfig {
  writeKey_: string
  apiHost_: string
  /** `${protocol}://${apiHost}` (apiHost may already carry a scheme). */
  base_: string
  batching_: boolean
  /** This many ready events trigger a request at once; fewer wait `flushInterval`. */
  batchSize_: number
  flushInterval_: number
  /** Send the first event after a quiet spell at once instead of after flushInterval. */
  leadingFlush_: boolean
  /** Send context fields common to a batch once, in the envelope's `context`. */
  shareContext_: boolean
  maxInFlight_: number
  maxBatchEvents_: number
  /** Outbox bounds: older or further events are dropped, oldest first, and counted. */
  maxAge_: number
  maxEvents_: number
  maxBytes_: number
  storageKey_: string
  persist_: boolean
  /** Status codes the settings treat otherwise ('retry' | 'drop'); the rest of the retry policy loads on a failure (failures.ts). */
  overrides_: Record<string, unknown>
  headers_?: Record<string, string> | (() => Record<string, string>)
  init_: RequestInit
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && v >= 0 ? v : fallback)

export function resolveConfig(settings: Record<string, any>, options: InitOptions, loadWriteKey: string): DeliveryConfig {
  const d = (options.delivery ?? {}) as Record<string, any>
  const strategy = settings.deliveryStrategy ?? {}
  const sc = strategy.config ?? {}
  const http = settings.httpConfig ?? {}
  const writeKey = settings.apiKey || loadWriteKey
  const apiHost: string = settings.apiHost || 'api.segment.io/v1'
  const batching = strategy.strategy !== 'standard'
  return {
    writeKey_: writeKey,
    apiHost_: apiHost,
    base_: /^https?:\/\//.test(apiHost) ? apiHost : `${settings.protocol === 'http' ? 'http' : 'https'}://${apiHost}`,
    batching_: batching,
    batchSize_: batching ? num(sc.size ?? d.batchSize, 100) : 1,
    // 1 s: a click's burst of calls shares one request, yet nothing waits long; the outbox
    // already holds every event, so waiting costs no safety, only latency.
    flushInterval_: num(sc.timeout ?? d.flushInterval, 1000),
    // The first event of a page (or after a quiet spell) should not wait a whole interval.
    leadingFlush_: d.leadingFlush !== false,
    // messages.md §5.2: the API merges the envelope's context under each message's own.
    shareContext_: d.shareContext !== false,
    maxInFlight_: num(d.maxInFlight, batching ? 3 : 6),
    maxBatchEvents_: num(d.maxBatchEvents, 1000),
    maxAge_: num(d.maxAge, 7 * 24 * 3600_000),
    maxEvents_: num(d.maxEvents, 20_000),
    // Chars of stored JSON. Browsers' localStorage quota (about 5M chars) usually binds first;
    // beyond it events are kept in memory and counted as not persisted.
    maxBytes_: num(d.maxBytes, 16_000_000),
    storageKey_: d.storageKey || `sb:outbox:${loadWriteKey}`,
    persist_: !options.disableClientPersistence,
    overrides_: http.backoffConfig?.statusCodeOverrides ?? {},
    headers_: sc.headers,
    init_: { credentials: sc.credentials, priority: sc.priority } as RequestInit,
  }
}
