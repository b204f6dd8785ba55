import { dset } from 'dset'
import type { SegmentEvent } from './types'
import { randomId } from '../lib/random-id'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface LogMessage {
  level: LogLevel
  message: string
  time: number
  extras?: Record<string, unknown>
}

export interface Metric {
  metric: string
  value: number
  type: 'counter' | 'gauge'
  tags: string[]
  timestamp: number
}

/** Per-event counters and gauges (`ctx.stats`), shaped as Analytics.js 2.0's. */
export class Stats {
  metrics: Metric[] = []

  increment(metric: string, by = 1, tags: string[] = []): void {
    this.metrics.push({ metric, value: by, type: 'counter', tags, timestamp: Date.now() })
  }

  gauge(metric: string, value: number, tags: string[] = []): void {
    this.metrics.push({ metric, value, type: 'gauge', tags, timestamp: Date.now() })
  }

  /** Sum of a counter's values, for tests and diagnostics. */
  count(metric: string): number {
    let total = 0
    for (const m of this.metrics) if (m.metric === metric && m.type === 'counter') total += m.value
    return total
  }

}

export interface CancelationOptions {
  retry?: boolean
  reason?: string
  type?: string
}

/** Thrown (via `ctx.cancel()`) by a before plugin or middleware to stop an event. */
export class ContextCancelation {
  retry: boolean
  type: string
  reason: string

  constructor(options: CancelationOptions = {}) {
    this.retry = options.retry ?? true
    this.type = options.type ?? 'plugin Error'
    this.reason = options.reason ?? ''
  }
}

export interface FailedDelivery {
  reason: unknown
}

/** One event's journey: the message, its log, its stats and its delivery state. */
export class Context {
  event: SegmentEvent
  stats = new Stats()
  attempts = 0
  private _id: string
  private _logs: LogMessage[] = []
  private _failedDelivery?: FailedDelivery

  constructor(event: SegmentEvent, id: string = randomId()) {
    this.event = event
    this._id = id
  }

  static system(): Context {
    return new Context({
      type: 'track',
      event: 'system',
      messageId: randomId(),
      timestamp: new Date().toISOString(),
      context: {},
      integrations: {},
    })
  }

  get id(): string {
    return this._id
  }

  isSame(other: Context): boolean {
    return other.id === this.id
  }

  cancel(error?: unknown): never {
    if (error) throw error
    throw new ContextCancelation({ reason: 'Context Cancel' })
  }

  log(level: LogLevel, message: string, extras?: Record<string, unknown>): void {
    this._logs.push({ level, message, time: Date.now(), extras })
  }

  logs(): LogMessage[] {
    return this._logs
  }

  /** Sets a dot path on the event; never re-enables a destination the caller turned off. */
  updateEvent(path: string, value: unknown): SegmentEvent {
    if (path.split('.')[0] === 'integrations') {
      const name = path.split('.')[1]
      if (name && this.event.integrations?.[name] === false) return this.event
    }
    dset(this.event, path, value)
    return this.event
  }

  failedDelivery(): FailedDelivery | undefined {
    return this._failedDelivery
  }

  setFailedDelivery(options: FailedDelivery): void {
    this._failedDelivery = options
  }

  /** Prints the logs to the console (debug mode); they stay on the Context, as do the stats. */
  flush(): void {
    for (const { level, message, extras } of this._logs) {
      const fn = level === 'error' ? console.error : level === 'warn' ? console.warn : console.debug
      fn(`[switchboard] ${message}`, extras ?? '')
    }
  }

  toJSON() {
    return { id: this._id, event: this.event, logs: this._logs, metrics: this.stats.metrics }
  }
}
