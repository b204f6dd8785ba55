// The two snippets load the standalone bundle from the dev server, which replays the calls made
// before it arrived and delivers them to the collector.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
// @ts-expect-error the official snippet ships without ESM types for this path
import * as segmentSnippet from '@segment/snippet'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Message, type Server } from './fixtures/snippet/harness'

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

const PRE_LOAD_CALLS = `
  <script>
    analytics.identify('user-7', { plan: 'pro' });
    history.pushState({}, '', '/checkout?step=2');
    document.title = 'Checkout';
    analytics.track('Checkout Started', { total: 42 });
  </script>`

/** The page: snippet, then calls made right away, long before the held-back bundle arrives. */
async function openWithHeldBundle(page: Page, url: string, snippet: string, bundlePattern: string | RegExp, rewrite?: (u: string) => string) {
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  await page.route(bundlePattern, async (route) => {
    await released
    if (rewrite) await route.fulfill({ response: await route.fetch({ url: rewrite(route.request().url()) }) })
    else await route.continue()
  })
  await servePage(page, url, html(`<script>${snippet}</script>${PRE_LOAD_CALLS}`))
  await page.goto(url, { referer: 'https://referrer.example.org/', waitUntil: 'domcontentloaded' })
  const queued = await page.evaluate(() => ((window as any).analytics as unknown[]).length)
  release()
  return queued
}

function expectReplayed(messages: Message[], startUrl: string) {
  expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'identify', 'Checkout Started'])
  const [page, identify, track] = messages
  // The initial page() has the full context of the page as it was when the snippet ran.
  expect(page.context.page).toEqual({
    path: '/start',
    referrer: 'https://referrer.example.org/',
    search: '?utm_source=newsletter',
    title: 'Start page',
    url: startUrl,
  })
  expect(page.properties).toMatchObject({ path: '/start', title: 'Start page', url: startUrl })
  expect(page.context.campaign).toEqual({ source: 'newsletter' })
  expect(typeof page.context.userAgent).toBe('string')
  expect(page.context.library?.name).toBeTruthy()
  expect(typeof page.context.locale).toBe('string')
  expect(typeof page.anonymousId).toBe('string')
  expect(identify.context.page.path).toBe('/start')
  // The track was made after the URL changed: it reports the page of its call time.
  expect(track.context.page).toMatchObject({ path: '/checkout', search: '?step=2', title: 'Checkout' })
  expect(track.userId).toBe('user-7')
  expect(track.anonymousId).toBe(page.anonymousId)
}

describe('snippets load the standalone bundle', () => {
  it("Segment's official snippet (only the host changed) loads Switchboard and replays its buffer", async () => {
    const writeKey = uniqueKey('official')
    const snippet = segmentSnippet.min({ apiKey: writeKey, host: 'cdn.switchboard.test', page: true })
    const page = await browser.newPage()
    // The official snippet always uses https; this host is answered by the dev server.
    const rewrite = (u: string) => u.replace('https://cdn.switchboard.test', server.url)
    await page.route('https://cdn.switchboard.test/v1/**', async (route) => route.fulfill({ response: await route.fetch({ url: rewrite(route.request().url()) }) }))
    const url = `${server.url}/start?utm_source=newsletter`
    const queued = await openWithHeldBundle(page, url, snippet, 'https://cdn.switchboard.test/analytics.js/**', rewrite)
    expect(queued).toBe(3)
    const messages = await waitForMessages(server, (all) => all.length >= 3)
    expectReplayed(messages, url)
    const state = await page.evaluate(() => ({
      initialized: (window as any).analytics.initialized,
      isArray: Array.isArray((window as any).analytics),
      writeKey: (window as any).analytics.settings.writeKey,
      cdn: (window as any).analytics.settings.cdnURL,
    }))
    expect(state).toEqual({ initialized: true, isArray: false, writeKey, cdn: 'https://cdn.switchboard.test' })
    await page.close()
  })

  it("Switchboard's own snippet loads the bundle over http for local development", async () => {
    const writeKey = uniqueKey('own')
    const page = await browser.newPage()
    const url = `${server.url}/start?utm_source=newsletter`
    const queued = await openWithHeldBundle(page, url, renderSnippet({ writeKey, host: server.url }), /\/analytics\.js\/v1\//)
    expect(queued).toBe(3)
    const messages = await waitForMessages(server, (all) => all.length >= 3)
    expectReplayed(messages, url)
    // Calls after load go straight to the instance, including through a stale stub reference.
    await page.waitForFunction(() => (window as any).analytics.initialized === true)
    await page.evaluate(() => (window as any).analytics.track('After Load'))
    const all = await waitForMessages(server, (m) => m.some((x) => x.event === 'After Load'))
    expect(all.filter((m) => m.event === 'After Load')).toHaveLength(1)
    await page.close()
  })

  it('honours a custom global key', async () => {
    const writeKey = uniqueKey('key')
    const page = await browser.newPage()
    const url = `${server.url}/custom-key`
    await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url, globalAnalyticsKey: 'sb' })}; sb.track('Custom Key')</script>`))
    await page.goto(url)
    await page.waitForFunction(() => (window as any).sb?.initialized === true, undefined, { timeout: 15_000 })
    const messages = await waitForMessages(server, (all) => all.length >= 2)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'Custom Key'])
    expect(await page.evaluate(() => typeof (window as any).analytics)).toBe('undefined')
    await page.close()
  })

  it('works on a strict-CSP page: the snippet nonce carries over to the bundle and the plugins it loads', async () => {
    const writeKey = uniqueKey('csp')
    await fetch(`${server.url}/__sb/settings/${writeKey}`, {
      method: 'PUT',
      body: JSON.stringify({
        integrations: { 'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' } },
        remotePlugins: [{ name: 'Fake Destination', libraryName: 'fakeDestination', url: `${server.url}/e2e/fixtures/snippet/fake-destination.js`, settings: { a: 1 } }],
      }),
    })
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text())
    })
    const url = `${server.url}/csp`
    const nonce = 'r4nd0m-n0nce'
    await servePage(page, url, html(`<script nonce="${nonce}">${renderSnippet({ writeKey, host: server.url })}; analytics.track('Under CSP')</script>`), {
      'Content-Security-Policy': `script-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'`,
    })
    await page.goto(url)
    const messages = await waitForMessages(server, (all) => all.length >= 2)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'Under CSP'])
    await page.waitForFunction(() => ((window as any).__fakeCalls ?? []).length >= 2, undefined, { timeout: 15_000 })
    expect(await page.evaluate(() => (window as any).__fakeCalls.map((c: any) => c.event ?? c.type))).toEqual(['page', 'Under CSP'])
    expect(violations).toEqual([])
    await page.close()
  })

  it('with load: false nothing loads until the page calls analytics.load() (consent), then the buffer is delivered', async () => {
    const writeKey = uniqueKey('consent')
    const page = await browser.newPage()
    const bundleRequests: string[] = []
    page.on('request', (r) => r.url().includes('/analytics.js/v1/') && bundleRequests.push(r.url()))
    const url = `${server.url}/consent`
    await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url, load: false })}; analytics.track('Before Consent')</script>`))
    await page.goto(url)
    await page.waitForTimeout(300)
    expect(bundleRequests).toEqual([])
    await page.evaluate((key) => (window as any).analytics.load(key, { integrations: { All: true } }), writeKey)
    const messages = await waitForMessages(server, (all) => all.length >= 2)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'Before Consent'])
    expect(bundleRequests).toEqual([`${server.url}/analytics.js/v1/${writeKey}/analytics.min.js`])
    await page.close()
  })
})
