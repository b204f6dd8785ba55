import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeLocks, fakeFetch, messages, onDemand, setup, storedRows, type Setup } from './helpers'

const plugins: Setup['plugin'][] = []
async function make(...args: Parameters<typeof setup>) {
  const s = await setup(...args)
  plugins.push(s.plugin)
  return s
}
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms)
const endOfTask = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}
const unload = (p: Setup['plugin']) => p.unload?.(undefined as never, undefined as never)

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  // Backoff jitter made repeatable: retries land at known times whatever the draw would have been.
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})
afterEach(() => {
  onDemand.missing = false
  for (const p of plugins.splice(0)) unload(p)
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  delete (navigator as any).locks
})

describe('write-ahead outbox', () => {
  it('an accepted event is in localStorage by the end of the task, before any plugin runs', async () => {
    fakeFetch()
    const { analytics } = await make()
    const storedWhenPluginsRan: string[][] = []
    const spy = () => void storedWhenPluginsRan.push(storedRows().map((r) => r[3].event))
    await analytics.register({ name: 'spy', type: 'before', isLoaded: () => true, load: () => {}, track: spy })
    const started: string[] = []
    analytics.on('dispatch_start', () => started.push(String(storedRows().length)))
    const done = analytics.track('A')
    expect(storedRows()).toHaveLength(0) // written once per task, not per call
    await endOfTask()
    expect(storedRows().map((r) => r[3].event)).toEqual(['A'])
    expect(storedWhenPluginsRan).toEqual([['A']])
    expect(storedRows()[0][3].messageId).toBe((await done).event.messageId)
  })

  it('a burst of 10,000 track() calls costs a handful of storage writes, and all are delivered', async () => {
    const sent = fakeFetch()
    const { analytics, plugin } = await make()
    for (let i = 0; i < 10_000; i++) void analytics.track('Burst', { i })
    await endOfTask()
    const afterAccept = plugin.stats.storageWrites
    expect(afterAccept).toBeLessThanOrEqual(10)
    expect(storedRows().length + plugin.stats.notPersisted).toBe(10_000)
    await tick(30_000)
    const got = messages(sent, true)
    expect(got).toHaveLength(10_000)
    expect(new Set(got.map((m) => m.messageId)).size).toBe(10_000)
    expect(plugin.stats.storageWrites).toBeLessThan(60)
    expect(storedRows()).toHaveLength(0)
    console.log(`10,000 burst: ${afterAccept} writes to accept, ${plugin.stats.storageWrites} writes in all, ${sent.length} requests`)
  }, 30_000)

  it('survives a new Analytics instance (reload): the next one sends what is left, same messageIds', async () => {
    fakeFetch(() => 'network')
    const first = await make()
    const accepted = await Promise.all([first.analytics.track('A'), first.analytics.track('B'), first.analytics.page()])
    await tick(3000)
    unload(first.plugin) // the page goes away
    expect(storedRows()).toHaveLength(3)
    const sent = fakeFetch()
    const second = await make()
    await tick(3000)
    const got = messages(sent, true)
    expect(got.map((m) => m.messageId).sort()).toEqual(accepted.map((c) => c.event.messageId).sort())
    expect(got.every((m) => m.writeKey === 'WK' && m._metadata)).toBe(true)
    expect(second.plugin.stats.adopted).toBe(3)
    await tick(2000)
    expect(storedRows()).toHaveLength(0)
  })

  it('an event accepted but never through the pipeline is sent as accepted on the next load', async () => {
    const early = fakeFetch()
    const first = await make()
    // A before plugin that never finishes: the event never reaches the Segment.io stage.
    await first.analytics.register({ name: 'stuck', type: 'before', isLoaded: () => true, load: () => {}, track: () => new Promise(() => {}) })
    void first.analytics.track('Early', { a: 1 })
    await tick(5000)
    expect(early).toHaveLength(0)
    const row = storedRows()[0]
    expect(row[2]).toBe(0) // stored as accepted
    unload(first.plugin) // the tab goes away
    const sent = fakeFetch()
    await make()
    await tick(3000)
    expect(messages(sent, true)).toMatchObject([{ event: 'Early', properties: { a: 1 }, writeKey: 'WK', messageId: row[3].messageId }])
  })

  it('picks up an Analytics.js 2.0 persisted queue for the same writeKey once, and removes it', async () => {
    const ev = (n: number) => ({
      type: 'track',
      event: `Left${n}`,
      messageId: `ajs-next-${n}`,
      timestamp: '2026-01-01T00:00:00.000Z',
      properties: {},
      context: {},
      integrations: {},
      anonymousId: 'anon-ajs',
    })
    localStorage.setItem('persisted-queue:v1:WK:dest-Segment.io:items', JSON.stringify([1, 2].map((n) => ({ id: `ctx-${n}`, event: ev(n), logs: [], metrics: [] }))))
    localStorage.setItem('persisted-queue:v1:WK:dest-Segment.io:seen', '{}')
    localStorage.setItem('persisted-queue:v1:OTHER:dest-Segment.io:items', JSON.stringify([{ id: 'x', event: ev(9) }]))
    const sent = fakeFetch()
    await make()
    await tick(3000)
    expect(messages(sent, true)).toMatchObject([
      { messageId: 'ajs-next-1', event: 'Left1', writeKey: 'WK', anonymousId: 'anon-ajs' },
      { messageId: 'ajs-next-2', event: 'Left2', writeKey: 'WK' },
    ])
    expect(localStorage.getItem('persisted-queue:v1:WK:dest-Segment.io:items')).toBeNull()
    expect(localStorage.getItem('persisted-queue:v1:WK:dest-Segment.io:seen')).toBeNull()
    expect(localStorage.getItem('persisted-queue:v1:OTHER:dest-Segment.io:items')).not.toBeNull()
  })
})

