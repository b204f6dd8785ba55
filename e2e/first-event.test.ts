// The first event of a page: nothing on its path but the bundle, the settings and the request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'
// @ts-expect-error plain ESM module without types
import { segmentShapedSettings } from './fixtures/settings/segment-shaped.mjs'

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

const apiHost = () => `${server.url.replace('http://', '')}/v1`
const TRACKING = /\/v1\/(batch|b|t|p|i|g|a|s|track|page|identify|group|alias|screen)$/

interface Seen {
  url: string
  type: string
}

/** Every request the page makes, in the order the browser issued them. */
function recordRequests(page: Page): Seen[] {
  const seen: Seen[] = []
  page.on('request', (r) => seen.push({ url: r.url(), type: r.resourceType() }))
  return seen
}

/** What was requested before the first request to the tracking API. */
function beforeFirstEvent(seen: Seen[]): Seen[] {
  const first = seen.findIndex((r) => r.url.startsWith(server.url) && TRACKING.test(new URL(r.url).pathname))
  expect(first, 'no tracking request was made').toBeGreaterThan(-1)
  return seen.slice(0, first)
}

async function open(page: Page, writeKey: string, body: string): Promise<void> {
  const url = `${server.url}/first-event-${writeKey}`
  await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url })}</script>`, `<script>${body}</script>`))
  await page.goto(url, { waitUntil: 'domcontentloaded' })
}

describe('the first event', () => {
  it('a plan with only the defaults every source has loads no second script', async () => {
    const writeKey = uniqueKey('plan-defaults')
    await control(server, 'PUT', `/settings/${writeKey}`, segmentShapedSettings({ writeKey, apiHost: apiHost(), protocol: 'http' }))
    const page = await browser.newPage()
    const seen = recordRequests(page)
    await open(page, writeKey, `analytics.track('Viewed Pricing')`)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Viewed Pricing'))
    expect(messages.find((m) => m.event === 'Viewed Pricing')!.integrations).toEqual({})
    const scripts = beforeFirstEvent(seen).filter((r) => r.type === 'script')
    expect(scripts.map((r) => new URL(r.url).pathname)).toEqual([`/analytics.js/v1/${writeKey}/analytics.min.js`])
    // Nor after it: nothing on this page needs the on-demand parts.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)))
    expect(seen.filter((r) => r.type === 'script')).toHaveLength(1)
    await page.close()
  })

  it('a plan with rules is enforced by the bundle itself: still one script before the first event', async () => {
    const writeKey = uniqueKey('plan-rules')
    const plan = { track: { __default: { enabled: true, integrations: {} }, 'Blocked Event': { enabled: false } } }
    await control(server, 'PUT', `/settings/${writeKey}`, segmentShapedSettings({ writeKey, apiHost: apiHost(), protocol: 'http', plan }))
    const page = await browser.newPage()
    const seen = recordRequests(page)
    await open(page, writeKey, `analytics.track('Blocked Event'); analytics.track('Allowed Event')`)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Allowed Event') && m.some((x) => x.event === 'Blocked Event'))
    expect(messages.find((m) => m.event === 'Blocked Event')!.integrations).toEqual({ All: false, 'Segment.io': true })
    expect(messages.find((m) => m.event === 'Allowed Event')!.integrations).toEqual({})
    expect(beforeFirstEvent(seen).filter((r) => r.type === 'script')).toHaveLength(1)
    expect(seen.some((r) => r.url.includes('/plugins/extras.js'))).toBe(false)
    await page.close()
  })
})
