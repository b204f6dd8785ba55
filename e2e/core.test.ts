import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'

let browser: Browser
let env: Environment
let server: { url: string; close(): Promise<void> }

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment({ dataDir: `/tmp/switchboard-e2e-core-${process.pid}` }))
})
afterAll(async () => {
  await env?.close()
})

async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (err) => pageErrors.push(err.message))
  await page.goto(`${server.url}/e2e/fixtures/core/index.html`)
  await page.waitForFunction(() => (window as any).analytics?.initialized === true, null, { timeout: 15_000 })
  return { page, pageErrors }
}

describe('standalone bundle in Chromium', () => {
  it('a registered destination plugin receives the spec message from track()', async () => {
    const { page, pageErrors } = await openPage()
    const received = await page.evaluate(async () => {
      const analytics = (window as any).analytics
      const events: unknown[] = []
      await analytics.register({
        name: 'Recorder',
        type: 'destination',
        version: '1.0.0',
        isLoaded: () => true,
        load: () => Promise.resolve(),
        track: (ctx: any) => {
          events.push(JSON.parse(JSON.stringify(ctx.event)))
          return ctx
        },
      })
      await analytics.track('Button Clicked', { color: 'blue', n: 2 }, { context: { ip: '203.0.113.7' } })
      return events
    })
    expect(received).toHaveLength(1)
    const msg = received[0] as Record<string, any>
    expect(msg).toMatchObject({
      type: 'track',
      event: 'Button Clicked',
      properties: { color: 'blue', n: 2 },
      context: {
        ip: '203.0.113.7',
        library: { name: 'analytics.js' },
        page: { path: '/e2e/fixtures/core/index.html', title: 'Core e2e', url: `${server.url}/e2e/fixtures/core/index.html` },
        userAgent: expect.stringContaining('Chrome'),
      },
    })
    expect(msg.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(msg.anonymousId).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Date(msg.timestamp).toISOString()).toBe(msg.timestamp)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  it('a throwing plugin leaves window.onerror untouched and other destinations working', async () => {
    const { page, pageErrors } = await openPage()
    const result = await page.evaluate(async () => {
      const analytics = (window as any).analytics
      const good: string[] = []
      const base = { type: 'destination', version: '1.0.0', isLoaded: () => true }
      await analytics.register(
        { ...base, name: 'ThrowsOnLoad', load: () => { throw new Error('load bug') } },
        { ...base, name: 'ThrowsOnTrack', load: () => Promise.resolve(), track: () => { throw new Error('track bug') } },
        { ...base, name: 'RejectsOnTrack', load: () => Promise.resolve(), track: () => Promise.reject(new Error('async bug')) },
        { ...base, name: 'Good', load: () => Promise.resolve(), track: (ctx: any) => { good.push(ctx.event.event); return ctx } },
      )
      const ctx = await analytics.track('After Bugs')
      await analytics.track(null)
      await new Promise((r) => setTimeout(r, 200))
      return { good, errors: (window as any).__errors, failed: analytics.failedInitializations, stats: ctx.stats.metrics.map((m: any) => m.metric) }
    })
    expect(result.good).toEqual(['After Bugs'])
    expect(result.errors).toEqual([])
    expect(result.failed).toContain('ThrowsOnLoad')
    expect(result.stats.filter((m: string) => m === 'plugin_error')).toHaveLength(2)
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
