// Test doubles for delivery: a recording fetch, a Web Locks manager, and a wired Analytics.
import { vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import { segmentio } from '../../src/delivery'
import { extras } from '../../src/extras'
import type { DeliveryStats } from '../../src/delivery'
import type { InitOptions } from '../../src/core/options'
import type { Plugin } from '../../src/core/plugin'

export interface Sent {
  url: string
  body: any
  raw: string
  headers: Record<string, string>
  keepalive?: boolean
  at: number
  status: number
}

export type Reply = { status: number; headers?: Record<string, string> } | 'network'

/** Replaces global fetch; `reply(n, body)` answers the n-th request (1-based), 200 by default. */
export function fakeFetch(reply: (n: number, body: any) => Reply = () => ({ status: 200 })) {
  const sent: Sent[] = []
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const raw = String(init.body)
    const body = JSON.parse(raw)
    const r = reply(sent.length + 1, body)
    sent.push({ url, body, raw, headers: init.headers as Record<string, string>, keepalive: init.keepalive, at: Date.now(), status: r === 'network' ? 0 : r.status })
    if (r === 'network') throw new TypeError('Failed to fetch')
    const h = new Map(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
    return { status: r.status, headers: { get: (k: string) => h.get(k.toLowerCase()) ?? null } }
  })
  vi.stubGlobal('fetch', fn)
  return sent
}

/**
 * Every message the fake API received (accepted ones only with `ok`), in order, as the API sees
 * it: a batch envelope's `context` merged under each message's own (messages.md §5.2).
 */
export const messages = (sent: Sent[], ok = false) =>
  sent
    .filter((s) => !ok || (s.status >= 200 && s.status < 300))
    .flatMap((s) =>
      Array.isArray(s.body.batch)
        ? s.body.batch.map((m: any) => (s.body.context ? { ...m, context: { ...s.body.context, ...m.context } } : m))
        : [s.body],
    )

/** Outbox rows in localStorage (all tabs). */
export function storedRows(prefix = 'sb:outbox:WK:'): any[][] {
  const rows: any[][] = []
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!
    if (key.startsWith(prefix)) rows.push(...JSON.parse(localStorage.getItem(key)!))
  }
  return rows
}

export interface Setup {
  analytics: Analytics
  plugin: Plugin & { stats: DeliveryStats; flush(): void }
}

export const SETTINGS = { apiKey: 'WK', apiHost: 'api.test/v1', protocol: 'https' }

/**
 * The on-demand parts, as a page that loaded extras.js has them; `reads` counts how often the
 * adoption code was asked for, and `missing` makes those asks fail (a load that did not work);
 * `judgeReads` and `judgeMissing` do the same for the code that judges a failed request.
 */
export const onDemand = { reads: 0, missing: false, judgeReads: 0, judgeMissing: false }
;(globalThis as { switchboardExtras?: unknown }).switchboardExtras = {
  ...extras,
  get startAdoption() {
    onDemand.reads++
    return onDemand.missing ? undefined : extras.startAdoption
  },
  get failureJudge() {
    onDemand.judgeReads++
    return onDemand.judgeMissing ? undefined : extras.failureJudge
  },
}

export async function setup(
  settings: Record<string, any> = {},
  options: InitOptions = {},
  cdn?: Record<string, any>,
): Promise<Setup> {
  // These tests time batches by the flush interval; the leading send has a test of its own.
  options = { ...options, delivery: { leadingFlush: false, ...(options.delivery as object) } }
  const analytics = new Analytics({ writeKey: 'WK' }, options)
  const plugin = segmentio(analytics, { ...SETTINGS, ...settings }, options, cdn) as Setup['plugin']
  await analytics.register(plugin)
  return { analytics, plugin }
}

/** A minimal exclusive-only LockManager shared by several "tabs". */
export class FakeLocks {
  held = new Map<string, () => void>()
  /** Requests waiting for a held lock, in order. */
  private waiting = new Map<string, (() => void)[]>()

  request(name: string, a: any, b?: any): Promise<unknown> {
    const opts = typeof a === 'function' ? {} : a
    const cb = typeof a === 'function' ? a : b
    if (this.held.has(name)) {
      if (opts.ifAvailable) return Promise.resolve(cb(null))
      return new Promise((resolve) => {
        const list = this.waiting.get(name) ?? []
        list.push(() => resolve(this.run(name, cb)))
        this.waiting.set(name, list)
      })
    }
    return this.run(name, cb)
  }

  private run(name: string, cb: (l: unknown) => unknown): Promise<unknown> {
    this.held.set(name, () => {})
    return Promise.resolve(cb({ name, mode: 'exclusive' })).then((v) => {
      this.held.delete(name)
      this.waiting.get(name)?.shift()?.()
      return v
    })
  }

  async query() {
    return { held: [...this.held.keys()].map((name) => ({ name, mode: 'exclusive' })), pending: [] }
  }
}
