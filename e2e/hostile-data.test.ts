// Hostile data in a real browser: a huge event and a middleware that makes events circular each
// cost only themselves; every other event on the same page reaches the collector, and nothing is
// thrown into the page. Dates reach a device-mode plugin as Dates and the collector as ISO strings.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { arrived, control, openPage, routePages, uniqueKey, waitFor, type Server } from './fixtures/delivery/harness'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

/** A page with Switchboard loaded through the snippet, recording what the page itself sees go wrong. */
async function hostilePage(prefix: string): Promise<{ page: Page; writeKey: string; pageErrors: string[] }> {
  const writeKey = uniqueKey(prefix)
  const context = await browser.newContext()
  const page = await openPage(context, await routePages(context, server, writeKey))
  const pageErrors: string[] = []
  page.on('pageerror', (err) => pageErrors.push(String(err)))
  await page.evaluate(() => {
    const w = window as any
    w.__failures = []
    w.analytics.on('delivery_failure', (f: any) => w.__failures.push({ event: f.ctx.event.event ?? null, reason: String(f.reason) }))
    addEventListener('unhandledrejection', (e) => w.__failures.push({ unhandled: String(e.reason) }))
  })
  return { page, writeKey, pageErrors }
}

describe('one hostile event costs only itself', () => {
  it('a 17 MB property among normal events: refused at the call; every other event arrives', async () => {
    const { page, writeKey, pageErrors } = await hostilePage('big')
    const reason = await page.evaluate(async () => {
      const a = (window as any).analytics
      for (let i = 0; i < 5; i++) a.track('Normal ' + i, { i })
      const ctx = await a.track('Huge', { blob: 'x'.repeat(17 * 1024 * 1024) })
      for (let i = 5; i < 10; i++) a.track('Normal ' + i, { i })
      return String(ctx.failedDelivery()?.reason)
    })
    expect(reason).toMatch(/at most 32768/)
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 10)
    await page.waitForTimeout(1500) // anything else that was going to arrive would be here now
    const final = await arrived(server, writeKey)
    expect(final.messages.map((m) => m.event).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Normal ${i}`).sort())
    expect(final.requests.every((r) => r.status < 300)).toBe(true)
    expect(await page.evaluate(() => (window as any).__failures)).toEqual([{ event: null, reason: expect.stringMatching(/at most 32768/) }])
    expect(pageErrors).toEqual([])
    // The outbox holds nothing of it, and the page still has room for everything else.
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sb:outbox')).map((k) => localStorage.getItem(k)!.length))
    expect(Math.max(0, ...stored)).toBeLessThan(100_000)
    console.log(`big event: ${got.requests.length} request(s) carried the 10 normal events`)
    await page.context().close()
  })

  it('a source middleware that adds a circular reference (and one a BigInt): those events are dropped with a reason; the rest arrive and delivery goes on', async () => {
    const { page, writeKey, pageErrors } = await hostilePage('circ')
    await page.evaluate(async () => {
      const a = (window as any).analytics
      await a.addSourceMiddleware(({ payload, next }: any) => {
        if (payload.obj.event === 'Circular') payload.obj.properties.self = payload.obj
        if (payload.obj.event === 'Big Int') payload.obj.properties.id = BigInt(7)
        next(payload)
      })
      a.track('Before')
      a.track('Circular')
      a.track('Big Int')
      a.track('After')
    })
    await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 2)
    // Later events on the same page, in another task: still delivered, no reload needed.
    await page.waitForTimeout(1500)
    await page.evaluate(() => (window as any).analytics.track('Later'))
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 3)
    await page.waitForTimeout(1500)
    const final = await arrived(server, writeKey)
    expect(final.messages.map((m) => m.event).sort()).toEqual(['After', 'Before', 'Later'])
    const failures = await page.evaluate(() => (window as any).__failures)
    expect(failures).toEqual([
      { event: 'Circular', reason: expect.stringMatching(/cannot be serialised/) },
      { event: 'Big Int', reason: expect.stringMatching(/cannot be serialised/) },
    ])
    expect(pageErrors).toEqual([])
    console.log(`circular middleware: ${got.requests.length} request(s), failures: ${failures.map((f: any) => f.event).join(', ')}`)
    await page.context().close()
  })
})

describe('Dates', () => {
  it('a device-mode plugin registered with register() receives a Date; the collector receives the ISO string', async () => {
    const { page, writeKey } = await hostilePage('date')
    const seen = await page.evaluate(async () => {
      const a = (window as any).analytics
      const got: unknown[] = []
      await a.register({
        name: 'Date Recorder',
        type: 'destination',
        version: '1.0.0',
        isLoaded: () => true,
        load: () => Promise.resolve(),
        track: (ctx: any) => (got.push(ctx.event.properties.date instanceof Date, ctx.event.properties.date.getTime()), ctx),
      })
      await a.track('Booked', { date: new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 89)) })
      return got
    })
    expect(seen).toEqual([true, Date.UTC(2026, 2, 4, 5, 6, 7, 89)])
    const got = await waitFor(() => arrived(server, writeKey), (a) => a.unique >= 1)
    expect(got.messages[0].properties).toEqual({ date: '2026-03-04T05:06:07.089Z' })
    await page.context().close()
  })
})
