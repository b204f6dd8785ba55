import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { fetchCDNSettings, settingsURL, REVALIDATE_DELAY_MS, SETTINGS_MAX_AGE_MS } from '../../src/settings'

const settingsWith = (apiHost: string) => ({ integrations: { 'Segment.io': { apiKey: 'WK', apiHost } }, plan: {} })
const body = settingsWith('collector.example.com/v1')
const apiHostOf = (s: { integrations: Record<string, any> }) => s.integrations['Segment.io'].apiHost

function respond(status: number, json: unknown): Response {
  return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } })
}

const stored = () => JSON.parse(localStorage.getItem('sb_settings:WK')!)
const keep = (settings: unknown, ageMs: number) => localStorage.setItem('sb_settings:WK', JSON.stringify({ at: Date.now() - ageMs, settings }))

describe('fetchCDNSettings', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('GETs <cdn>/v1/projects/<writeKey>/settings and keeps the result with the time it came', async () => {
    const fetch = vi.fn(async () => respond(200, body))
    vi.stubGlobal('fetch', fetch)
    const before = Date.now()
    const settings = await fetchCDNSettings('https://cdn.example.com/', 'WK')
    expect(fetch).toHaveBeenCalledWith('https://cdn.example.com/v1/projects/WK/settings')
    expect(apiHostOf(settings)).toBe('collector.example.com/v1')
    expect(apiHostOf(stored().settings)).toBe('collector.example.com/v1')
    expect(stored().at).toBeGreaterThanOrEqual(before)
    expect(settingsURL('https://c.io', 'a/b')).toBe('https://c.io/v1/projects/a%2Fb/settings')
  })

  it('falls back to defaults with Segment.io enabled on a 500, and says why', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(500, { error: 'boom' })))
    const settings = await fetchCDNSettings('https://cdn.example.com', 'WK')
    expect(settings.integrations).toEqual({ 'Segment.io': { apiKey: 'WK' } })
    expect(console.warn).toHaveBeenCalledWith('[switchboard] using default settings:', new Error('HTTP 500'))
  })

  it('uses a young kept copy at once, without waiting for the CDN, and replaces it with the fresh one', async () => {
    vi.useFakeTimers()
    keep(settingsWith('old.example.com/v1'), 60_000)
    let answer!: (r: Response) => void
    const fetch = vi.fn(() => new Promise<Response>((r) => (answer = r)))
    vi.stubGlobal('fetch', fetch)
    const settings = await fetchCDNSettings('https://cdn.example.com', 'WK')
    expect(apiHostOf(settings)).toBe('old.example.com/v1')
    // The refresh leaves the connection to the page's first event, then goes.
    await vi.advanceTimersByTimeAsync(REVALIDATE_DELAY_MS - 1)
    expect(fetch).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    vi.useRealTimers()
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1))
    // The fresh copy applies from the next page.
    answer(respond(200, settingsWith('new.example.com/v1')))
    await vi.waitFor(() => expect(apiHostOf(stored().settings)).toBe('new.example.com/v1'))
    expect(console.warn).not.toHaveBeenCalled()
  })

  it('with a young kept copy, a failing CDN costs nothing and the copy stays', async () => {
    keep(body, 1000)
    const fetch = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
    vi.stubGlobal('fetch', fetch)
    const settings = await fetchCDNSettings('https://cdn.example.com', 'WK')
    expect(apiHostOf(settings)).toBe('collector.example.com/v1')
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled(), { timeout: 3000 })
    await new Promise((r) => setTimeout(r, 10))
    expect(apiHostOf(stored().settings)).toBe('collector.example.com/v1')
  })

  it('waits for the CDN when the kept copy is older than the maximum age, and falls back to it on failure', async () => {
    keep(settingsWith('old.example.com/v1'), SETTINGS_MAX_AGE_MS + 1000)
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, settingsWith('new.example.com/v1'))))
    expect(apiHostOf(await fetchCDNSettings('https://cdn.example.com', 'WK'))).toBe('new.example.com/v1')

    keep(settingsWith('old.example.com/v1'), SETTINGS_MAX_AGE_MS + 1000)
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    expect(apiHostOf(await fetchCDNSettings('https://cdn.example.com', 'WK'))).toBe('old.example.com/v1')
    expect(console.warn).toHaveBeenCalledWith('[switchboard] using kept settings:', new TypeError('Failed to fetch'))
  })

  it('does not keep or read a copy when persistence is off', async () => {
    keep(body, 1000)
    vi.stubGlobal('fetch', vi.fn(async () => respond(500, {})))
    const settings = await fetchCDNSettings('https://cdn.example.com', 'WK', { persist: false })
    expect(settings.integrations).toEqual({ 'Segment.io': { apiKey: 'WK' } })
  })

  it('ignores a stored copy it cannot read (old format, garbage) and waits for the CDN', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, body)))
    for (const raw of [JSON.stringify(body), '{"at":"soon","settings":{}}', '{"at":1,"settings":null}', 'not json', '[]']) {
      localStorage.setItem('sb_settings:WK', raw)
      expect(apiHostOf(await fetchCDNSettings('https://cdn.example.com', 'WK'))).toBe('collector.example.com/v1')
      expect(stored().at).toBeGreaterThan(0)
    }
  })

  it('uses settings the CDN inlined into the bundle over the stored copy, and still refreshes the stored copy', async () => {
    keep(settingsWith('stored.example.com/v1'), 1000)
    const fetch = vi.fn(async () => respond(200, settingsWith('fresh.example.com/v1')))
    vi.stubGlobal('fetch', fetch)
    const inlinedSettings = { at: Date.now(), settings: settingsWith('inlined.example.com/v1') }
    const settings = await fetchCDNSettings('https://cdn.example.com', 'WK', { inlinedSettings })
    expect(apiHostOf(settings)).toBe('inlined.example.com/v1')
    await vi.waitFor(() => expect(apiHostOf(stored().settings)).toBe('fresh.example.com/v1'), { timeout: 3000 })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it("takes the snippet's request instead of starting another, and with a young copy consumes it at once", async () => {
    const fetch = vi.fn(async () => respond(200, settingsWith('second.example.com/v1')))
    vi.stubGlobal('fetch', fetch)
    const settingsResponse = Promise.resolve(respond(200, body))
    expect(apiHostOf(await fetchCDNSettings('https://cdn.example.com', 'WK', { settingsResponse }))).toBe('collector.example.com/v1')
    expect(fetch).not.toHaveBeenCalled()
    keep(settingsWith('kept.example.com/v1'), 1000)
    const fresh = Promise.resolve(respond(200, settingsWith('fresh.example.com/v1')))
    expect(apiHostOf(await fetchCDNSettings('https://cdn.example.com', 'WK', { settingsResponse: fresh }))).toBe('kept.example.com/v1')
    // Already on its way, so no reason to hold it back.
    await vi.waitFor(() => expect(apiHostOf(stored().settings)).toBe('fresh.example.com/v1'), { timeout: 500 })
    expect(fetch).not.toHaveBeenCalled()
    // A failed one is a failed fetch like any other.
    const failed = Promise.reject(new TypeError('Failed to fetch'))
    expect((await fetchCDNSettings('https://cdn.example.com', 'X', { settingsResponse: failed })).integrations).toEqual({ 'Segment.io': { apiKey: 'X' } })
  })

  it('gives up after the timeout and still keeps a late answer for next time', async () => {
    vi.useFakeTimers()
    let answer!: (r: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((r) => (answer = r))))
    const pending = fetchCDNSettings('https://cdn.example.com', 'WK', { timeout: 500 })
    await vi.advanceTimersByTimeAsync(499)
    let settled = false
    void pending.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).integrations).toEqual({ 'Segment.io': { apiKey: 'WK' } })
    expect(console.warn).toHaveBeenCalledWith('[switchboard] using default settings:', 'timed out after 500 ms')
    answer(respond(200, body))
    await vi.waitFor(() => expect(localStorage.getItem('sb_settings:WK')).not.toBeNull())
  })

  it('treats a body that is not JSON as a failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>', { status: 200 })))
    expect((await fetchCDNSettings('https://cdn.example.com', 'WK')).integrations).toEqual({ 'Segment.io': { apiKey: 'WK' } })
  })

  it('never rejects and always delivers to Segment.io, whatever is stored or inlined (property)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(500, {})))
    await fc.assert(
      fc.asyncProperty(fc.option(fc.jsonValue()), fc.option(fc.anything()), async (storedValue, inlinedSettings) => {
        localStorage.clear()
        if (storedValue !== null) localStorage.setItem('sb_settings:WK', JSON.stringify(storedValue))
        const settings = await fetchCDNSettings('https://cdn.example.com', 'WK', { inlinedSettings, timeout: 50 })
        expect(settings.integrations['Segment.io']).toMatchObject({ apiKey: expect.anything() })
      }),
      { numRuns: 60 },
    )
  })
})
