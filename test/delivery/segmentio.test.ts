import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeFetch, messages, onDemand, setup, storedRows, type Setup } from './helpers'

const plugins: Setup['plugin'][] = []
async function make(...args: Parameters<typeof setup>) {
  const s = await setup(...args)
  plugins.push(s.plugin)
  return s
}
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms)
const ids = (list: any[]) => list.map((m) => m.messageId)
const endOfTask = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  // Backoff jitter made repeatable: retries land at known times whatever the draw would have been.
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})
afterEach(() => {
  for (const p of plugins.splice(0)) p.unload?.(undefined as never, undefined as never)
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('leading flush (the default)', () => {
  it('sends the first events of a quiet page at once, then gathers the next ones for the interval', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({}, { delivery: { leadingFlush: true } })
    void analytics.track('First')
    void analytics.track('Same task')
    await tick(5)
    expect(sent).toHaveLength(1)
    expect(messages(sent).map((m) => m.event)).toEqual(['First', 'Same task'])
    await tick(100)
    void analytics.track('Soon after')
    await tick(500)
    expect(sent).toHaveLength(1) // within the interval of the last send: it waits
    await tick(1000)
    expect(sent).toHaveLength(2)
    expect(messages(sent).map((m) => m.event)).toEqual(['First', 'Same task', 'Soon after'])
  })
})

describe('wire format', () => {
  it('sends context fields common to a batch once, in the envelope; the merged messages are unchanged', async () => {
    const sent = fakeFetch()
    const { analytics } = await make()
    const ua = { userAgent: 'UA/1.0', locale: 'en-US' }
    void analytics.track('A', {}, { context: { ...ua, ip: '1.1.1.1' } })
    void analytics.track('B', {}, { context: { ...ua, ip: '2.2.2.2' } })
    await tick(1500)
    const body = sent[0].body
    expect(body.context).toMatchObject({ ...ua, library: { name: 'analytics.js' } })
    expect(body.context).not.toHaveProperty('ip') // differs between the messages: stays in each
    expect(body.batch.map((m: any) => m.context)).toEqual([{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }].map((c) => expect.objectContaining(c)))
    for (const m of body.batch) expect(m.context).not.toHaveProperty('userAgent')
    expect(messages(sent).map((m) => m.context)).toEqual([
      expect.objectContaining({ ...ua, ip: '1.1.1.1', library: expect.any(Object), page: expect.any(Object) }),
      expect.objectContaining({ ...ua, ip: '2.2.2.2', library: expect.any(Object), page: expect.any(Object) }),
    ])
  })

  it('delivery.shareContext: false keeps every message whole', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({}, { delivery: { shareContext: false } })
    void analytics.track('A')
    void analytics.track('B')
    await tick(1500)
    expect(sent[0].body).not.toHaveProperty('context')
    for (const m of sent[0].body.batch) expect(m.context).toHaveProperty('library')
  })

  it('batches to /b as text/plain with Basic auth, writeKey, sentAt and _metadata', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({}, {}, { 'Segment.io': {}, Mixpanel: { bundlingStatus: 'bundled' } })
    void analytics.track('A', { x: 1 }, { traits: { t: 1 } })
    void analytics.page('Home')
    void analytics.identify('u1', { email: 'e@x.y' })
    await tick(500)
    expect(sent).toHaveLength(0) // waits for the flush interval
    await tick(1000)
    expect(sent).toHaveLength(1)
    const [req] = sent
    expect(req.url).toBe('https://api.test/v1/b')
    expect(req.headers['Content-Type']).toBe('text/plain')
    expect(req.headers.Authorization).toBe(`Basic ${btoa('WK:')}`)
    expect(Object.keys(req.body).sort()).toEqual(['batch', 'context', 'sentAt', 'writeKey'])
    expect(req.body.writeKey).toBe('WK')
    expect(new Date(req.body.sentAt).getTime()).toBe(req.at)
    expect(req.body.batch.map((m: any) => m.type)).toEqual(['track', 'page', 'identify'])
    for (const m of req.body.batch) {
      expect(m.writeKey).toBe('WK')
      expect(m).not.toHaveProperty('sentAt')
      expect(m._metadata).toEqual({ bundled: ['Mixpanel', 'Segment.io'], unbundled: [], bundledIds: [] })
      expect(typeof m.anonymousId).toBe('string')
    }
    expect(req.body.batch[0]).not.toHaveProperty('traits')
    expect(req.body.batch[2]).toMatchObject({ userId: 'u1', traits: { email: 'e@x.y' } })
  })

  it('standard strategy: one request per event to the per-type endpoint, each with sentAt', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({ deliveryStrategy: { strategy: 'standard' } })
    void analytics.track('A')
    void analytics.page()
    void analytics.identify('u1')
    void analytics.group('g1')
    void analytics.alias('u2')
    void analytics.screen('S')
    await tick(100)
    expect(sent.map((s) => s.url.slice('https://api.test/v1/'.length)).sort()).toEqual(['a', 'g', 'i', 'p', 's', 't'])
    for (const s of sent) expect(s.body).toMatchObject({ writeKey: 'WK', sentAt: expect.any(String) })
    expect(sent.find((s) => s.url.endsWith('/a'))!.body).toMatchObject({ userId: 'u2', previousId: 'u1' })
  })

  it('sends a full batch at once without waiting for the interval', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({}, { delivery: { batchSize: 5 } })
    for (let i = 0; i < 5; i++) void analytics.track(`E${i}`)
    await tick(50)
    expect(sent).toHaveLength(1)
    expect(sent[0].body.batch).toHaveLength(5)
  })

  it('does not take events routed away from Segment.io', async () => {
    const sent = fakeFetch()
    const { analytics } = await make()
    void analytics.track('No', {}, { integrations: { 'Segment.io': false } })
    void analytics.track('Yes')
    await tick(2000)
    expect(messages(sent).map((m) => m.event)).toEqual(['Yes'])
    expect(storedRows()).toHaveLength(0)
  })
})

