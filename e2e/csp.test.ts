// A strict-CSP page (scripts only with the page's nonce: no 'unsafe-inline', no 'unsafe-eval')
// with the snippet, all seven device-mode destinations and a remote plugin: the browser reports
// no violation, and the collector and every fake vendor get the events. A vendor script named
// in settings from a data: URL is refused before the browser ever sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'
import { cspHeader, cspPage } from './fixtures/csp/page'

let server: Server
let browser: Browser
let env: Environment

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
afterAll(async () => {
  await env?.close()
})

/** Destination → [its settings, the `?vendor=` name of the dev server's stand-in for its SDK]. */
const DESTINATIONS: Record<string, [Record<string, unknown>, string]> = {
  'Google Analytics 4 Web': [{ measurementID: 'G-CSP' }, 'gtag'],
  'Google Tag Manager': [{ containerId: 'GTM-CSP' }, 'gtm'],
  'Facebook Pixel': [{ pixelId: '1234567890' }, 'fbq'],
  Mixpanel: [{ token: 'mp-csp' }, 'mixpanel'],
  Amplitude: [{ apiKey: 'amp-csp' }, 'amplitude'],
  Hotjar: [{ hjid: 123456 }, 'hotjar'],
  PostHog: [{ apiKey: 'phc_csp' }, 'posthog'],
}
const VENDORS = Object.values(DESTINATIONS).map(([, vendor]) => vendor)

function settings(writeKey: string, scriptUrl = (vendor: string) => `${server.url}/dev/vendors/fake-vendor.js?vendor=${vendor}`) {
  const integrations: Record<string, unknown> = {
    'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
  }
  for (const [name, [entry, vendor]] of Object.entries(DESTINATIONS)) {
    integrations[name] = { type: 'browser', ...entry, scriptUrl: scriptUrl(vendor) }
  }
  return {
    integrations,
    plan: {},
    remotePlugins: [{ name: 'Fake Destination', libraryName: 'fakeDestination', url: `${server.url}/e2e/fixtures/snippet/fake-destination.js`, settings: {} }],
  }
}

