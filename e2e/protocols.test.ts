// A tracking plan enforced in the page: with `unplannedEvents: 'block'` an event the plan does not
// list reaches neither the tracking API nor a device-mode destination (fake GA4 and Meta Pixel
// vendors), its Context carries the violation, and `analytics.on('violation')` hears of it. The
// validator generates no code, so a strict-CSP page (no 'unsafe-eval') runs it without a CSP report.
// The dev server, given the plan file, shows the violations of what a page sends in its debugger.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'
import { renderSnippet } from '../snippet/index'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'
import { cspHeader, cspPage } from './fixtures/csp/page'
// @ts-expect-error plain ESM module without types
import { startServer } from '../dev/server.mjs'

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

/** Typewriter's plan.json shape: one planned track event with a required string ref. */
const PLAN = {
  rules: [
    {
      key: 'Signup Started',
      type: 'TRACK',
      version: 1,
      jsonSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: {
          properties: { type: 'object', properties: { ref: { type: 'string' } }, required: ['ref'] },
        },
      },
    },
  ],
}

const vendorUrl = (slug: string) => `${server.url}/e2e/fixtures/destinations/vendors/${slug}.js`

function settings(writeKey: string) {
  return {
    integrations: {
      'Segment.io': { apiKey: writeKey, apiHost: `${server.url.replace('http://', '')}/v1`, protocol: 'http' },
      'Google Analytics 4 Web': { type: 'browser', measurementID: 'G-PLAN', scriptUrl: vendorUrl('google-analytics-4-web') },
      'Facebook Pixel': { type: 'browser', pixelId: '1234567890', scriptUrl: vendorUrl('facebook-pixel') },
    },
    plan: {},
    remotePlugins: [],
  }
}

/** Waits (bounded) until the fake vendors' recorded calls satisfy `ready`. */
async function vendorCalls(page: Page, ready: (calls: Record<string, unknown[][]>) => boolean): Promise<Record<string, unknown[][]>> {
  await page.waitForFunction(() => (window as any).__vendorCalls, undefined, { timeout: 15_000 })
  const deadline = Date.now() + 15_000
  for (;;) {
    const calls = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).__vendorCalls ?? {})))
    if (ready(calls) || Date.now() > deadline) return calls
    await page.waitForTimeout(100)
  }
}

const mentions = (calls: unknown[][] | undefined, text: string) => JSON.stringify(calls ?? []).includes(text)