describe('options', () => {
  it('passes deliveryStrategy headers (object or function), credentials and priority to fetch', async () => {
    const inits: RequestInit[] = []
    fakeFetch()
    const f = globalThis.fetch as any
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (inits.push(init), f(url, init)))
    const { analytics } = await make({
      deliveryStrategy: { strategy: 'batching', config: { size: 1, headers: () => ({ 'X-Site': 'a' }), credentials: 'include', priority: 'low' } },
    })
    void analytics.track('A')
    await tick(50)
    expect(inits).toHaveLength(1)
    expect(inits[0]).toMatchObject({ credentials: 'include', priority: 'low', headers: { 'X-Site': 'a', 'Content-Type': 'text/plain' } })
  })

  it('disableClientPersistence keeps the outbox in memory only, counted', async () => {
    const sent = fakeFetch()
    const { analytics, plugin } = await make({}, { disableClientPersistence: true })
    void analytics.track('A')
    await tick(2000)
    expect(messages(sent, true)).toHaveLength(1)
    expect(Object.keys(localStorage).filter((k) => k.startsWith('sb:outbox'))).toEqual([])
    expect(plugin.stats.notPersisted).toBe(1)
  })

  it('retryQueue: false drops on the first failure, with a reason', async () => {
    const sent = fakeFetch(() => ({ status: 503 }))
    const { analytics, plugin } = await make({}, { retryQueue: false })
    const ctx = analytics.track('A')
    await tick(10_000)
    expect(sent).toHaveLength(1)
    expect(plugin.stats.rejected).toBe(1)
    expect(String((await ctx).failedDelivery()?.reason)).toMatch(/HTTP 503/)
  })

  it('apiHost with a scheme is used as is', async () => {
    const sent = fakeFetch()
    const { analytics } = await make({ apiHost: 'http://proxy.test/seg/v1', protocol: 'https', deliveryStrategy: { config: { size: 1 } } })
    void analytics.track('A')
    await tick(50)
    expect(sent[0].url).toBe('http://proxy.test/seg/v1/b')
  })
})

