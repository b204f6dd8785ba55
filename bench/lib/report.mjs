// Medians, ratios, targets and the Markdown table, with the request timelines of the first event.
import { sizeTable } from '../size.mjs'

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return null
  const mid = v.length >> 1
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/**
 * Each row: where its samples come from (`scenario`, `field`), its unit, and the target for
 * Switchboard / Analytics.js 2.0 (`ratio`), or a check on Switchboard's own value (`check`).
 * `baseline` compares Switchboard in `scenario` with Analytics.js 2.0 in another scenario
 * (its first visit, for the ways of loading that Analytics.js 2.0 does not have).
 */
export const ROWS = [
  { scenario: 'load', field: 'jsRaw', label: 'JS before first event, raw', unit: 'B' },
  { scenario: 'load', field: 'jsGzip', label: 'JS before first event, gzip -9', unit: 'B' },
  { scenario: 'load', field: 'jsBrotli', label: 'JS before first event, brotli 11', unit: 'B', ratio: 0.5 },
  { scenario: 'load', field: 'firstEventMs', label: 'First event: first visit, official snippet (navigation → collector)', unit: 'ms', ratio: 0.8 },
  { scenario: 'throttled', field: 'firstEventMs', label: '… CPU ×4 + 400 ms / 400 kbps', unit: 'ms', ratio: 0.8 },
  { scenario: 'own', baseline: 'load', field: 'firstEventMs', label: "First event: first visit, Switchboard's snippet (vs AJS first visit)", unit: 'ms', ratio: 0.6 },
  { scenario: 'ownThrottled', baseline: 'throttled', field: 'firstEventMs', label: '… throttled', unit: 'ms', ratio: 0.6 },
  { scenario: 'repeat', baseline: 'load', field: 'firstEventMs', label: 'First event: repeat visit, settings kept (vs AJS first visit)', unit: 'ms', ratio: 0.5 },
  { scenario: 'repeatThrottled', baseline: 'throttled', field: 'firstEventMs', label: '… throttled', unit: 'ms', ratio: 0.5 },
  { scenario: 'repeat', field: 'firstEventMs', label: 'First event: repeat visit, each library', unit: 'ms' },
  { scenario: 'repeatThrottled', field: 'firstEventMs', label: '… throttled', unit: 'ms' },
  { scenario: 'inlined', baseline: 'load', field: 'firstEventMs', label: 'First event: first visit, settings inlined by the CDN (vs AJS first visit)', unit: 'ms', ratio: 0.5 },
  { scenario: 'inlinedThrottled', baseline: 'throttled', field: 'firstEventMs', label: '… throttled', unit: 'ms', ratio: 0.5 },
  { scenario: 'burst', field: 'loopMs', label: '{burst} track() calls, main thread', unit: 'ms', ratio: 0.02 },
  { scenario: 'burst', field: 'perCallUs', label: '… per call', unit: 'µs' },
  { scenario: 'burst', field: 'loopTaskMs', label: 'Long task containing the loop', unit: 'ms', empty: '< 50' },
  {
    scenario: 'burst',
    field: 'loopTaskTailMs',
    label: '… of which after the loop returned',
    unit: 'ms',
    check: { text: '≤ 50 ms', pass: (v) => v <= 50 },
  },
  {
    scenario: 'burst',
    field: 'longTasksAfter',
    label: 'Long tasks after the loop task (until 2 s after delivery)',
    unit: '',
    check: { text: '0', pass: (v) => v === 0 },
  },
  { scenario: 'burst', field: 'longTaskAfterMaxMs', label: '… longest', unit: 'ms' },
  { scenario: 'burst', field: 'mainThreadUntilDeliveredMs', label: 'Main-thread task time, loop start → all delivered', unit: 'ms' },
  { scenario: 'burst', field: 'deliveredMs', label: 'All {burst} delivered after', unit: 'ms', ratio: 0.1 },
  { scenario: 'burst', field: 'deliveredRequests', label: '… in requests', unit: '' },
  { scenario: 'wire', field: 'requestsPer1000', label: 'Requests for {wire} events', unit: '', ratio: 0.02 },
  { scenario: 'wire', field: 'bodyBytesPerEvent', label: 'Request body bytes per event', unit: 'B', ratio: 0.6 },
  { scenario: 'burst', field: 'heapAfterLoad', label: 'JS heap after load (after GC)', unit: 'KB', scale: 1 / 1024 },
  { scenario: 'burst', field: 'heapAfterBurst', label: 'JS heap 2 s after {burst} events were delivered (after GC)', unit: 'KB', scale: 1 / 1024, ratio: 1 },
  ...clickRows(),
]