describe('the accepting task writes only what it accepted', () => {
  /** Characters (keys and values) passed to localStorage.setItem while `fn` and its microtasks run. */
  async function charsWritten(fn: () => void): Promise<{ chars: number; calls: number }> {
    const setItem = Storage.prototype.setItem
    let chars = 0
    let calls = 0
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, k: string, v: string) {
      chars += k.length + v.length
      calls++
      return setItem.call(this, k, v)
    })
    fn()
    await endOfTask()
    spy.mockRestore()
    return { chars, calls }
  }

  /** `pending` events accepted and through the pipeline (wire form waiting for the lazy write), none delivered. */
  async function withPending(pending: number) {
    fakeFetch(() => 'network')
    const { analytics, plugin } = await make({}, { delivery: { baseBackoff: 60_000, maxBackoff: 60_000 } })
    for (let i = 0; i < pending; i++) void analytics.track('Earlier', { i, plan: 'pro', value: 42.5 })
    await tick(50) // through the pipeline: each stored event now has a newer (wire) form in memory
    return { analytics, plugin }
  }

  it('a track() in a click with 1,000 pending events writes one small segment, as with one pending', async () => {
    const one = await withPending(1)
    const alone = await charsWritten(() => void one.analytics.track('Clicked', { where: 'header' }))
    unload(one.plugin)
    localStorage.clear()

    const busy = await withPending(1000)
    expect(storedRows()).toHaveLength(1000)
    const withThousand = await charsWritten(() => void busy.analytics.track('Clicked', { where: 'header' }))
    console.log(`write-ahead in the accepting task: ${alone.chars} chars with 1 event pending, ${withThousand.chars} with 1,000 pending`)
    expect([alone.calls, withThousand.calls]).toEqual([1, 1])
    expect(withThousand.chars).toBeLessThan(1000)
    // Constant: the same write whatever is pending (only the numbers in the key may differ in length).
    expect(Math.abs(withThousand.chars - alone.chars)).toBeLessThanOrEqual(4)
    expect(storedRows().filter((r) => r[3].event === 'Clicked')).toHaveLength(1)
  })

  it('segments emptied by acks are compacted later, never in the accepting task', async () => {
    // One batch of 250 is acknowledged, the next requests fail: the stored segment is now a quarter empty.
    const sent = fakeFetch((n) => (n === 1 ? { status: 200 } : 'network'))
    const { analytics } = await make({}, { delivery: { batchSize: 250, maxBatchEvents: 250, flushInterval: 10, baseBackoff: 60_000, maxBackoff: 60_000 } })
    for (let i = 0; i < 1000; i++) void analytics.track('Earlier', { i })
    await tick(50)
    expect(messages(sent, true)).toHaveLength(250)
    expect(storedRows()).toHaveLength(1000) // the acked rows are still in their segment: it is rewritten later
    const click = await charsWritten(() => void analytics.track('Clicked'))
    expect(click.calls).toBe(1)
    expect(click.chars).toBeLessThan(1000)
    await tick(2000) // the lazy write compacts
    expect(storedRows()).toHaveLength(751)
  })
})