describe('limits', () => {
  it('splits into batches of at most 500 KB', async () => {
    const sent = fakeFetch()
    const { analytics } = await make()
    for (let i = 0; i < 60; i++) void analytics.track(`E${i}`, { pad: 'x'.repeat(20_000) })
    await tick(3000)
    expect(messages(sent)).toHaveLength(60)
    expect(sent.length).toBeGreaterThanOrEqual(3)
    for (const s of sent) expect(new TextEncoder().encode(s.raw).length).toBeLessThanOrEqual(500 * 1024)
    expect(new Set(ids(messages(sent))).size).toBe(60)
  })

  it('rejects a message over 32 KB with a reason on its Context, and sends the others', async () => {
    const sent = fakeFetch()
    const { analytics, plugin } = await make()
    const failures: any[] = []
    analytics.on('delivery_failure', (f) => failures.push(f))
    const big = analytics.track('Big', { blob: 'x'.repeat(40 * 1024) })
    void analytics.track('Small')
    await tick(2000)
    expect(messages(sent).map((m) => m.event)).toEqual(['Small'])
    const ctx = await big
    expect(String(ctx.failedDelivery()?.reason)).toMatch(/at most 32768/)
    expect(ctx.stats.count('delivery_oversize')).toBe(1)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({ code: 'delivery_failure', ctx })
    expect(plugin.stats.oversize).toBe(1)
    expect(storedRows()).toHaveLength(0)
  })
})

