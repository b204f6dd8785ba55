// @vitest-environment node
// The bundle route with its write key's settings in front (runs after `npm run build`, as npm test does).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, start, type RunningServer } from './helpers'
// @ts-expect-error plain JS module with JSDoc types
import { inlinedSettingsPrefix } from '../../dev/lib/inline-settings.mjs'

const BUNDLE = join(__dirname, '../../dist/analytics.min.js')

/** Runs the prefix as a browser would, with `script` as document.currentScript. */
function readInlined(prefix: string, script: Record<string, unknown> | null = {}) {
  new Function('document', prefix)({ currentScript: script })
  return script?.switchboardSettings as { at: number; settings: unknown }
}

describe('inlined settings prefix', () => {
  it('puts { at, settings } on the running script element, whatever the settings hold', () => {
    const settings = { integrations: { 'Segment.io': { apiKey: 'k' } }, odd: 'a\u2028b\u2029c</script>"\\' }
    const before = Date.now()
    const inlined = readInlined(inlinedSettingsPrefix(settings))
    expect(inlined.settings).toEqual(settings)
    expect(inlined.at).toBeGreaterThanOrEqual(before)
    expect(inlinedSettingsPrefix(settings)).not.toMatch(/[\u2028\u2029]/)
  })

  it('does nothing (and does not throw) when there is no current script', () => {
    expect(() => new Function('document', inlinedSettingsPrefix({}))({ currentScript: null })).not.toThrow()
  })
})

describe('GET /analytics.js/v1/<writeKey>/analytics.min.js', () => {
  let server: RunningServer
  let plain: RunningServer
  beforeAll(async () => {
    server = await start()
    plain = await start({ inlineSettings: false })
  })
  afterAll(async () => {
    await server.close()
    await plain.close()
  })

  it('answers with the settings of that write key, then the bundle, in one response', async () => {
    expect(existsSync(BUNDLE), 'run "npm run build" first').toBe(true)
    const override = { integrations: { 'Segment.io': { apiKey: 'inline key', apiHost: 'x.example.com/v1' } }, plan: {} }
    expect((await call(server, 'PUT', '/__sb/settings/inline%20key', JSON.stringify(override), { 'Content-Type': 'application/json', Origin: server.url })).status).toBe(200)
    const reply = await call(server, 'GET', '/analytics.js/v1/inline%20key/analytics.min.js')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toMatch(/javascript/)
    // Cross-origin pages load it too.
    expect(reply.headers['access-control-allow-origin']).toBe('*')
    const bundle = readFileSync(BUNDLE, 'utf8')
    expect(reply.text.endsWith(bundle)).toBe(true)
    expect(readInlined(reply.text.slice(0, reply.text.length - bundle.length)).settings).toEqual(override)
    // No settings request was made or recorded for it.
    expect((await call(server, 'GET', '/__sb/messages')).body.settingsRequests).toEqual([])
  })

  it('serves the bundle alone when inlining is off', async () => {
    const reply = await call(plain, 'GET', '/analytics.js/v1/k/analytics.min.js')
    expect(reply.text).toBe(readFileSync(BUNDLE, 'utf8'))
  })
})
