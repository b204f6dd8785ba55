// One measured page visit per function, each in a fresh browser context (cold cache, empty
// storage). `env` = { browser, site, collectorURL, watch }, `lib` = { id, path }.
import { compressedSizes } from '../size.mjs'
import { sleep } from './collector.mjs'

/** What the slow network and CPU throttling emulate (DevTools protocol). */
export const THROTTLE = {
  cpuRate: 4,
  network: { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 },
}

const TRACKING_PATH = /^\/v1\/(batch|b|t|i|p|g|a|s|track|identify|page|group|alias|screen)$/

export function isTrackingRequest(url, collectorURL) {
  const u = new URL(url)
  return u.origin === collectorURL && TRACKING_PATH.test(u.pathname)
}

/** How long after the last delivery the burst is still watched, and the heap taken. */
const SETTLE_MS = 2000

/** The same event for both libraries. */
const BENCH_EVENT = 'Bench Event'

/**
 * Runs `count` track() calls in one synchronous loop, timed inside the page. The loop runs in
 * a timer task of the page (as a site's own code would), not in the DevTools evaluation task,
 * which the long-task observer does not see.
 */
function trackLoop(page, count) {
  return page.evaluate(
    ([n, name]) =>
      new Promise((resolve) => {
        setTimeout(() => {
          const analytics = window.analytics
          const t0 = performance.now()
          for (let i = 0; i < n; i++) analytics.track(name, { i, plan: 'pro', value: 42.5, currency: 'USD' })
          const t1 = performance.now()
          resolve({ t0, t1, origin: performance.timeOrigin })
        }, 0)
      }),
    [count, BENCH_EVENT],
  )
}

async function withPage(env, fn) {
  const context = await env.browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    return await fn(page, cdp)
  } finally {
    await context.close().catch(() => {})
  }
}

/** Loads the page, waits for the library to replace the stub and for the snippet's page() to arrive. */
async function loadAndSettle(env, lib, page) {
  await env.watch.reset()
  await page.goto(env.site.url + lib.path, { waitUntil: 'load', timeout: 30_000 })
  await page.waitForFunction(
    () => !!window.analytics && window.analytics.initialized === true && !Array.isArray(window.analytics),
    null,
    { timeout: 30_000 },
  )
  await env.watch.waitForCount(1, 30_000)
  // Let whatever follows the first delivery (timers, storage writes) finish before measuring.
  await sleep(1000)
  await env.watch.reset()
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN
}

/**
 * Metrics 1 and 2: JS fetched before the first event request was issued, and the time from
 * navigation start to that event's arrival at the collector, with the request timeline up to it.
 * `path` is the page (default: the library's own); `repeat` measures the second page of a visit
 * (the same page loaded once before in the same context, so whatever a library keeps from one
 * page to the next is there); throttling applies to the measured page.
 */
export function loadRun(env, lib, { throttled, path = lib.path, repeat = false }) {
  return withPage(env, async (page, cdp) => {
    if (repeat) {
      await env.watch.reset()
      await page.goto(env.site.url + path, { waitUntil: 'load', timeout: 30_000 })
      await env.watch.waitForCount(1, 30_000)
      // Past the settings, the first delivery and anything timed after them (a refresh 1 s later).
      await sleep(1500)
    }
    if (throttled) {
      await cdp.send('Network.enable')
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuRate })
      await cdp.send('Network.emulateNetworkConditions', THROTTLE.network)
    }
    await env.watch.reset()
    let seq = 0
    let firstEventSeq = Infinity
    const scripts = []
    const other = []
    const issued = []
    page.on('request', (req) => {
      const n = ++seq
      if (issued.length < 20) issued.push({ n, path: new URL(req.url()).pathname, at: Date.now() })
      if (isTrackingRequest(req.url(), env.collectorURL)) firstEventSeq = Math.min(firstEventSeq, n)
      else if (req.resourceType() === 'script') scripts.push({ n, req })
      else if (req.resourceType() !== 'document') other.push({ n, req })
    })
    const nodeStart = Date.now()
    await page.goto(env.site.url + path, { waitUntil: 'commit', timeout: 60_000 })
    const first = await env.watch.waitForCount(1, 60_000)
    const timeOrigin = await page.evaluate(() => performance.timeOrigin)
    const before = scripts.filter((s) => s.n < firstEventSeq)
    const bodies = await Promise.all(before.map(async ({ req }) => (await (await req.response())?.body()) ?? Buffer.alloc(0)))
    const js = compressedSizes(Buffer.concat(bodies))
    return {
      jsRaw: js.raw,
      jsGzip: js.gzip,
      jsBrotli: js.brotli,
      scripts: before.map(({ req }, i) => ({ url: new URL(req.url()).pathname, raw: bodies[i].length })),
      otherRequestsBeforeFirstEvent: other.filter((o) => o.n < firstEventSeq).map(({ req }) => new URL(req.url()).pathname),
      firstEventMs: first.doneMs - timeOrigin,
      firstEventStartedMs: first.atMs - timeOrigin,
      firstEventMsNodeClock: first.doneMs - nodeStart,
      firstEventPath: first.path,
      // When Playwright reported each request (node clock, ms after navigation start; its events
      // lag the browser by a few ms, more on a busy machine: for reading, not for the table).
      timeline: issued.filter((r) => r.n <= firstEventSeq).map((r) => ({ path: r.path, issuedMs: Math.round(r.at - timeOrigin) })),
    }
  })
}

