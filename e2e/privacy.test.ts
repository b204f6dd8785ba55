// The privacy guard in Chromium, configured per destination as an ad-tech setup would be: an email
// in a track call's properties reaches the (fake) Meta Pixel SHA-256 hashed — trimmed and
// lower-cased first, as Meta expects — reaches GA4 not at all, and the tracking API intact. Both
// device-mode destinations are set up so that, without the guard, they would pass the email as it
// is: Meta Pixel by `whitelistPiiProperties`, GA4 by an `eventParams` mapping.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

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

const vendorUrl = (slug: string) => `${server.url}/e2e/fixtures/destinations/vendors/${slug}.js`

const EMAIL = '  Jane.Doe@Example.COM '
const HASHED = createHash('sha256').update('jane.doe@example.com').digest('hex')

describe('the privacy guard in Chromium', () => {
  it('an email in properties arrives hashed at Meta Pixel, absent at GA4 and intact at the tracking API', async () => {
    const writeKey = uniqueKey('privacy')
    await control(server, 'PUT', `/settings/${writeKey}`, {
      integrations: {
        'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
        'Google Analytics 4 Web': {
          type: 'browser',
          measurementID: 'G-PRIV',
          eventParams: { email: 'email', plan: 'plan' },
          scriptUrl: vendorUrl('google-analytics-4-web'),
        },
        'Facebook Pixel': { type: 'browser', pixelId: '1234567890', whitelistPiiProperties: ['email'], scriptUrl: vendorUrl('facebook-pixel') },
      },
      plan: {},
      remotePlugins: [],
    })
    const privacy = {
      destinations: {
        'Facebook Pixel': { email: 'hash' },
        'Google Analytics 4 Web': { email: 'drop' },
        'Segment.io': { yellow: 'allow' },
      },
    }
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(String(err)))
    const url = `${server.url}/account/signup`
    const snippet = renderSnippet({ writeKey, host: server.url, load: { privacy } })
    await servePage(
      page,
      url,
      html(`<script src="${vendorUrl('recorder')}"></script><script>${snippet}; analytics.track('Account Created', ${JSON.stringify({ email: EMAIL, plan: 'pro' })})</script>`),
    )
    await page.goto(url)

    // The tracking API: the email as called (Segment.io allows yellow data here).
    const messages = await waitForMessages(server, (all) => all.some((m) => m.event === 'Account Created'))
    expect(messages.find((m) => m.event === 'Account Created')?.properties).toEqual({ email: EMAIL, plan: 'pro' })

    await page.waitForFunction(
      () => {
        const calls = (window as any).__vendorCalls ?? {}
        const has = (slug: string) => JSON.stringify(calls[slug] ?? []).includes('Account')
        return has('facebook-pixel') && has('google-analytics-4-web')
      },
      undefined,
      { timeout: 15_000 },
    )
    const calls: Record<string, unknown[][]> = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__vendorCalls)))

    // Meta Pixel: the SHA-256 of the normalised address (a custom event, so trackSingleCustom).
    expect(calls['facebook-pixel']).toContainEqual(['trackSingleCustom', '1234567890', 'Account Created', { email: HASHED, plan: 'pro' }, expect.any(Object)])
    // GA4: the mapped `plan` param arrives, the email does not.
    expect(calls['google-analytics-4-web']).toContainEqual(['event', 'Account_Created', { plan: 'pro', send_to: 'G-PRIV' }])
    // Nowhere on a vendor, in any form, is the raw address.
    expect(JSON.stringify(calls).toLowerCase()).not.toContain('jane.doe@example.com')

    // In debug mode a later call's Context says what was redacted for whom, without the value.
    const logs = await page.evaluate(async (email) => {
      const analytics = (window as any).analytics
      analytics.debug(true)
      const ctx = await analytics.track('Account Created', { email })
      analytics.debug(false)
      return ctx.logs().map((l: any) => ({ message: l.message, extras: l.extras }))
    }, EMAIL)
    const text = JSON.stringify(logs)
    expect(text).toContain('Facebook Pixel')
    expect(text).toContain('hash')
    expect(text.toLowerCase()).not.toContain('jane.doe@example.com')
    expect(errors).toEqual([])
    await page.close()
  })
})