/** How the click rows were measured, and whether any click's event was lost. */
function clickNotes(result) {
  const clicks = Object.entries(result.runs).flatMap(([lib, byScenario]) =>
    Object.entries(byScenario)
      .filter(([scenario]) => scenario.startsWith('click-'))
      .flatMap(([, runs]) => runs.filter((r) => !r.error).map((r) => ({ lib, ...r }))),
  )
  if (!clicks.length) return []
  const lost = (lib) => {
    const checked = clicks.filter((r) => r.lib === lib && r.arrived !== null)
    return `${checked.filter((r) => r.arrived === false).length} of ${checked.length}`
  }
  const unreported = (lib, navigates) => {
    const runs = clicks.filter((r) => r.lib === lib && (r.navigationMs != null) === navigates)
    return `${runs.filter((r) => !r.interactionReported).length} of ${runs.length}`
  }
  return [
    'Clicks: a real mouse click; click → navigation is the next page\'s navigation start minus the click\'s ' +
      'timestamp; the interaction duration is Event Timing\'s (input to next paint, in steps of 8 ms). The API ' +
      'reports nothing under 16 ms, and nothing for a page that left before its next paint: on a page that stays, ' +
      `an unreported click counts as 16 ms (runs: Switchboard ${unreported('switchboard', false)}, Analytics.js 2.0 ` +
      `${unreported('ajs', false)}); on a page that left before painting, it counts as click → navigation, at least 16 ms ` +
      `(Switchboard ${unreported('switchboard', true)}, Analytics.js 2.0 ${unreported('ajs', true)}, untracked link and form included). ` +
      `Click events lost: Switchboard ${lost('switchboard')}, Analytics.js 2.0 ${lost('ajs')} (not checked with 1,000 pending; untracked clicks have none). ` +
      'The untracked link and form are the browser\'s own floor on each library\'s page: a form\'s navigation starts a task ' +
      'after its submission, however it is submitted.',
    '',
  ]
}

/** Click scenarios, at CPU 1× and 4×: time to navigation, and the interaction as Event Timing reports it. */
function clickRows() {
  const what = {
    link: 'Tracked link (trackLink)',
    form: 'Tracked form (trackForm)',
    button: 'Button whose handler calls track()',
    pending: '… with 1,000 events pending',
    plainlink: 'Untracked link (the floor)',
    plainform: 'Untracked form (the floor)',
  }
  const rows = []
  for (const [kind, label] of Object.entries(what))
    for (const cpu of ['', '-4x']) {
      const scenario = `click-${kind}${cpu}`
      const at = cpu ? ', CPU ×4' : ''
      if (kind.startsWith('plain')) {
        rows.push({ scenario, field: 'navigationMs', label: `${label}: click → navigation${at}`, unit: 'ms' })
        continue
      }
      if (kind === 'link' || kind === 'form') rows.push({ scenario, field: 'navigationMs', label: `${label}: click → navigation${at}`, unit: 'ms', ratio: 0.3 })
      rows.push({ scenario, field: 'interactionMs', label: `${label}: interaction duration${at}`, unit: 'ms', ratio: 1 })
      rows.push({ scenario, field: 'processingMs', label: `… of which the click's handlers${at}`, unit: 'ms' })
    }
  return rows
}

const n = (x) => x.toLocaleString('en-US')

/** `runs[lib][scenario]` = array of results (or { error }); `counts` = { burst, wire } event counts. */
export function summarize(runs, libs, counts) {
  return ROWS.map((template) => {
    const row = { ...template, label: template.label.replace('{burst}', n(counts.burst)).replace('{wire}', n(counts.wire)) }
    const values = {}
    const samples = {}
    for (const lib of libs) {
      const results = runs[lib.id]?.[lib.id === 'ajs' && row.baseline ? row.baseline : row.scenario] ?? []
      samples[lib.id] = results.filter((r) => !r.error).map((r) => r[row.field] ?? null)
      values[lib.id] = median(samples[lib.id])
    }
    const sb = values.switchboard
    const ajs = values.ajs
    const ratio = sb != null && ajs != null && ajs !== 0 ? sb / ajs : null
    let target = null
    let verdict = null
    if (row.ratio != null) {
      target = `≤ ${row.ratio}×`
      verdict = ratio == null ? 'n/a' : ratio <= row.ratio ? 'pass' : 'miss'
    } else if (row.check) {
      target = row.check.text
      verdict = sb == null ? 'n/a' : row.check.pass(sb) ? 'pass' : 'miss'
    }
    return { ...row, check: undefined, values, samples, ratio, target, verdict }
  })
}