describe('retries', () => {
  it('first 3 requests 500 → every event arrives exactly once, with capped jittered backoff', async () => {
    const sent = fakeFetch((n) => (n <= 3 ? { status: 500 } : { status: 200 }))
    const { analytics, plugin } = await make()
    for (let i = 0; i < 5; i++) void analytics.track(`E${i}`)
    await tick(30_000)
    const ok = messages(sent, true)
    expect(ok.map((m) => m.event)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4'])
    expect(sent).toHaveLength(4)
    for (let k = 1; k < 4; k++) expect(sent[k].at - sent[k - 1].at).toBeLessThanOrEqual(500 * 2 ** (k - 1) + 5)
    expect(plugin.stats).toMatchObject({ delivered: 5, dropped: 0, retries: 15 })
    expect(storedRows()).toHaveLength(0)
  })

  it('network errors are retried', async () => {
    const sent = fakeFetch((n) => (n <= 2 ? 'network' : { status: 200 }))
    const { analytics } = await make()
    void analytics.track('A')
    await tick(10_000)
    expect(messages(sent, true).map((m) => m.event)).toEqual(['A'])
  })

  it('429 with Retry-After: 3 → no request before 3 s', async () => {
    const sent = fakeFetch((n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '3' } } : { status: 200 }))
    const { analytics } = await make()
    void analytics.track('A')
    await tick(1500)
    expect(sent).toHaveLength(1)
    void analytics.track('B')
    await tick(2000)
    expect(sent).toHaveLength(1)
    await tick(1000)
    expect(sent).toHaveLength(2)
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(3000)
    expect(messages(sent, true).map((m) => m.event)).toEqual(['A', 'B'])
  })

  it('Retry-After as an HTTP date, honoured by every tab sending to that host', async () => {
    const sent = fakeFetch((n) =>
      n === 1 ? { status: 503, headers: { 'Retry-After': new Date(Date.now() + 10_000).toUTCString() } } : { status: 200 },
    )
    const tab1 = await make()
    void tab1.analytics.track('A')
    await tick(1100)
    expect(sent).toHaveLength(1)
    const t0 = sent[0].at
    const tab2 = await make() // another tab, same storage
    void tab2.analytics.track('B')
    await tick(5000)
    expect(sent).toHaveLength(1)
    await tick(6000)
    expect(sent.length).toBeGreaterThanOrEqual(2)
    for (const s of sent.slice(1)) expect(s.at - t0).toBeGreaterThanOrEqual(9000)
    expect(messages(sent, true).map((m) => m.event).sort()).toEqual(['A', 'B'])
  })

  it('400 on a batch splits it until only the bad event is dropped, with a reason and a stat', async () => {
    const sent = fakeFetch((_, body) => (body.batch.some((m: any) => m.event === 'Bad') ? { status: 400 } : { status: 200 }))
    const { analytics, plugin } = await make()
    const failures: any[] = []
    analytics.on('error', (f) => failures.push(f))
    const names = ['G0', 'G1', 'G2', 'Bad', 'G4', 'G5', 'G6', 'G7']
    const ctxs = names.map((n) => analytics.track(n))
    await tick(20_000)
    expect(messages(sent, true).map((m) => m.event).sort()).toEqual(names.filter((n) => n !== 'Bad').sort())
    expect(plugin.stats.rejected).toBe(1)
    expect(failures).toHaveLength(1)
    expect(failures[0].reason).toMatch(/HTTP 400/)
    expect((await ctxs[3]).failedDelivery()).toBeTruthy()
    expect((await ctxs[0]).failedDelivery()).toBeUndefined()
  })

  it('413 splits the batch; every event is delivered once', async () => {
    const sent = fakeFetch((_, body) => (body.batch.length > 3 ? { status: 413 } : { status: 200 }))
    const { analytics, plugin } = await make()
    for (let i = 0; i < 10; i++) void analytics.track(`E${i}`)
    await tick(20_000)
    const ok = ids(messages(sent, true))
    expect(ok).toHaveLength(10)
    expect(new Set(ok).size).toBe(10)
    expect(plugin.stats.splits).toBeGreaterThanOrEqual(2)
    expect(plugin.stats.dropped).toBe(0)
  })

  it('the code that judges a failure loads only when a request fails', async () => {
    onDemand.judgeReads = 0
    const sent = fakeFetch((n) => (n === 2 ? { status: 500 } : { status: 200 }))
    const { analytics, plugin } = await make()
    void analytics.track('A')
    await tick(1500)
    expect(messages(sent, true).map((m) => m.event)).toEqual(['A'])
    expect(onDemand.judgeReads).toBe(0)
    void analytics.track('B')
    await tick(1500)
    expect(onDemand.judgeReads).toBe(1)
    await tick(5000)
    expect(messages(sent, true).map((m) => m.event)).toEqual(['A', 'B'])
    expect(plugin.stats).toMatchObject({ delivered: 2, retries: 1, dropped: 0 })
  })

  it('when that code cannot be loaded, the events are kept, nothing is sent meanwhile, and they are tried again 5 s later', async () => {
    onDemand.judgeMissing = true
    try {
      const sent = fakeFetch((n) => (n === 1 ? { status: 400 } : { status: 200 }))
      const { analytics, plugin } = await make()
      void analytics.track('A')
      await tick(1500)
      expect(sent).toHaveLength(1)
      void analytics.track('B')
      await tick(3000)
      expect(sent).toHaveLength(1)
      expect(storedRows()).toHaveLength(2)
      onDemand.judgeMissing = false
      await tick(2000)
      expect(messages(sent, true).map((m) => m.event)).toEqual(['A', 'B'])
      expect(plugin.stats).toMatchObject({ delivered: 2, dropped: 0 })
    } finally {
      onDemand.judgeMissing = false
    }
  })

  it('keeps retrying past any attempt count; drops only at maxAge, counted', async () => {
    const sent = fakeFetch(() => ({ status: 503 }))
    const { analytics, plugin } = await make({}, { delivery: { maxAge: 120_000 } })
    const failures: any[] = []
    analytics.on('delivery_failure', (f) => failures.push(f))
    void analytics.track('A')
    await tick(100_000)
    expect(sent.length).toBeGreaterThan(5)
    expect(plugin.stats.dropped).toBe(0)
    await tick(120_000)
    expect(plugin.stats.expired).toBe(1)
    expect(failures[0].reason).toMatch(/maxAge/)
    expect(storedRows()).toHaveLength(0)
  })
})

