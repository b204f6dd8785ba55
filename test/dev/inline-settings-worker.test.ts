// @vitest-environment node
// The edge worker docs/self-hosting.md shows: its output is what the bundle reads.
import { describe, expect, it, vi } from 'vitest'
// @ts-expect-error plain JS example without types
import { handle } from '../../docs/examples/inline-settings-worker.mjs'

const BUNDLE = 'console.log("bundle")'
const SETTINGS = { integrations: { 'Segment.io': { apiKey: 'KEY 1' } }, plan: {}, note: 'a\u2028b' }

function origin(settings: Response | Error) {
  return vi.fn(async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url
    if (url === 'https://origin.example.com/analytics.min.js') return new Response(BUNDLE)
    if (url === 'https://cdn.segment.com/v1/projects/KEY%201/settings') {
      if (settings instanceof Error) throw settings
      return settings
    }
    return new Response(`passed through: ${url}`)
  })
}

/** Runs the response as a browser would, with `script` as document.currentScript. */
async function run(res: Response) {
  const script: Record<string, any> = {}
  const log = vi.fn()
  new Function('document', 'console', await res.text())({ currentScript: script }, { log })
  return { inlined: script.switchboardSettings, bundleRan: log.mock.calls.length === 1 }
}

describe('inline-settings edge worker', () => {
  it('puts the write key settings in front of the bundle, with the time they were read', async () => {
    const before = Date.now()
    const res = await handle(new Request('https://cdn.site.com/analytics.js/v1/KEY%201/analytics.min.js'), origin(Response.json(SETTINGS)))
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const { inlined, bundleRan } = await run(res)
    expect(inlined.settings).toEqual(SETTINGS)
    expect(inlined.at).toBeGreaterThanOrEqual(before)
    expect(bundleRan).toBe(true)
  })

  it('still serves a working bundle when the settings cannot be had (the bundle then fetches them)', async () => {
    for (const failure of [new Response('down', { status: 500 }), new Response('<html>'), new TypeError('network')]) {
      const res = await handle(new Request('https://cdn.site.com/analytics.js/v1/KEY%201/analytics.min.js'), origin(failure))
      const { inlined, bundleRan } = await run(res)
      expect(inlined.settings).toBeNull()
      expect(bundleRan).toBe(true)
    }
  })

  it('passes every other path through to the origin', async () => {
    const res = await handle(new Request('https://cdn.site.com/plugins/mixpanel.js?v=1'), origin(Response.json({})))
    expect(await res.text()).toBe('passed through: https://origin.example.com/plugins/mixpanel.js?v=1')
  })
})
