// `npm run bench [-- --quick]`: Switchboard and Analytics.js 2.0 side by side in real Chromium.
// Both load through the official snippet from their own local CDN, with the same settings
// (shaped as Segment's CDN serves them, Segment.io pointed at the dev server's tracking API),
// interleaved over several rounds. Switchboard is also measured through its own snippet, on a
// repeat visit and from a CDN that inlines the settings into the bundle response.
// Writes bench/results/latest.{json,md} (quick runs: quick.{json,md}) and prints the table.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg, totalmem, platform, release } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { startServer } from '../dev/server.mjs'
import { loadBrowserHelper } from './lib/browser.mjs'
import { CollectorWatch } from './lib/collector.mjs'
import { NEXT_PAGE, renderOwnSnippet, renderPage } from './lib/page.mjs'
import { markdown, summarize } from './lib/report.mjs'
import { CLICKS, burstRun, clickRun, loadRun, wireRun, THROTTLE } from './lib/scenarios.mjs'
import { startCdn, startSite } from './lib/servers.mjs'
import { AJS_STANDALONE, CORE_BUNDLE, ROOT, allSizes } from './size.mjs'
import { segmentShapedSettings } from '../e2e/fixtures/settings/segment-shaped.mjs'

const args = process.argv.slice(2)
const QUICK = args.includes('--quick')
/** `--only=load,wire` runs just those scenarios, `--burst=N` changes the burst size (for working on one). */
const ONLY = args.find((a) => a.startsWith('--only='))?.slice(7).split(',')
const WRITE_KEY = 'bench-write-key'
const AJS_DIR = join(ROOT, 'node_modules/@segment/analytics-next/dist/umd')

/** Rounds per scenario (each round runs both libraries, in alternating order). */
const ROUNDS = QUICK
  ? { load: 3, throttled: 1, own: 1, ownThrottled: 1, repeat: 1, repeatThrottled: 1, inlined: 1, inlinedThrottled: 1, burst: 1, wire: 1 }
  : { load: 11, throttled: 5, own: 11, ownThrottled: 5, repeat: 11, repeatThrottled: 5, inlined: 11, inlinedThrottled: 5, burst: 3, wire: 3 }
/** The click scenarios (`click-<kind>` at CPU 1×, `click-<kind>-4x` slowed 4×): rounds each (`--click-rounds=N` to change). */
const clickRoundsArg = Number(args.find((a) => a.startsWith('--click-rounds='))?.slice(15))
const CLICK_ROUNDS = clickRoundsArg > 0 ? clickRoundsArg : QUICK ? 1 : 9
for (const kind of Object.keys(CLICKS)) ROUNDS[`click-${kind}`] = ROUNDS[`click-${kind}-4x`] = CLICK_ROUNDS
// Quick mode fires 2,000 calls instead of 10,000: Analytics.js 2.0 alone needs minutes to
// deliver 10,000 on a busy 2-core machine, and quick mode must finish within 2 minutes.
const burstArg = Number(args.find((a) => a.startsWith('--burst='))?.slice(8))
const BURST = { count: burstArg > 0 ? burstArg : QUICK ? 2_000 : 10_000, timeoutMs: QUICK ? 45_000 : 300_000 }
const WIRE = { count: 1_000, timeoutMs: 90_000 }
/** Past this, remaining runs are skipped and what was measured is written (marked partial). */
const BUDGET_MS = (QUICK ? 120 : 30 * 60) * 1000

const log = (msg) => console.log(`[bench] ${msg}`)
/** The commit measured, and whether the source differed from it (null outside a git checkout). */
function sourceCommit() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = git('status', '--porcelain', '--', 'src', 'plugins', 'snippet', 'rollup.config.mjs') !== ''
    return git('rev-parse', '--short', 'HEAD') + (dirty ? ' + uncommitted changes' : '')
  } catch {
    return null
  }
}
const version = (file) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')).version

/** AJS's CDN: its standalone bundle where the snippet asks for analytics.min.js, chunks from dist/umd. */
function ajsFiles(pathname) {
  if (/^\/analytics\.js\/v1\/[^/]+\/analytics\.min\.js$/.test(pathname)) return AJS_STANDALONE
  const chunk = /^\/analytics-next\/bundles\/([\w.-]+\.js)$/.exec(pathname)?.[1]
  if (chunk && existsSync(join(AJS_DIR, chunk))) return join(AJS_DIR, chunk)
  return undefined
}

