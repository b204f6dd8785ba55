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

/** Whether the collector got the click scenario's event (there is only one since the reset). */
async function clickEventArrived(env, timeoutMs) {
  const end = Date.now() + timeoutMs
  for (;;) {
    const { messages } = await env.watch.snapshot()
    if (messages.some((m) => /^Bench (Link Clicked|Form Submitted|Button Clicked)$/.test(m.event))) return true
    if (Date.now() > end) return false
    await sleep(200)
  }
}

/** The click scenarios: what is clicked, and whether the page moves on. */
export const CLICKS = {
  link: { selector: '#bench-link', navigates: true },
  form: { selector: '#bench-submit', navigates: true },
  button: { selector: '#bench-button', navigates: false },
  pending: { selector: '#bench-button', navigates: false, pending: 1_000 },
  // The same link and form with no tracking at all: the browser's own floor on the same page.
  plainlink: { selector: '#bench-link', navigates: true, plain: true },
  plainform: { selector: '#bench-submit', navigates: true, plain: true },
}

/**
 * Metrics 6 and 7: a real mouse click (Playwright's, through the DevTools input domain) on a link
 * tracked with trackLink, a form tracked with trackForm, or a button whose handler calls track()
 * (with nothing pending, or with `pending` earlier events not yet delivered: the page is offline
 * while they are tracked and clicked). Measured inside the pages: the click's timestamp against
 * the next page's navigation start (performance.timeOrigin, the same clock), and the interaction
 * as the Event Timing API reports it (duration from the input to the next paint, and the
 * processing time of the click's handlers). The CPU is slowed `cpuRate` times for the click only.
 */
export function clickRun(env, lib, { kind, cpuRate }) {
  const { selector, navigates, pending, plain } = CLICKS[kind]
  return withPage(env, async (page, cdp) => {
    await loadAndSettle(env, lib, page)
    const bound = await page.evaluate(async (kind) => {
      if (kind.startsWith('plain')) return true
      const analytics = window.analytics
      const props = { scenario: kind }
      if (kind === 'link') await analytics.trackLink(document.getElementById('bench-link'), 'Bench Link Clicked', props)
      else if (kind === 'form') await analytics.trackForm(document.getElementById('bench-form'), 'Bench Form Submitted', props)
      else document.getElementById('bench-button').addEventListener('click', () => analytics.track('Bench Button Clicked', props))
      return true
    }, kind)
    if (!bound) throw new Error('could not bind the click')
    if (pending) {
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
      await trackLoop(page, pending)
      await sleep(300) // the calls are through the pipeline; their events wait to be sent
    }
    if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
    if (navigates) await Promise.all([page.waitForURL(/\/next\.html/, { timeout: 30_000 }), page.click(selector)])
    else {
      await page.click(selector)
      await sleep(1000) // Event Timing reports an interaction after its next paint
    }
    const seen = await page.evaluate(() => ({
      clickAt: Number(sessionStorage.getItem('__benchClickAt')),
      pagehideAt: Number(sessionStorage.getItem('__benchPagehideAt')) || null,
      events: JSON.parse(sessionStorage.getItem('__benchEvents') || '[]'),
      timeOrigin: performance.timeOrigin,
    }))
    if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    if (pending) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    // The click's event must arrive (with 1,000 pending, Analytics.js 2.0 takes long to send them all: not checked; an untracked click has none).
    const arrived = pending || plain ? null : await clickEventArrived(env, 15_000)
    // The click's interaction: its pointerdown, pointerup and click entries (one interactionId).
    const interaction = seen.events.filter((e) => e.id > 0 && e.id === seen.events.findLast((x) => x.id > 0)?.id)
    const click = interaction.find((e) => e.name === 'click')
    return {
      kind,
      cpuRate,
      navigationMs: navigates ? seen.timeOrigin - seen.clickAt : null,
      pagehideMs: navigates && seen.pagehideAt ? seen.pagehideAt - seen.clickAt : null,
      // Event Timing reports entries of 16 ms or more, after the next paint. On a page that stays,
      // nothing reported means under 16 ms. A page that left before painting reports nothing at all:
      // its interaction lasted until the navigation started (the page was busy with the click until
      // then), so it counts as that, and never under the API's 16 ms floor.
      interactionMs: interaction.length
        ? Math.max(...interaction.map((e) => e.duration))
        : navigates
          ? Math.max(16, seen.timeOrigin - seen.clickAt)
          : 16,
      interactionReported: interaction.length > 0,
      processingMs: click ? click.pe - click.ps : null,
      inputDelayMs: click ? click.ps - click.start : null,
      arrived,
      events: seen.events,
    }
  })
}
