// @vitest-environment node
// The benchmark's summary: ways in that Analytics.js 2.0 lacks are compared with its first visit.
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM module without types
import { summarize, timelines } from '../../bench/lib/report.mjs'

const visit = (firstEventMs: number, paths: string[]) => ({
  firstEventMs,
  jsBrotli: 1,
  timeline: paths.map((path, i) => ({ path, issuedMs: i * 10 })),
})
const libs = [
  { id: 'switchboard', name: 'Switchboard' },
  { id: 'ajs', name: 'Analytics.js 2.0' },
]
const runs = {
  switchboard: {
    load: [visit(300, ['/p', '/b', '/s', '/v1/b'])],
    repeat: [visit(90, ['/p', '/b', '/v1/b']), visit(100, ['/p', '/b', '/v1/b']), { error: 'boom' }],
  },
  ajs: {
    load: [visit(400, ['/p', '/b', '/s', '/v1/p'])],
    repeat: [visit(350, ['/p', '/b', '/s', '/v1/p'])],
  },
}

describe('bench summary', () => {
  const rows = summarize(runs, libs, { burst: 10, wire: 10 })
  const row = (label: RegExp) => rows.find((r: any) => label.test(r.label))

  it('compares the repeat visit with Analytics.js 2.0 first visit against its target', () => {
    const repeat = row(/^First event: repeat visit, settings kept/)
    expect(repeat.values).toEqual({ switchboard: 95, ajs: 400 })
    expect(repeat.ratio).toBeCloseTo(95 / 400)
    expect(repeat.verdict).toBe('pass')
  })

  it('also shows each library on its own repeat visit, without a target', () => {
    const each = row(/^First event: repeat visit, each library/)
    expect(each.values).toEqual({ switchboard: 95, ajs: 350 })
    expect(each.target).toBeNull()
  })

  it('prints the timeline of the run closest to the median', () => {
    const lines: string[] = timelines({ runs })
    // 90 and 100 are equally close to the median (95): the first one counts.
    expect(lines).toContain('- Switchboard, repeat visit (90 ms): /p @ 0 → /b @ 10 → /v1/b @ 20 → at collector 90')
    expect(lines.some((l) => l.startsWith('- Analytics.js 2.0, first visit, official snippet (400 ms)'))).toBe(true)
  })
})