describe('a strict Content Security Policy', () => {
  it('the snippet, all seven destinations, a remote plugin and the extras run with the nonce alone: no violation, everything delivered', async () => {
    const writeKey = uniqueKey('csp7')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const page = await browser.newPage()
    const console: string[] = []
    const errors: string[] = []
    page.on('console', (msg) => console.push(`${msg.type()}: ${msg.text()}`))
    page.on('pageerror', (err) => errors.push(String(err)))
    const scripts: string[] = []
    page.on('request', (req) => req.resourceType() === 'script' && scripts.push(req.url()))

    const nonce = 'c3Atbm9uY2UtZm9yLWUyZQ'
    // The ajs_ query string makes Switchboard load its extras (one more injected script).
    const url = `${server.url}/checkout-under-csp?ajs_event=From%20Query`
    const snippet = `<script nonce="${nonce}">${renderSnippet({ writeKey, host: server.url })}; analytics.track('Under CSP', { order_id: 'o-1' })</script>`
    await servePage(page, url, cspPage(nonce, snippet), { 'Content-Security-Policy': cspHeader(nonce) })
    await page.goto(url)

    // The collector: the page view, the track call and the query-string event.
    const messages = await waitForMessages(server, (all) => ['Under CSP', 'From Query'].every((e) => all.some((m) => m.event === e)))
    expect(messages.filter((m) => m.type === 'page')).toHaveLength(1)

    // Every fake vendor and the remote plugin got the track call.
    await page.waitForFunction(
      (vendors) => {
        const calls = (window as any).__sbVendorCalls ?? []
        const got = (v: string) => calls.some((c: any) => c.vendor === v && /Under[ _]CSP/.test(JSON.stringify(c)))
        return vendors.every(got) && ((window as any).__fakeCalls ?? []).some((c: any) => c.event === 'Under CSP')
      },
      VENDORS,
      { timeout: 15_000 },
    )
    const recorded: string[] = await page.evaluate(() => (window as any).__sbVendorCalls.map((c: any) => c.vendor))
    expect(new Set(recorded)).toEqual(new Set(VENDORS))

    // Every script that ran was one Switchboard injected with the nonce: the bundle, seven plugin
    // files, seven vendor stand-ins, the remote plugin and the extras.
    expect(scripts.filter((s) => s.includes('/plugins/') && !s.endsWith('/extras.js'))).toHaveLength(7)
    expect(scripts.filter((s) => s.includes('fake-vendor.js'))).toHaveLength(7)
    expect(scripts.some((s) => s.endsWith('/plugins/extras.js'))).toBe(true)
    expect(scripts.some((s) => s.endsWith('/fake-destination.js'))).toBe(true)

    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([])
    expect(console.filter((l) => /Content Security Policy|Refused to (load|execute|apply)/i.test(l))).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('a vendor script and a remote plugin that settings put at a data: URL never reach the browser; the others are delivered', async () => {
    const writeKey = uniqueKey('csp-data')
    const inline = 'data:text/javascript,window.__pwned=1'
    const hostile = settings(writeKey, (vendor) => (vendor === 'mixpanel' ? inline : `${server.url}/dev/vendors/fake-vendor.js?vendor=${vendor}`))
    hostile.remotePlugins.push({ name: 'Inline', libraryName: 'inlineDestination', url: inline, settings: {} })
    await control(server, 'PUT', `/settings/${writeKey}`, hostile)
    const page = await browser.newPage()
    const scripts: string[] = []
    page.on('request', (req) => req.resourceType() === 'script' && scripts.push(req.url()))
    const console: string[] = []
    page.on('console', (msg) => console.push(msg.text()))
    const nonce = 'ZGF0YS11cmwtbm9uY2U'
    const url = `${server.url}/data-url-under-csp`
    const snippet = `<script nonce="${nonce}">${renderSnippet({ writeKey, host: server.url })}; analytics.debug(true); analytics.track('Under CSP')</script>`
    await servePage(page, url, cspPage(nonce, snippet), { 'Content-Security-Policy': cspHeader(nonce) })
    await page.goto(url)
    await waitForMessages(server, (all) => all.some((m) => m.event === 'Under CSP'))
    const others = VENDORS.filter((v) => v !== 'mixpanel')
    await page.waitForFunction(
      (vendors) => vendors.every((v) => ((window as any).__sbVendorCalls ?? []).some((c: any) => c.vendor === v && /Under[ _]CSP/.test(JSON.stringify(c)))),
      others,
      { timeout: 15_000 },
    )
    // Refused before any <script>: no request, no violation, nothing run, no Mixpanel stub.
    expect(scripts.filter((s) => s.startsWith('data:'))).toEqual([])
    expect(await page.evaluate(() => [(window as any).__pwned, typeof (window as any).mixpanel])).toEqual([undefined, 'undefined'])
    await page.waitForFunction(() => (window as any).analytics.failedInitializations.length === 2)
    expect((await page.evaluate(() => (window as any).analytics.failedInitializations)).sort()).toEqual(['Inline', 'Mixpanel'])
    expect(console.filter((l) => l.includes(`script refused: ${inline} (not https)`) && l.includes('"Inline" skipped'))).toHaveLength(1)
    // Explained in debug mode, on the event Mixpanel skipped.
    const logs: string[] = await page.evaluate(async () => (await (window as any).analytics.track('Again')).logs().map((l: any) => l.message))
    expect(logs).toContainEqual(`Mixpanel is not loaded (script refused: ${inline} (not https)); track skipped`)
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([])
    await page.close()
  })

  it('a script the page did not nonce is reported, so the check above can fail', async () => {
    const page = await browser.newPage()
    const url = `${server.url}/csp-control`
    const nonce = 'Y29udHJvbC1ub25jZQ'
    await servePage(page, url, cspPage(nonce, `<script>window.__ran = true</script>`), { 'Content-Security-Policy': cspHeader(nonce) })
    await page.goto(url)
    await page.waitForFunction(() => (window as any).__cspViolations.length > 0)
    expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined()
    await page.close()
  })
})
