// Server rendering: a shared `analytics.ts` module imported in Node (Next.js, Remix) loads at
// once, every call settles, and a server's worth of calls keeps nothing.
import { describe, expect, it } from 'vitest'
import { createApp, output } from './apps'

const SERVER = `
import { AnalyticsBrowser } from 'switchboard-analytics'

// As in an app's shared analytics.ts: one instance for the module, made at import time.
export const analytics = AnalyticsBrowser.load({ writeKey: 'WRITE_KEY' })

const heap = () => {
  for (let i = 0; i < 3; i++) globalThis.gc()
  return process.memoryUsage().heapUsed
}
const CALLS = 100_000
const [instance, loadCtx] = await analytics
let settled = 0
let sent = 0
const count = (ctx) => {
  settled++
  if (!ctx.failedDelivery()) sent++
}
// Warm up (JIT, lazily created internals) before the first measurement.
for (let i = 0; i < 2_000; i++) await analytics.track('Warm Up')
const before = heap()
for (let i = 0; i < CALLS; i++) {
  // As request handlers would: the buffered-looking wrapper and the instance, every call type.
  const target = i % 2 ? analytics : instance
  const p = i % 10 === 0 ? target.identify('user-' + i, { n: i }) : i % 10 === 1 ? target.page('Docs', { i }) : target.track('Viewed Product', { i })
  p.then(count)
  if (i % 1_000 === 999) await p
}
await new Promise((resolve) => setTimeout(resolve, 0))
const after = heap()
const reason = (await analytics.track('Last')).failedDelivery()?.reason
console.log(JSON.stringify({ before, after, settled, sent, reason, loadReason: loadCtx.failedDelivery()?.reason, user: instance.user().id() }))
`

describe('server rendering (Node, no window)', () => {
  it('load() and 100,000 calls settle, send nothing and leave the heap flat', () => {
    const app = createApp('ssr', { 'server.mjs': SERVER })
    const run = app.node(['--expose-gc', 'server.mjs'], { timeout: 60_000 })
    expect(run.status, output(run)).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!)
    expect(result.settled).toBe(100_000)
    expect(result.sent).toBe(0)
    expect(result.reason).toMatch(/no browser/)
    expect(result.loadReason).toMatch(/no browser/)
    expect(result.user).toBeNull()
    // Flat: what 100,000 buffered events would cost is tens of MB; allow 1 MB of noise.
    expect(result.after - result.before, `heap grew from ${result.before} to ${result.after} bytes`).toBeLessThan(1_000_000)
    expect(run.stderr).toBe('')
  })

  it('the same from CommonJS (require in a server bundle)', () => {
    const app = createApp('ssr-cjs', {
      'package.json': JSON.stringify({ name: 'ssr-cjs', private: true }),
      'server.js': `
        const { AnalyticsBrowser } = require('switchboard-analytics')
        const analytics = AnalyticsBrowser.load({ writeKey: 'WRITE_KEY' })
        analytics.track('Viewed').then((ctx) => console.log(ctx.failedDelivery().reason))
      `,
    })
    const run = app.node(['server.js'])
    expect(run.status, output(run)).toBe(0)
    expect(run.stdout).toMatch(/no browser/)
  })
})
