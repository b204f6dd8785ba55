// Delivery in a real browser against the dev collector with injected faults: every accepted event
// arrives, through 5xx, rate limits, offline spells, reloads, navigation and several tabs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { arrived, control, openPage, ready, routePages, uniqueKey, waitFor, type Server } from './fixtures/delivery/harness'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
  await control(server, 'POST', '/faults', { clear: true }).catch(() => {})
})
afterAll(async () => {
  await env?.close()
})

const TRACK = (count: number, prefix: string) => `for (let i = 0; i < ${count}; i++) analytics.track('${prefix} ' + i, { i })`

describe('delivery', () => {
  it('first 3 requests answer 500 → every event arrives exactly once', async () => {
    const writeKey = uniqueKey('d500')
    const context = await browser.newContext()
    const page = await openPage(context, await routePages(context, server, writeKey))
    await control(server, 'POST', '/faults', { target: 'api', mode: '500', count: 3 })
    await page.evaluate(TRACK(10, 'Retry'))
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 10)
    await new Promise((r) => setTimeout(r, 1500)) // anything sent twice would show up now
    const final = await arrived(server, writeKey)
    expect(final.unique).toBe(10)
    expect(final.duplicates).toBe(0)
    expect(final.requests.filter((r) => r.status === 500)).toHaveLength(3)
    console.log(`500×3: ${got.requests.length} requests, statuses ${got.requests.map((r) => r.status).join(',')}`)
    await context.close()
  })

  it('429 with Retry-After: 3 → no request before 3 s', async () => {
    const writeKey = uniqueKey('d429')
    const context = await browser.newContext()
    const page = await openPage(context, await routePages(context, server, writeKey))
    await control(server, 'POST', '/faults', { target: 'api', mode: '429', count: 1, retryAfter: 3 })
    await page.evaluate(TRACK(3, 'Limited'))
    const first = await waitFor(() => arrived(server, writeKey), (a) => a.requests.length >= 1)
    const limitedAt = Date.parse(first.requests[0].at)
    expect(first.requests[0].status).toBe(429)
    // New events during the pause must wait too.
    await page.evaluate(TRACK(2, 'During pause'))
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 5, 15_000)
    const later = got.requests.slice(1).map((r) => Date.parse(r.at) - limitedAt)
    expect(Math.min(...later)).toBeGreaterThanOrEqual(3000)
    expect(got.duplicates).toBe(0)
    console.log(`429: next request ${Math.min(...later)} ms after the 429`)
    await context.close()
  })

  it('offline, 10 events, reload, online → all 10 arrive', async () => {
    const writeKey = uniqueKey('doff')
    const context = await browser.newContext()
    const url = await routePages(context, server, writeKey)
    const page = await openPage(context, url)
    await context.setOffline(true)
    expect(await page.evaluate(() => navigator.onLine)).toBe(false)
    await page.evaluate(TRACK(10, 'Offline'))
    await new Promise((r) => setTimeout(r, 1500))
    expect((await arrived(server, writeKey)).unique).toBe(0)
    await page.reload({ waitUntil: 'domcontentloaded' })
    await ready(page)
    await new Promise((r) => setTimeout(r, 1000))
    expect((await arrived(server, writeKey)).unique).toBe(0)
    await context.setOffline(false)
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 10)
    expect(got.messages.map((m) => m.event).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Offline ${i}`).sort())
    await new Promise((r) => setTimeout(r, 1000))
    expect((await arrived(server, writeKey)).duplicates).toBe(0)
    await context.close()
  })

  it('5 events then immediate navigation → all 5 arrive', async () => {
    const writeKey = uniqueKey('dnav')
    const context = await browser.newContext()
    const url = await routePages(context, server, writeKey)
    const page = await openPage(context, url)
    // The next page has no analytics on it: the events must leave with the page that took them.
    await page.evaluate(`${TRACK(5, 'Leaving')}; location.href = '${server.url}/__sb/messages'`)
    await page.waitForURL(/__sb\/messages/)
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 5, 10_000)
    expect(got.messages.map((m) => m.event).sort()).toEqual(['Leaving 0', 'Leaving 1', 'Leaving 2', 'Leaving 3', 'Leaving 4'])
    // Coming back: events whose answer the leaving page never saw are sent again (same messageIds,
    // so the server can drop them); nothing is sent more than that once more.
    await page.goto(url, { waitUntil: 'domcontentloaded' })
    await ready(page)
    await new Promise((r) => setTimeout(r, 2500))
    const back = await arrived(server, writeKey)
    console.log(`navigation: ${got.requests.length} request(s) carried the 5 events; ${back.duplicates} duplicates after coming back`)
    expect(back.unique).toBe(5)
    expect(back.duplicates).toBeLessThanOrEqual(5)
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => /^sb:outbox:[^~]*:/.test(k)).length)).toBe(0)
    await context.close()
  })

  it('two tabs sending 20 events each under intermittent failures → 40 arrive', async () => {
    const writeKey = uniqueKey('dtabs')
    const context = await browser.newContext()
    const url = await routePages(context, server, writeKey)
    const [a, b] = [await openPage(context, url), await openPage(context, url)]
    for (const mode of ['500', 'drop', '500', '500', 'drop']) await control(server, 'POST', '/faults', { target: 'api', mode, count: 1 })
    await Promise.all(
      [a, b].map(async (page, t) => {
        for (let i = 0; i < 4; i++) {
          await page.evaluate(TRACK(5, `Tab${t} round${i}`))
          await page.waitForTimeout(300)
        }
      }),
    )
    const got = await waitFor(() => arrived(server, writeKey), (x) => x.unique >= 40, 30_000)
    await new Promise((r) => setTimeout(r, 2000))
    const final = await arrived(server, writeKey)
    console.log(`two tabs: ${final.unique} unique, ${final.duplicates} duplicates, ${final.requests.length} requests (${final.requests.filter((r) => r.status !== 200).length} failed)`)
    expect(final.unique).toBe(40)
    expect(final.duplicates).toBe(0)
    expect(got.requests.some((r) => r.status !== 200)).toBe(true)
    await context.close()
  })

  it('a tab closed while its request hangs leaves its events to the other tab', async () => {
    const writeKey = uniqueKey('ddie')
    const context = await browser.newContext()
    const url = await routePages(context, server, writeKey)
    const [a, b] = [await openPage(context, url), await openPage(context, url)]
    await control(server, 'POST', '/faults', { target: 'api', mode: 'delay', delayMs: 8000, count: 1 })
    await a.evaluate(TRACK(5, 'Orphan'))
    const requests = () => a.evaluate(() => (window as any).analytics.plugins.find((p: any) => p.name === 'Segment.io').stats.requests)
    await waitFor(requests, (n) => n >= 1, 5000)
    await a.close() // mid-send: the request is still waiting on the server
    const got = await waitFor(() => arrived(server, writeKey), (x) => x.unique >= 5, 20_000)
    const adopted = await b.evaluate(() => (window as any).analytics.plugins.find((p: any) => p.name === 'Segment.io').stats.adopted)
    await new Promise((r) => setTimeout(r, 9000)) // the hung request has finished by now, one way or the other
    const final = await arrived(server, writeKey)
    console.log(`dead tab: ${final.unique} unique, ${final.duplicates} duplicates, adopted by the other tab: ${adopted}`)
    expect(got.messages.map((m) => m.event).sort()).toEqual(['Orphan 0', 'Orphan 1', 'Orphan 2', 'Orphan 3', 'Orphan 4'])
    expect(adopted).toBe(5)
    expect(final.unique).toBe(5)
    await context.close()
  }, 60_000)

  it('1000 events in a loop → all arrive; requests and bytes per event', async () => {
    const writeKey = uniqueKey('d1000')
    const context = await browser.newContext()
    const page = await openPage(context, await routePages(context, server, writeKey))
    const started = Date.now()
    await page.evaluate(TRACK(1000, 'Loop'))
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 1000, 30_000)
    const ms = Date.now() - started
    const bytes = got.requests.reduce((n, r) => n + r.bytes, 0)
    const stats = await page.evaluate(() => (window as any).analytics.plugins.find((p: any) => p.name === 'Segment.io')?.stats)
    console.log(
      `1000 events: ${got.requests.length} requests, ${(bytes / 1000).toFixed(0)} bytes/event, ${ms} ms, storage writes ${stats?.storageWrites}`,
    )
    expect(got.unique).toBe(1000)
    expect(got.duplicates).toBe(0)
    expect(got.requests.length).toBeLessThanOrEqual(20)
    await context.close()
  })

  it('a burst of 10,000 calls: all delivered, a handful of storage writes to accept (long tasks after the call are measured)', async () => {
    const writeKey = uniqueKey('d10k')
    const context = await browser.newContext()
    const page = await openPage(context, await routePages(context, server, writeKey))
    const started = Date.now()
    const burst = await page.evaluate(() => {
      const w = window as any
      w.__long = [] as { start: number; duration: number }[]
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: Math.round(e.duration) })
      }).observe({ type: 'longtask', buffered: false })
      const plugin = w.analytics.plugins.find((p: any) => p.name === 'Segment.io')
      const t0 = performance.now()
      for (let i = 0; i < 10_000; i++) w.analytics.track('Burst', { i })
      const calls = performance.now() - t0
      return new Promise<{ calls: number; task: number; writes: number; t0: number }>((resolve) =>
        setTimeout(() => resolve({ calls, task: performance.now() - t0, writes: plugin.stats.storageWrites, t0 }), 0),
      )
    })
    // Poll the page, not the collector: fetching 10,000 messages every 100 ms would slow the machine.
    const stats = () => page.evaluate(() => ({ ...(window as any).analytics.plugins.find((p: any) => p.name === 'Segment.io').stats }))
    const done = await waitFor(stats, (s) => s.delivered + s.dropped >= 10_000, 40_000)
    const ms = Date.now() - started
    expect(done.delivered).toBe(10_000)
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 10_000, 10_000).catch(async () => {
      const a = await arrived(server, writeKey)
      throw new Error(`collector has ${a.unique} unique of ${a.messages.length}; requests ${JSON.stringify(a.requests.map((r) => [r.status, r.count, (r as any).accepted, (r as any).rejected]))}`)
    })
    const after = await page.evaluate((t0) => {
      const w = window as any
      const plugin = w.analytics.plugins.find((p: any) => p.name === 'Segment.io')
      return { long: w.__long.filter((e: any) => e.start > t0 + 1), stats: plugin.stats }
    }, burst.t0 + burst.task)
    const bytes = got.requests.reduce((n, r) => n + r.bytes, 0)
    console.log(
      `10,000 burst: calls ${burst.calls.toFixed(0)} ms, calling task incl. outbox write ${burst.task.toFixed(0)} ms, ` +
        `${burst.writes} storage writes to accept, ${after.stats.storageWrites} in all; delivered in ${ms} ms with ` +
        `${got.requests.length} requests, ${(bytes / 10_000).toFixed(0)} bytes/event; long tasks after the call: ${JSON.stringify(after.long)}`,
    )
    expect(got.unique).toBe(10_000)
    expect(got.duplicates).toBe(0)
    expect(burst.writes).toBeLessThanOrEqual(10)
    expect(after.stats.notPersisted + after.stats.dropped).toBe(0)
    await context.close()
  })
})
