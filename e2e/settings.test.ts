// Settings from the CDN: failures and slowness never hold events back; remote plugins that
// fail are skipped; plan.track is honoured.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { collected, control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  // These tests are about the settings request itself, so the bundle route leaves the settings out.
  ;({ server, browser } = env = await startEnvironment({ inlineSettings: false }))
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

const apiHost = () => `${server.url.replace('http://', '')}/v1`
const segmentio = (writeKey: string) => ({ apiKey: writeKey, apiHost: apiHost(), protocol: 'http' })

async function open(page: Page, writeKey: string, body: string, load: Record<string, unknown> | boolean = true): Promise<void> {
  const url = `${server.url}/settings-page-${writeKey}`
  await servePage(page, url, html(`<script>${renderSnippet({ writeKey, host: server.url, load })}</script>`, `<script>${body}</script>`))
  await page.goto(url, { waitUntil: 'domcontentloaded' })
}

describe('CDN settings', () => {
  it('a settings 500 falls back to defaults and the events are still delivered', async () => {
    const writeKey = uniqueKey('s500')
    await control(server, 'POST', '/faults', { target: 'settings', mode: '500', count: 1 })
    const context = await browser.newContext()
    const page = await context.newPage()
    // Sites that proxy the API name it in the load options, so it is known without settings.
    await open(page, writeKey, `analytics.track('Despite 500')`, { integrations: { 'Segment.io': { apiHost: apiHost(), protocol: 'http' } } })
    const messages = await waitForMessages(server, (m) => m.length >= 2)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'Despite 500'])
    const { settingsRequests } = await collected(server)
    expect(settingsRequests.map((r: any) => r.status)).toEqual([500])
    await context.close()
  })

  it('a slow settings response is not waited for beyond settingsTimeout', async () => {
    const writeKey = uniqueKey('slow')
    await control(server, 'POST', '/faults', { target: 'settings', mode: 'delay', delayMs: 8000, count: 1 })
    const context = await browser.newContext()
    const page = await context.newPage()
    const started = Date.now()
    await open(page, writeKey, `analytics.track('Not Stalled')`, {
      settingsTimeout: 500,
      integrations: { 'Segment.io': { apiHost: apiHost(), protocol: 'http' } },
    })
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Not Stalled'), 7000)
    expect(Date.now() - started).toBeLessThan(7000)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'Not Stalled'])
    await context.close()
  })

  it('when the CDN fails, the settings this browser saw last are used', async () => {
    const writeKey = uniqueKey('cached')
    const context = await browser.newContext()
    const first = await context.newPage()
    await open(first, writeKey, `analytics.track('First Visit')`)
    await waitForMessages(server, (m) => m.some((x) => x.event === 'First Visit'))
    await first.close()
    await control(server, 'POST', '/faults', { target: 'settings', mode: '500', count: 1 })
    const second = await context.newPage()
    // No apiHost in the options this time: it can only come from the remembered settings.
    await open(second, writeKey, `analytics.track('Second Visit')`)
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Second Visit'))
    const { settingsRequests } = await collected(server)
    expect(settingsRequests.map((r: any) => r.status)).toEqual([200, 500])
    await context.close()
  })

  it('a remote plugin that 404s or throws is skipped; the other plugins and delivery carry on', async () => {
    const writeKey = uniqueKey('remote')
    const fixtures = `${server.url}/e2e/fixtures/snippet`
    await control(server, 'PUT', `/settings/${writeKey}`, {
      integrations: { 'Segment.io': segmentio(writeKey) },
      remotePlugins: [
        { name: 'Missing', libraryName: 'missingDestination', url: `${fixtures}/does-not-exist.js`, settings: {} },
        { name: 'Throwing', libraryName: 'throwingDestination', url: `${fixtures}/throwing-plugin.js`, settings: {} },
        { name: 'Fake Destination', libraryName: 'fakeDestination', url: `${fixtures}/fake-destination.js`, settings: { token: 't' } },
      ],
    })
    const page = await browser.newPage()
    const warnings: string[] = []
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await open(page, writeKey, `analytics.track('With Broken Plugins')`)
    const messages = await waitForMessages(server, (m) => m.length >= 2)
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'With Broken Plugins'])
    await page.waitForFunction(() => ((window as any).__fakeCalls ?? []).length >= 2, undefined, { timeout: 15_000 })
    expect(await page.evaluate(() => (window as any).__fakeCalls.map((c: any) => c.event ?? c.type))).toEqual(['page', 'With Broken Plugins'])
    expect(await page.evaluate(() => (window as any).__fakeSettings)).toEqual({ token: 't' })
    expect(warnings.some((w) => w.includes('"Missing" skipped'))).toBe(true)
    expect(warnings.some((w) => w.includes('"Throwing" skipped'))).toBe(true)
    await page.close()
  })

  it('plan.track: a disabled event reaches Segment.io only, never a device-mode destination', async () => {
    const writeKey = uniqueKey('plan')
    await control(server, 'PUT', `/settings/${writeKey}`, {
      integrations: { 'Segment.io': segmentio(writeKey) },
      plan: { track: { 'Blocked Event': { enabled: false }, 'Allowed Event': { enabled: true } } },
      remotePlugins: [
        { name: 'Fake Destination', libraryName: 'fakeDestination', url: `${server.url}/e2e/fixtures/snippet/fake-destination.js`, settings: {} },
      ],
    })
    const page = await browser.newPage()
    await open(page, writeKey, `analytics.track('Blocked Event'); analytics.track('Allowed Event')`)
    const messages = await waitForMessages(server, (m) => m.length >= 3)
    const blocked = messages.find((m) => m.event === 'Blocked Event')!
    const allowed = messages.find((m) => m.event === 'Allowed Event')!
    expect(blocked.integrations).toEqual({ All: false, 'Segment.io': true })
    expect(allowed.integrations).toEqual({})
    await page.waitForFunction(() => ((window as any).__fakeCalls ?? []).some((c: any) => c.event === 'Allowed Event'), undefined, { timeout: 15_000 })
    expect(await page.evaluate(() => (window as any).__fakeCalls.map((c: any) => c.event ?? c.type))).toEqual(['page', 'Allowed Event'])
    await page.close()
  })

  it('loads a device-mode destination named in settings from <cdn>/plugins/<slug>.js, nonce included', async () => {
    const writeKey = uniqueKey('device')
    await control(server, 'PUT', `/settings/${writeKey}`, {
      integrations: {
        'Segment.io': segmentio(writeKey),
        'Google Tag Manager': { type: 'browser', containerId: 'GTM-TEST' },
        // Not device mode: must not be requested.
        Mixpanel: { token: 't', versionSettings: { componentTypes: ['server'] } },
      },
    })
    const page = await browser.newPage()
    const requested: string[] = []
    page.on('request', (r) => requested.push(r.url()))
    // The vendor's own script is not reachable from the test machine; an empty one stands in.
    await page.route('https://www.googletagmanager.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
    const nonce = 'dev1ce-n0nce'
    const url = `${server.url}/device-mode-${writeKey}`
    await servePage(page, url, html(`<script nonce="${nonce}">${renderSnippet({ writeKey, host: server.url })}; analytics.track('Clicked CTA', { plan: 'pro' })</script>`), {
      'Content-Security-Policy': `script-src 'nonce-${nonce}'`,
    })
    await page.goto(url, { waitUntil: 'domcontentloaded' })
    await page.waitForFunction(() => ((window as any).dataLayer ?? []).some((e: any) => e.event === 'Clicked CTA'), undefined, { timeout: 15_000 })
    const pushed = await page.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'Clicked CTA'))
    expect(pushed).toMatchObject({ event: 'Clicked CTA', plan: 'pro' })
    expect(requested).toContain(`${server.url}/plugins/google-tag-manager.js`)
    expect(requested.some((u) => u.includes('/plugins/mixpanel.js'))).toBe(false)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'Clicked CTA'))
    expect(messages.filter((m) => m.event === 'Clicked CTA')).toHaveLength(1)
    await page.close()
  })
})
