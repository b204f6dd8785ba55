import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchCDNSettings, settingsURL } from '../../src/settings'

const body = { integrations: { 'Segment.io': { apiKey: 'WK', apiHost: 'collector.example.com/v1' } }, plan: {} }

function respond(status: number, json: unknown): Response {
  return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } })
}

describe('fetchCDNSettings', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('GETs <cdn>/v1/projects/<writeKey>/settings and remembers the result', async () => {
    const fetch = vi.fn(async () => respond(200, body))
    vi.stubGlobal('fetch', fetch)
    const loaded = await fetchCDNSettings('https://cdn.example.com/', 'WK')
    expect(fetch).toHaveBeenCalledWith('https://cdn.example.com/v1/projects/WK/settings')
    expect(loaded.source).toBe('cdn')
    expect(loaded.settings.integrations['Segment.io'].apiHost).toBe('collector.example.com/v1')
    expect(JSON.parse(localStorage.getItem('sb_settings:WK')!).integrations['Segment.io'].apiHost).toBe('collector.example.com/v1')
    expect(settingsURL('https://c.io', 'a/b')).toBe('https://c.io/v1/projects/a%2Fb/settings')
  })

  it('falls back to defaults with Segment.io enabled on a 500', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(500, { error: 'boom' })))
    const loaded = await fetchCDNSettings('https://cdn.example.com', 'WK')
    expect(loaded.source).toBe('default')
    expect(loaded.error).toContain('500')
    expect(loaded.settings.integrations).toEqual({ 'Segment.io': { apiKey: 'WK' } })
  })

  it('falls back to the last good settings when the CDN fails, unless persistence is off', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(200, body)))
    await fetchCDNSettings('https://cdn.example.com', 'WK')
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const cached = await fetchCDNSettings('https://cdn.example.com', 'WK')
    expect(cached.source).toBe('cache')
    expect(cached.settings.integrations['Segment.io'].apiHost).toBe('collector.example.com/v1')
    const notPersisted = await fetchCDNSettings('https://cdn.example.com', 'WK', { persist: false })
    expect(notPersisted.source).toBe('default')
  })

  it('gives up after the timeout and still caches a late answer for next time', async () => {
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
    const loaded = await pending
    expect(loaded.source).toBe('default')
    expect(loaded.error).toContain('timed out')
    answer(respond(200, body))
    await vi.waitFor(() => expect(localStorage.getItem('sb_settings:WK')).not.toBeNull())
  })

  it('treats a body that is not JSON as a failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>', { status: 200 })))
    expect((await fetchCDNSettings('https://cdn.example.com', 'WK')).source).toBe('default')
  })
})