async function main() {
  if (!existsSync(CORE_BUNDLE)) throw new Error('dist/analytics.min.js is missing: run `npm run build` (npm run bench does)')
  const started = Date.now()
  // Read before the first page fetches the bundle (the CDN relay pins what it served first).
  const sizes = allSizes()
  // The collector and settings CDN; its bundle route serves the bundle alone.
  const server = await startServer({ port: 0, quiet: true, inlineSettings: false })
  // A second dev server whose bundle route carries the settings (docs/self-hosting.md).
  const inliningServer = await startServer({ port: 0, quiet: true })
  const closers = [() => server.close(), () => inliningServer.close()]
  try {
    // The same settings for both, as Segment's CDN serves them: Segment.io posts to this collector over http.
    const settings = segmentShapedSettings({ writeKey: WRITE_KEY, apiHost: `${server.url.replace(/^http:\/\//, '')}/v1`, protocol: 'http' })
    for (const origin of [server.url, inliningServer.url]) {
      const put = await fetch(`${origin}/__sb/settings/${WRITE_KEY}`, { method: 'PUT', body: JSON.stringify(settings) })
      if (!put.ok) throw new Error(`could not install the bench settings: ${put.status}`)
    }

    const sbCdn = await startCdn({ upstream: server.url })
    const ajsCdn = await startCdn({ upstream: server.url, files: ajsFiles })
    const inlinedCdn = await startCdn({ upstream: inliningServer.url })
    const site = await startSite({
      '/switchboard.html': renderPage({ title: 'Switchboard', writeKey: WRITE_KEY, cdnHost: sbCdn.host }),
      '/ajs.html': renderPage({ title: 'Analytics.js 2.0', writeKey: WRITE_KEY, cdnHost: ajsCdn.host }),
      '/switchboard-own-snippet.html': renderPage({
        title: "Switchboard, its own snippet",
        writeKey: WRITE_KEY,
        cdnHost: sbCdn.host,
        snippet: await renderOwnSnippet({ writeKey: WRITE_KEY, cdnHost: sbCdn.host }),
      }),
      '/switchboard-inlined.html': renderPage({ title: 'Switchboard, settings inlined', writeKey: WRITE_KEY, cdnHost: inlinedCdn.host }),
      '/next.html': NEXT_PAGE,
    })
    closers.push(() => sbCdn.close(), () => ajsCdn.close(), () => inlinedCdn.close(), () => site.close())

    const watch = new CollectorWatch(server.url)
    await watch.connect()
    closers.push(() => watch.close())

    const { launchBrowser } = await loadBrowserHelper()
    const browser = await launchBrowser()
    closers.push(() => browser.close())
    const env = { browser, site, collectorURL: server.url, watch }
    const libs = [
      { id: 'switchboard', name: 'Switchboard', path: '/switchboard.html' },
      { id: 'ajs', name: 'Analytics.js 2.0', path: '/ajs.html' },
    ]
    const both = ['switchboard', 'ajs']
    const sbOnly = ['switchboard']
    /** Each scenario: the run, and which libraries it applies to (the others have no such page). */
    const scenarios = {
      load: { libs: both, run: (lib) => loadRun(env, lib, { throttled: false }) },
      throttled: { libs: both, run: (lib) => loadRun(env, lib, { throttled: true }) },
      own: { libs: sbOnly, run: (lib) => loadRun(env, lib, { throttled: false, path: '/switchboard-own-snippet.html' }) },
      ownThrottled: { libs: sbOnly, run: (lib) => loadRun(env, lib, { throttled: true, path: '/switchboard-own-snippet.html' }) },
      repeat: { libs: both, run: (lib) => loadRun(env, lib, { throttled: false, repeat: true }) },
      repeatThrottled: { libs: both, run: (lib) => loadRun(env, lib, { throttled: true, repeat: true }) },
      inlined: { libs: sbOnly, run: (lib) => loadRun(env, lib, { throttled: false, path: '/switchboard-inlined.html' }) },
      inlinedThrottled: { libs: sbOnly, run: (lib) => loadRun(env, lib, { throttled: true, path: '/switchboard-inlined.html' }) },
      burst: { libs: both, run: (lib) => burstRun(env, lib, BURST) },
      wire: { libs: both, run: (lib) => wireRun(env, lib, WIRE) },
    }
    for (const kind of Object.keys(CLICKS)) {
      scenarios[`click-${kind}`] = { libs: both, run: (lib) => clickRun(env, lib, { kind, cpuRate: 1 }) }
      scenarios[`click-${kind}-4x`] = { libs: both, run: (lib) => clickRun(env, lib, { kind, cpuRate: THROTTLE.cpuRate }) }
    }
    const runs = { switchboard: {}, ajs: {} }
    const errors = []
    const skipped = []
    const maxRounds = Math.max(...Object.values(ROUNDS))
    for (let round = 0; round < maxRounds; round++) {
      const order = round % 2 ? [libs[1], libs[0]] : libs
      for (const [scenario, { libs: ids, run }] of Object.entries(scenarios)) {
        // `--only=click` picks every click-… scenario.
        if (round >= ROUNDS[scenario] || (ONLY && !ONLY.some((o) => scenario === o || scenario.startsWith(`${o}-`)))) continue
        // Both libraries or neither, so that the medians stay paired.
        if (Date.now() - started > BUDGET_MS && round > 0) {
          skipped.push(`${scenario} round ${round + 1}`)
          continue
        }
        for (const lib of order.filter((l) => ids.includes(l.id))) {
          const t = Date.now()
          let result
          try {
            result = await run(lib)
          } catch (err) {
            result = { error: String(err?.message ?? err).split('\n')[0] }
            errors.push({ lib: lib.id, scenario, round: round + 1, error: result.error })
          }
          ;(runs[lib.id][scenario] ??= []).push(result)
          log(`round ${round + 1} ${scenario.padEnd(9)} ${lib.id.padEnd(11)} ${((Date.now() - t) / 1000).toFixed(1)} s ${brief(scenario, result)}`)
        }
      }
    }
    if (skipped.length) log(`over the time budget, skipped: ${skipped.join(', ')}`)

    const machine = {
      cpu: cpus()[0]?.model?.trim() ?? 'unknown CPU',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      platform: `${platform()} ${release()}`,
      chromium: browser.version(),
      node: process.version,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    }
    const done = (scenario) =>
      Math.min(...scenarios[scenario].libs.map((id) => runs[id][scenario]?.length ?? 0))
    const config = {
      command: QUICK ? 'npm run bench -- --quick' : 'npm run bench',
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      switchboardVersion: version('package.json'),
      commit: sourceCommit(),
      ajsVersion: version('node_modules/@segment/analytics-next/package.json'),
      rounds: ROUNDS,
      roundsText:
        `${done('load')} load, ${done('throttled')} throttled, ${done('own')}/${done('ownThrottled')} own-snippet, ` +
        `${done('repeat')}/${done('repeatThrottled')} repeat-visit, ${done('inlined')}/${done('inlinedThrottled')} inlined-settings, ` +
        `${done('burst')} burst, ${done('wire')} wire and ${done('click-link')} click rounds`,
      skipped,
      throttle: THROTTLE,
      burst: BURST,
      wire: WIRE,
      settings,
      durationS: Math.round((Date.now() - started) / 1000),
    }
    const summary = summarize(runs, libs, { burst: BURST.count, wire: WIRE.count })
    const result = { machine, config, sizes, summary, runs, errors }
    const dir = join(ROOT, 'bench/results')
    mkdirSync(dir, { recursive: true })
    // A run of some scenarios only is kept beside the full results, never over them.
    const base = QUICK ? 'quick' : ONLY ? `only-${ONLY.join('+')}` : 'latest'
    writeFileSync(join(dir, `${base}.json`), JSON.stringify(result, null, 2) + '\n')
    const md = markdown(result)
    writeFileSync(join(dir, `${base}.md`), md)
    console.log('\n' + md)
    log(`wrote bench/results/${base}.json and ${base}.md in ${config.durationS} s`)
  } finally {
    for (const close of closers.reverse()) await Promise.resolve().then(close).catch(() => {})
  }
}

