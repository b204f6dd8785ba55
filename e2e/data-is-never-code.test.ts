// Data is never code, in Chromium: a construct request (`new Function()`, then `.constructor(code)`
// and a call) in properties, traits, context and options, with all seven device-mode destinations
// enabled, runs nothing; the events still reach the collector and every (fake) vendor, with the
// request as plain data. Hostile method names pushed onto the snippet before load do nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

const SLUGS = ['google-analytics-4-web', 'google-tag-manager', 'facebook-pixel', 'mixpanel', 'amplitude', 'hotjar', 'posthog'] as const
type Slug = (typeof SLUGS)[number]

const PAYLOAD = { $new: 'Function', ops: [['constructor', 'window.__pwned = 1'], ['call']] }

let server: Server
let env: Environment

beforeAll(async () => {
  env = await startEnvironment()
  server = env.server
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

/** CDN settings enabling all seven destinations, each loading its fake vendor script from the CDN's host. */
function settings(writeKey: string) {
  const entry = (slug: Slug, fields: Record<string, unknown>) => ({ type: 'browser', ...fields, scriptUrl: `${server.url}/e2e/fixtures/destinations/vendors/${slug}.js` })
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      'Google Analytics 4 Web': entry('google-analytics-4-web', { measurementID: 'G-E2E' }),
      'Google Tag Manager': entry('google-tag-manager', { containerId: 'GTM-E2E' }),
      'Facebook Pixel': entry('facebook-pixel', { pixelId: '1234567890' }),
      Mixpanel: entry('mixpanel', { token: 'mp-e2e' }),
      Amplitude: entry('amplitude', { apiKey: 'amp-e2e' }),
      Hotjar: entry('hotjar', { hjid: 123456 }),
      PostHog: entry('posthog', { apiKey: 'phc_e2e' }),
    },
    plan: {},
    remotePlugins: [],
  }
}

describe('data is never code (Chromium, all seven destinations)', () => {
  it('a construct request in properties, traits, context and options runs nothing, and every event is delivered', async () => {
    const writeKey = uniqueKey('never-code')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const page = await env.browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(String(err)))
    const payload = JSON.stringify(PAYLOAD)
    const calls = [
      // Before load: buffered by the snippet, replayed by the bundle.
      `analytics.push(['constructor', 'window.__pwned = 1'])`,
      `analytics.push(['__proto__'])`,
      `analytics.push(['toString'])`,
      `analytics.track('Clicked', ${payload}, { context: ${payload}, integrations: { Amplitude: ${payload}, Mixpanel: ${payload} }, extra: ${payload} })`,
      `analytics.identify('user-1', ${payload})`,
      `analytics.group('group-1', ${payload})`,
      `analytics.track('Order Completed', { order_id: 'o-1', revenue: 10, products: [Object.assign({ product_id: 'p-1' }, ${payload})] })`,
    ].join(';\n')
    const url = `${server.url}/shop/never-code`
    const recorder = `<script src="${server.url}/e2e/fixtures/destinations/vendors/recorder.js"></script>`
    await servePage(page, url, html(`${recorder}<script>${renderSnippet({ writeKey, host: server.url })};\n${calls}</script>`))
    await page.goto(url)

    // The collector gets every event, the request as plain data.
    const messages = await waitForMessages(server, (m) => ['Clicked', 'Order Completed'].every((e) => m.some((x) => x.event === e)) && m.some((x) => x.type === 'identify') && m.some((x) => x.type === 'group'))
    expect(messages.find((m) => m.event === 'Clicked')).toMatchObject({ properties: PAYLOAD, context: expect.objectContaining(PAYLOAD) })
    expect(messages.find((m) => m.type === 'identify')).toMatchObject({ userId: 'user-1', traits: PAYLOAD })

    // Every fake vendor records the event (posthog and mixpanel with the request as an argument).
    const deadline = Date.now() + 15_000
    let vendorCalls: Record<string, unknown[][]> = {}
    const reached = () => SLUGS.filter((s) => JSON.stringify(vendorCalls[s] ?? []).includes('"Clicked"'))
    while (Date.now() < deadline && reached().length < SLUGS.length) {
      await page.waitForTimeout(100)
      vendorCalls = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__vendorCalls ?? {})))
    }
    expect(reached()).toEqual([...SLUGS])
    expect(vendorCalls.posthog).toContainEqual(['capture', 'Clicked', PAYLOAD])
    expect(vendorCalls.mixpanel).toContainEqual(['track', 'Clicked', PAYLOAD])
    // Amplitude's Identify is built by the destination; the caller's keys are only its data.
    const identify = vendorCalls.amplitude.find((c) => c[0] === 'identify') as [string, { ops: unknown[][] }]
    expect(identify[1].ops).toEqual(expect.arrayContaining([['set', '$new', 'Function'], ['set', 'ops', PAYLOAD.ops]]))

    // Nothing ran: after a later call (all of the above delivered), the flag is still unset.
    await page.evaluate(() => (window as any).analytics.track('Last'))
    await waitForMessages(server, (m) => m.some((x) => x.event === 'Last'))
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined()
    expect(errors).toEqual([])
    await page.close()
  })
})