describe('storage full or unavailable', () => {
  it('falls back to memory, keeps sending, counts what could not be persisted', async () => {
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, k: string, v: string) {
      if (k.startsWith('sb:outbox:WK:')) throw new DOMException('full', 'QuotaExceededError')
      return setItem.call(this, k, v)
    })
    const sent = fakeFetch()
    const { analytics, plugin } = await make()
    for (let i = 0; i < 4; i++) void analytics.track(`E${i}`)
    await tick(3000)
    expect(messages(sent, true)).toHaveLength(4)
    expect(plugin.stats.notPersisted).toBe(4)
    expect(plugin.stats.dropped).toBe(0)
  })

  it('works with no localStorage at all', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const sent = fakeFetch()
    const { analytics, plugin } = await make()
    void analytics.track('A')
    await tick(3000)
    expect(messages(sent, true)).toHaveLength(1)
    expect(plugin.stats.notPersisted).toBe(1)
  })

  it('is bounded: overflow drops the oldest, each counted and reported', async () => {
    const sent = fakeFetch((n) => (n <= 1 ? 'network' : { status: 200 }))
    const { analytics, plugin } = await make({}, { delivery: { maxEvents: 5 } })
    const failures: any[] = []
    analytics.on('delivery_failure', (f) => failures.push(f))
    for (let i = 0; i < 8; i++) void analytics.track(`E${i}`)
    await endOfTask()
    expect(plugin.stats.overflow).toBe(3)
    expect(failures.map((f) => f.ctx.event.event)).toEqual(['E0', 'E1', 'E2'])
    expect(storedRows()).toHaveLength(5)
    await tick(10_000)
    expect(messages(sent, true).map((m) => m.event)).toEqual(['E3', 'E4', 'E5', 'E6', 'E7'])
  })

  it('is bounded in size too: beyond maxBytes the oldest go, counted', async () => {
    const sent = fakeFetch((n) => (n <= 1 ? 'network' : { status: 200 }))
    const { analytics, plugin } = await make({}, { delivery: { maxBytes: 5000 } })
    for (let i = 0; i < 10; i++) void analytics.track(`E${i}`, { pad: 'x'.repeat(400) })
    await endOfTask()
    expect(plugin.stats.overflow).toBeGreaterThan(0)
    const kept = 10 - plugin.stats.overflow
    await tick(1000)
    const stored = storedRows()
    expect(stored.length).toBe(kept)
    expect(stored.reduce((n, r) => n + JSON.stringify(r).length, 0)).toBeLessThanOrEqual(5000)
    await tick(10_000)
    expect(messages(sent, true).map((m) => m.event)).toEqual(Array.from({ length: kept }, (_, i) => `E${10 - kept + i}`))
  })
})