function brief(scenario, r) {
  if (r.error) return `ERROR ${r.error}`
  if ('firstEventMs' in r) return `first event ${r.firstEventMs.toFixed(0)} ms, JS ${r.jsBrotli} B br`
  if (scenario.startsWith('click-')) {
    const ms = (v) => (v == null ? '—' : `${v.toFixed(1)} ms`)
    const interaction = r.interactionReported ? ms(r.interactionMs) : r.navigationMs == null ? '< 16 ms' : 'not reported'
    return `click → navigation ${ms(r.navigationMs)}, interaction ${interaction}, processing ${ms(r.processingMs)}${r.arrived === false ? ', EVENT LOST' : ''}`
  }
  if (scenario === 'burst')
    return `loop ${r.loopMs.toFixed(0)} ms, delivered ${r.deliveredMs == null ? r.timedOut : r.deliveredMs.toFixed(0) + ' ms'} in ${r.deliveredRequests} req`
  return `${r.requests} requests, ${r.bodyBytesPerEvent.toFixed(0)} B/event`
}

// Bound the whole run: a hung browser or server must not hang CI.
const watchdog = setTimeout(() => {
  console.error('[bench] giving up: the run took too long')
  process.exit(2)
}, (QUICK ? 3 : 40) * 60_000)
watchdog.unref()

main().then(
  () => process.exit(0),
  (err) => {
    console.error('[bench] failed:', err)
    process.exit(1)
  },
)