describe('offline', () => {
  it('pauses while navigator.onLine is false and resumes on the online event', async () => {
    let online = false
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online)
    const sent = fakeFetch()
    const { analytics } = await make()
    for (let i = 0; i < 10; i++) void analytics.track(`E${i}`)
    await tick(10_000)
    expect(sent).toHaveLength(0)
    expect(storedRows()).toHaveLength(10)
    online = true
    window.dispatchEvent(new Event('online'))
    await tick(10)
    expect(messages(sent, true)).toHaveLength(10)
  })
})

describe('delivery events', () => {
  it('delivery_success(ctx) for each acknowledged event; delivery_failure for one rejected for good', async () => {
    const sent = fakeFetch((n) => (n === 2 ? { status: 400 } : { status: 200 }))
    const { analytics } = await make({ deliveryStrategy: { strategy: 'standard' } }) // one request per event
    const successes: any[] = []
    const failures: any[] = []
    analytics.on('delivery_success', (ctx) => successes.push(ctx))
    analytics.on('delivery_failure', (f) => failures.push(f))
    const a = analytics.track('A')
    const b = analytics.track('B')
    await tick(3000)
    expect(sent).toHaveLength(2)
    expect(successes).toHaveLength(1)
    expect(successes[0]).toBe(await a) // the event's own Context
    expect(failures).toMatchObject([{ code: 'delivery_failure', reason: 'rejected by the tracking API (HTTP 400)', ctx: await b }])
  })
})

describe('page hide', () => {
  it('flushes at once with keepalive under 64 KB, then sendBeacon when leaving', async () => {
    const sent = fakeFetch()
    const beacons: string[] = []
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: (_: string, b: Blob) => (beacons.push(b as never), true) })
    const { analytics } = await make({}, { delivery: { flushInterval: 60_000, batchSize: 1000 } })
    for (let i = 0; i < 150; i++) void analytics.track(`E${i}`, { pad: 'x'.repeat(1000) })
    await tick(100)
    expect(sent).toHaveLength(0)
    window.dispatchEvent(new Event('pagehide'))
    expect(sent).toHaveLength(1)
    expect(sent[0].keepalive).toBe(true)
    expect(new TextEncoder().encode(sent[0].raw).length).toBeLessThanOrEqual(64 * 1024)
    expect(beacons.length).toBeGreaterThanOrEqual(2)
    for (const b of beacons) expect((b as unknown as Blob).size).toBeLessThanOrEqual(64 * 1024)
    delete (navigator as any).sendBeacon
  })

  it('a cross-document navigation sends at once with keepalive, and records the answer at once', async () => {
    const nav = new EventTarget()
    vi.stubGlobal('navigation', nav)
    const sent = fakeFetch()
    const { analytics } = await make({}, { delivery: { flushInterval: 60_000 } })
    void analytics.track('Clicked')
    await tick(10)
    const navigate = (sameDocument: boolean) => nav.dispatchEvent(Object.assign(new Event('navigate'), { destination: { sameDocument } }))
    navigate(true) // a same-document navigation changes nothing
    await tick(10)
    expect(sent).toHaveLength(0)
    navigate(false)
    await tick(1)
    expect(sent).toHaveLength(1)
    expect(sent[0].keepalive).toBe(true)
    await endOfTask()
    expect(storedRows()).toHaveLength(0) // the ack is written without waiting for the lazy write
  })

  it('a request that starts once the page is leaving uses keepalive (a followed link)', async () => {
    const nav = new EventTarget()
    vi.stubGlobal('navigation', nav)
    const sent = fakeFetch()
    const { analytics } = await make({}, { delivery: { leadingFlush: true } })
    void analytics.track('Clicked')
    await endOfTask() // accepted and through the pipeline: the uploader will send in the next task
    nav.dispatchEvent(Object.assign(new Event('navigate'), { destination: { sameDocument: false } }))
    await tick(1)
    expect(sent).toHaveLength(1)
    expect(sent[0].keepalive).toBe(true)
    expect(messages(sent).map((m) => m.event)).toEqual(['Clicked'])
  })
})