function fmtValue(row, lib) {
  const v = row.values[lib]
  if (v == null) return row.samples[lib]?.length ? row.empty ?? '—' : '—'
  const x = v * (row.scale ?? 1)
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2
  const text = x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
  return row.unit ? `${text} ${row.unit}` : text
}

function fmtRatio(r) {
  if (r == null) return '—'
  if (r === 0) return '0×'
  return r < 0.01 ? r.toFixed(4) + '×' : r < 1 ? r.toFixed(3) + '×' : r.toFixed(2) + '×'
}

export function markdown(result) {
  const { machine, config, summary } = result
  const lines = []
  const commit = config.commit ? ` (${config.commit})` : ''
  lines.push(`Switchboard ${config.switchboardVersion}${commit} vs Analytics.js 2.0 ${config.ajsVersion} — \`${config.command}\`, ${config.date}`)
  lines.push('')
  lines.push(
    `Machine: ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.platform}; Chromium ${machine.chromium}; Node ${machine.node}; load average ${machine.loadAverage.join(' / ')} (1/5/15 min) at the end. ` +
      `Medians of ${config.roundsText}; each run in a fresh browser context, libraries interleaved.`,
  )
  lines.push('')
  lines.push('| metric | Switchboard | Analytics.js 2.0 | Switchboard / AJS | target | |')
  lines.push('|---|---:|---:|---:|---|---|')
  for (const row of summary) {
    lines.push(
      `| ${row.label} | ${fmtValue(row, 'switchboard')} | ${fmtValue(row, 'ajs')} | ${fmtRatio(row.ratio)} | ${row.target ?? ''} | ${row.verdict ?? ''} |`,
    )
  }
  lines.push('')
  lines.push(...clickNotes(result))
  lines.push(...timelines(result))
  if (config.skipped?.length) {
    lines.push('')
    lines.push(`Skipped (over the time budget): ${config.skipped.join(', ')}.`)
  }
  if (result.errors.length) {
    lines.push('')
    lines.push('Runs that failed:')
    for (const e of result.errors) lines.push(`- ${e.lib} ${e.scenario} round ${e.round}: ${e.error}`)
  }
  lines.push('')
  lines.push('Bundle sizes (bytes; gzip level 9, brotli quality 11):')
  lines.push('')
  lines.push(sizeTable(result.sizes))
  lines.push('')
  return lines.join('\n')
}

/** The scenarios whose first event is timed, with how they are named in the timelines. */
const FIRST_EVENT_SCENARIOS = [
  ['load', 'first visit, official snippet'],
  ['own', "first visit, Switchboard's snippet"],
  ['repeat', 'repeat visit'],
  ['inlined', 'first visit, settings inlined'],
  ['throttled', 'first visit, official snippet, throttled'],
  ['ownThrottled', "first visit, Switchboard's snippet, throttled"],
  ['repeatThrottled', 'repeat visit, throttled'],
  ['inlinedThrottled', 'first visit, settings inlined, throttled'],
]

/** The run closest to the median first-event time, or undefined. */
function medianRun(results = []) {
  const ok = results.filter((r) => !r.error && Number.isFinite(r.firstEventMs))
  const m = median(ok.map((r) => r.firstEventMs))
  return m == null ? undefined : ok.reduce((best, r) => (Math.abs(r.firstEventMs - m) < Math.abs(best.firstEventMs - m) ? r : best))
}

/** Markdown: each scenario's median run as `request @ ms after navigation start`, up to the first event. */
export function timelines(result) {
  const lines = ['Request timelines up to the first event (median run; ms after navigation start, as Playwright saw each request issued):', '']
  const names = { switchboard: 'Switchboard', ajs: 'Analytics.js 2.0' }
  for (const [scenario, title] of FIRST_EVENT_SCENARIOS) {
    for (const lib of ['switchboard', 'ajs']) {
      const run = medianRun(result.runs[lib]?.[scenario])
      if (!run) continue
      const steps = run.timeline.map((t) => `${t.path.replace(/^\/v1\/projects\/[^/]+/, '/v1/projects/…').replace(/^\/analytics\.js\/v1\/[^/]+/, '/analytics.js/v1/…')} @ ${t.issuedMs}`)
      lines.push(`- ${names[lib]}, ${title} (${Math.round(run.firstEventMs)} ms): ${steps.join(' → ')} → at collector ${Math.round(run.firstEventMs)}`)
    }
  }
  return lines
}