describe('a tracking plan in Chromium', () => {
  it('blocks an unplanned event before every destination, device mode included; the violation is on its Context and emitted', async () => {
    const writeKey = uniqueKey('plan')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(String(err)))
    const url = `${server.url}/shop/plan`
    const recorder = `<script src="${vendorUrl('recorder')}"></script>`
    const snippet = renderSnippet({ writeKey, host: server.url, load: { protocols: { plan: PLAN, unplannedEvents: 'block' } } })
    // The unplanned event goes first, so once the planned one has arrived everywhere the unplanned one would have too.
    await servePage(
      page,
      url,
      html(`${recorder}<script>${snippet}; window.__violations = []; analytics.on('violation', function (v) { window.__violations.push(v) });
analytics.track('Coupon Guessed', { code: 'unplanned-secret' }); analytics.track('Signup Started', { ref: 'o-planned' })</script>`),
    )
    await page.goto(url)

    const messages = await waitForMessages(server, (all) => all.some((m) => m.event === 'Signup Started'))
    const calls = await vendorCalls(page, (c) => mentions(c['google-analytics-4-web'], 'Signup_Started') && mentions(c['facebook-pixel'], 'o-planned'))
    // The planned event reached all three destinations…
    // (GA4 sends an unmapped custom event by its name alone.)
    expect(mentions(calls['google-analytics-4-web'], 'Signup_Started')).toBe(true)
    expect(mentions(calls['facebook-pixel'], 'o-planned')).toBe(true)
    // …and the unplanned one none of them.
    expect(messages.filter((m) => m.event === 'Coupon Guessed')).toEqual([])
    expect(mentions(calls['google-analytics-4-web'], 'unplanned-secret')).toBe(false)
    expect(mentions(calls['facebook-pixel'], 'unplanned-secret')).toBe(false)
    expect(JSON.stringify(calls)).not.toMatch(/Coupon[ _]Guessed|coupon_guessed/i)

    expect(await page.evaluate(() => (window as any).__violations)).toEqual([
      expect.objectContaining({ violationType: 'Unplanned Event', violationField: 'event', eventType: 'track', eventName: 'Coupon Guessed' }),
    ])

    // A call made after load returns its Context: the violation is logged there, without the value.
    const ctx = await page.evaluate(async () => {
      const c = await (window as any).analytics.track('Coupon Guessed', { code: 'unplanned-secret' })
      return { logs: c.logs().map((l: any) => ({ message: l.message, extras: l.extras })), stats: JSON.stringify(c.stats.metrics) }
    })
    const logged = ctx.logs.find((l: any) => l.extras?.violation)
    expect(logged?.extras.violation).toMatchObject({ violationType: 'Unplanned Event', eventName: 'Coupon Guessed' })
    expect(logged?.message).toMatch(/^tracking plan: /)
    expect(JSON.stringify(ctx.logs)).not.toContain('unplanned-secret')
    expect(ctx.stats).toContain('protocols_violation')

    // That second unplanned call reached the collector no more than the first.
    await page.evaluate(async () => (window as any).analytics.track('Signup Started', { ref: 'o-after' }))
    const after = await waitForMessages(server, (all) => all.some((m) => m.event === 'Signup Started' && m.properties?.ref === 'o-after'))
    expect(after.filter((m) => m.event === 'Coupon Guessed')).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('validates under a strict CSP (nonce only, no unsafe-eval): violations found, no CSP report, planned events delivered', async () => {
    const writeKey = uniqueKey('plan-csp')
    await control(server, 'PUT', `/settings/${writeKey}`, settings(writeKey))
    const page = await browser.newPage()
    const console: string[] = []
    const errors: string[] = []
    page.on('console', (msg) => console.push(`${msg.type()}: ${msg.text()}`))
    page.on('pageerror', (err) => errors.push(String(err)))
    const scripts: string[] = []
    page.on('request', (req) => req.resourceType() === 'script' && scripts.push(req.url()))
    const nonce = 'cGxhbi1jc3Atbm9uY2U'
    const url = `${server.url}/plan-under-csp`
    const snippet = renderSnippet({ writeKey, host: server.url, load: { protocols: { plan: PLAN, violations: 'block' } } })
    // A wrong type (a number for ref) is a schema violation: finding it means the schema ran.
    const calls = `window.__violations = []; analytics.on('violation', function (v) { window.__violations.push(v) });
analytics.track('Signup Started', { ref: 42 }); analytics.track('Signup Started', { ref: 'o-valid' })`
    await servePage(page, url, cspPage(nonce, `<script nonce="${nonce}">${snippet}; ${calls}</script>`), { 'Content-Security-Policy': cspHeader(nonce) })
    await page.goto(url)

    const messages = await waitForMessages(server, (all) => all.some((m) => m.event === 'Signup Started' && m.properties?.ref === 'o-valid'))
    expect(messages.filter((m) => m.event === 'Signup Started').map((m) => m.properties?.ref)).toEqual(['o-valid'])
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([
      expect.objectContaining({ violationType: 'Type', violationField: 'properties.ref', eventName: 'Signup Started' }),
    ])
    expect(scripts.some((s) => s.endsWith('/plugins/protocols.js'))).toBe(true)
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([])
    expect(console.filter((l) => /Content Security Policy|Refused to|unsafe-eval/i.test(l))).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the dev server with a tracking plan, in its debugger', () => {
  let planServer: Server
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-plan-e2e-'))
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(PLAN))
    planServer = await startServer({ port: 0, quiet: true, planPath: join(dir, 'plan.json') })
  })
  afterAll(async () => {
    await planServer?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the violations of events a page sends inline, with a count per event', async () => {
    const writeKey = uniqueKey('plan-dev')
    await control(planServer, 'PUT', `/settings/${writeKey}`, {
      integrations: { 'Segment.io': { apiKey: writeKey, apiHost: `${planServer.url.replace('http://', '')}/v1`, protocol: 'http' } },
      plan: {},
      remotePlugins: [],
    })
    const debuggerPage = await browser.newPage()
    await debuggerPage.goto(`${planServer.url}/debugger`)
    await debuggerPage.locator('[data-testid=connection]', { hasText: 'live' }).waitFor({ timeout: 10_000 })

    const page = await browser.newPage()
    const url = `${planServer.url}/shop/plan-dev`
    const snippet = renderSnippet({ writeKey, host: planServer.url })
    await servePage(page, url, html(`<script>${snippet}; analytics.track('Coupon Guessed', { code: 'c' }); analytics.track('Signup Started', { ref: 7 }); analytics.track('Signup Started', { ref: 'ok' })</script>`))
    await page.goto(url)

    const unplanned = debuggerPage.locator('[data-testid=entry][data-event="Coupon Guessed"] [data-testid=violations]')
    await expect.poll(() => unplanned.textContent(), { timeout: 15_000 }).toMatch(/^Unplanned Event: /)
    const planned = debuggerPage.locator('[data-testid=entry][data-event="Signup Started"]')
    await expect.poll(() => planned.count(), { timeout: 15_000 }).toBe(2)
    expect(await planned.locator('[data-testid=violations]').allTextContents()).toEqual([expect.stringMatching(/^Type: .*ref/)])
    const counts = await debuggerPage.locator('[data-testid=count]').evaluateAll((rows) => rows.map((r) => r.textContent))
    expect(counts).toContainEqual(expect.stringMatching(/^Signup Started2\s*1 ✗ plan$/))
    expect(counts).toContainEqual(expect.stringMatching(/^Coupon Guessed1\s*1 ✗ plan$/))
    await page.close()
    await debuggerPage.close()
  })
})