/** Metrics 3 and 5: a burst of `count` track() calls after load, until all are delivered. */
export function burstRun(env, lib, { count, timeoutMs }) {
  return withPage(env, async (page, cdp) => {
    await cdp.send('Performance.enable')
    await loadAndSettle(env, lib, page)
    const heapAfterLoad = await heapUsed(cdp)
    const taskBefore = await taskSeconds(cdp)
    const loop = await trackLoop(page, count)
    let last
    let timedOut = null
    try {
      last = await env.watch.waitForCount(count, timeoutMs)
    } catch (err) {
      timedOut = `${env.watch.accepted} of ${count} delivered after ${timeoutMs} ms`
    }
    const deliveredAt = last ? last.doneMs - loop.origin : null // page clock
    const taskAfter = await taskSeconds(cdp)
    // Clean-up that follows delivery (outbox pruning, timers) belongs to the burst too: watch
    // for long tasks a little longer, and take the heap once it has settled.
    await sleep(SETTLE_MS)
    const { longtasks, noLongtask } = await page.evaluate(() => window.__bench)
    const heapAfter = await heapUsed(cdp)

    const loopTask = longtasks.find((t) => t.start <= loop.t0 && t.start + t.duration >= loop.t1)
    const loopTaskEnd = loopTask ? loopTask.start + loopTask.duration : loop.t1
    const horizon = (deliveredAt ?? loop.t1 + timeoutMs) + SETTLE_MS
    const after = longtasks.filter((t) => t.start >= loopTaskEnd - 1 && t !== loopTask && t.start <= horizon)
    const requests = env.watch.requests
    return {
      count,
      loopMs: loop.t1 - loop.t0,
      perCallUs: ((loop.t1 - loop.t0) * 1000) / count,
      loopTaskMs: loopTask?.duration ?? null,
      loopTaskTailMs: loopTask ? Math.max(0, loopTaskEnd - loop.t1) : 0,
      longTasksAfter: after.length,
      longTaskAfterMaxMs: after.reduce((m, t) => Math.max(m, t.duration), 0),
      mainThreadUntilDeliveredMs: (taskAfter - taskBefore) * 1000,
      deliveredMs: last ? last.doneMs - (loop.origin + loop.t0) : null,
      deliveredRequests: requests.length,
      delivered: env.watch.accepted,
      timedOut,
      heapAfterLoad,
      heapAfterBurst: heapAfter,
      longtaskObserverError: noLongtask ?? null,
      // Relative to the loop's start, for reading the JSON (the first 40 after the loop began).
      longTasks: longtasks
        .filter((t) => t.start + t.duration >= loop.t0)
        .slice(0, 40)
        .map((t) => ({ start: Math.round(t.start - loop.t0), duration: Math.round(t.duration) })),
      loopEnd: Math.round(loop.t1 - loop.t0),
    }
  })
}

/** Metric 4: requests and request-body bytes for `count` events sent in one burst after load. */
export function wireRun(env, lib, { count, timeoutMs }) {
  return withPage(env, async (page) => {
    await loadAndSettle(env, lib, page)
    const posts = []
    page.on('request', (req) => {
      if (isTrackingRequest(req.url(), env.collectorURL)) posts.push(req)
    })
    await trackLoop(page, count)
    await env.watch.waitForCount(count, timeoutMs)
    await sleep(1000) // a retry or a straggler would still count
    const body = posts.reduce((sum, req) => sum + (req.postDataBuffer()?.length ?? 0), 0)
    const serverBytes = env.watch.requests.reduce((sum, r) => sum + (r.bytes > 0 ? r.bytes : 0), 0)
    return {
      count,
      requests: posts.length,
      requestsPer1000: (posts.length * 1000) / count,
      bodyBytesPerEvent: body / count,
      serverAcceptedRequests: env.watch.requests.length,
      serverBodyBytesPerEvent: serverBytes / count,
      delivered: env.watch.accepted,
    }
  })
}
