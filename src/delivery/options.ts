// The delivery settings a page can give: `options.delivery` (Switchboard) and the
// `Segment.io` integration entry (Analytics.js 2.0 names). Read by resolveConfig().

/** `load(settings, { delivery })`: outbox bounds and upload tuning. See docs/delivery.md. */
export interface DeliveryOptions {
  /** Ready events that trigger a request at once (default 100). */
  batchSize?: number
  /** ms a smaller batch waits for more events (default 1000). */
  flushInterval?: number
  /** Send the first event after a quiet spell at once (default true). */
  leadingFlush?: boolean
  /** Send context fields common to a batch once, in the batch's `context` (default true). */
  shareContext?: boolean
  /** Requests in flight at once (default 3 batching, 6 one by one). */
  maxInFlight?: number
  /** Events in one request at most (default 1000; the 500 KB request limit also applies). */
  maxBatchEvents?: number
  /** Outbox bounds: older or further events are dropped, oldest first, and counted. */
  maxAge?: number
  maxEvents?: number
  maxBytes?: number
  /** localStorage key of the outbox (default `sb:outbox:<writeKey>`). */
  storageKey?: string
  /** Retry timing, ms. */
  baseBackoff?: number
  maxBackoff?: number
  maxRetryAfter?: number
}

/** The `Segment.io` entry of `integrations` (load option or CDN settings), as Analytics.js 2.0 reads it. */
export interface SegmentioOptions {
  apiKey?: string
  /** Host and path of the tracking API (default `api.segment.io/v1`); may carry a scheme. */
  apiHost?: string
  protocol?: 'http' | 'https'
  retryQueue?: boolean
  deliveryStrategy?: {
    strategy?: 'standard' | 'batching'
    config?: {
      size?: number
      timeout?: number
      keepalive?: boolean
      headers?: Record<string, string> | (() => Record<string, string>)
      credentials?: 'omit' | 'same-origin' | 'include'
      priority?: 'high' | 'low' | 'auto'
    }
  }
  httpConfig?: {
    rateLimitConfig?: { maxRetryInterval?: number }
    backoffConfig?: { baseBackoffInterval?: number; maxBackoffInterval?: number; statusCodeOverrides?: Record<string, 'retry' | 'drop'> }
  }
}