describe('the adoption code loads on demand', () => {
  it('is not loaded on a page that finds nothing left by others, and is once another tab leaves events', async () => {
    fakeFetch(() => 'network')
    onDemand.reads = 0
    const { analytics, plugin } = await make()
    void analytics.track('Mine')
    await tick(12_000) // the first event, then two more looks
    expect(storedRows()).toHaveLength(1) // this tab's own segment is no leftover
    expect(onDemand.reads).toBe(0)
    localStorage.setItem('sb:outbox:WK:gone-tab:1', JSON.stringify([['ctx-x', Date.now(), 0, { type: 'track', event: 'Left', messageId: 'm-x', context: {}, integrations: {} }]]))
    await tick(5000)
    expect(onDemand.reads).toBe(1)
    expect(plugin.stats.adopted).toBe(1)
    expect(localStorage.getItem('sb:outbox:WK:gone-tab:1')).toBeNull()
  })

  it('rows another tab left are data: malformed ones are skipped, the good one is taken', async () => {
    const sent = fakeFetch()
    const good = ['ctx-ok', Date.now(), 0, { type: 'track', event: 'Good', messageId: 'm-ok', context: {}, integrations: {} }]
    localStorage.setItem('sb:outbox:WK:gone-tab:1', JSON.stringify([null, 5, 'x', [], [1, 2, 3, {}], ['ctx-bad', 0, 0, null], good]))
    localStorage.setItem('sb:outbox:WK:gone-tab:2', '{not json')
    const { plugin } = await make()
    await tick(4000)
    expect(plugin.stats.adopted).toBe(1)
    expect(plugin.stats.unreadable).toBe(1)
    expect(messages(sent, true).map((m) => m.messageId)).toEqual(['m-ok'])
    expect(localStorage.getItem('sb:outbox:WK:gone-tab:1')).toBeNull()
    expect(localStorage.getItem('sb:outbox:WK:gone-tab:2')).toBeNull()
  })

  it('a load that fails is tried again at the next look; the events wait safely in storage', async () => {
    const sent = fakeFetch()
    localStorage.setItem('sb:outbox:WK:gone-tab:1', JSON.stringify([['ctx-x', Date.now(), 0, { type: 'track', event: 'Left', messageId: 'm-x', context: {}, integrations: {} }]]))
    onDemand.reads = 0
    onDemand.missing = true
    await make()
    await tick(1500)
    expect(onDemand.reads).toBe(1)
    expect(localStorage.getItem('sb:outbox:WK:gone-tab:1')).not.toBeNull()
    onDemand.missing = false
    await tick(5000)
    expect(onDemand.reads).toBe(2)
    await tick(3000)
    expect(messages(sent, true).map((m) => m.messageId)).toEqual(['m-x'])
    expect(storedRows()).toHaveLength(0)
  })
})

describe('several tabs', () => {
  it('Web Locks: live tabs never send each other’s events; a dead tab’s events are adopted by exactly one tab', async () => {
    const locks = new FakeLocks()
    Object.defineProperty(navigator, 'locks', { configurable: true, value: locks })
    let hang = true
    const sent = fakeFetch(() => (hang ? 'network' : { status: 200 }))
    const a = await make()
    const b = await make()
    void a.analytics.track('FromA')
    void b.analytics.track('FromB')
    await tick(6000) // scans ran in every tab
    expect(a.plugin.stats.adopted + b.plugin.stats.adopted).toBe(0)
    expect(locks.held.size).toBeGreaterThanOrEqual(2)
    unload(a.plugin) // tab A dies mid-retry: its lock is released
    const c = await make()
    hang = false
    await tick(70_000) // past the longest possible backoff (60 s cap, full jitter)
    expect(b.plugin.stats.adopted + c.plugin.stats.adopted).toBe(1)
    const ok = messages(sent, true)
    expect(ok.map((m) => m.event).sort()).toEqual(['FromA', 'FromB'])
    expect(storedRows()).toHaveLength(0)
  })

  it('lease fallback: a tab whose lease lapsed is adopted; a live one is not', async () => {
    const sent = fakeFetch(() => 'network')
    const a = await make()
    void a.analytics.track('FromA')
    await tick(2000)
    const b = await make()
    await tick(6000)
    expect(b.plugin.stats.adopted).toBe(0)
    // A crashes: no unload, its lease is just never renewed again.
    const leaseKey = Object.keys(localStorage).find((k) => k.startsWith('sb:outbox:WK~') && !k.endsWith('scan') && localStorage.getItem(k))!
    a.analytics.off('dispatch_start')
    unload(a.plugin)
    localStorage.setItem(leaseKey, String(Date.now() - 1))
    localStorage.setItem(`sb:outbox:WK:${leaseKey.split('~')[1]}:99`, JSON.stringify(storedRows()))
    await tick(6000)
    expect(b.plugin.stats.adopted).toBe(1)
    expect(sent.length).toBeGreaterThan(0)
  })
})
