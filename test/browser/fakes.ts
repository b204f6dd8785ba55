// Test doubles for the modules AnalyticsBrowser wires: a Segment.io destination that records
// what it would send, and real identity in memory.
import type { Plugin } from '../../src/core/plugin'
import type { SegmentEvent } from '../../src/core/types'
import type { LoaderDeps } from '../../src/browser/load'
import { createGroup, createUser } from '../../src/identity'

export interface Recorder {
  sent: SegmentEvent[]
  settings: Record<string, any>[]
  calls: string[]
}

export function fakeDeps(rec: Recorder): LoaderDeps {
  const send = (ctx: any) => {
    rec.sent.push(structuredClone(ctx.event))
    return ctx
  }
  return {
    createUser,
    createGroup,
    envEnrichment: () => {
      rec.calls.push('envEnrichment')
      return { name: 'Env', type: 'before', isLoaded: () => true, load: () => undefined }
    },
    segmentio: (_a, settings) => {
      rec.calls.push('segmentio')
      rec.settings.push(settings)
      const p: Plugin = { name: 'Segment.io', type: 'destination', isLoaded: () => true, load: () => undefined }
      for (const t of ['track', 'page', 'identify', 'group', 'alias', 'screen']) p[t] = send
      return p
    },
    runQueryString: () => {
      rec.calls.push('runQueryString')
    },
    trackPageChanges: () => {
      rec.calls.push('trackPageChanges')
    },
  }
}

export const newRecorder = (): Recorder => ({ sent: [], settings: [], calls: [] })

export const cdnSettings = (extra: Record<string, unknown> = {}) => ({
  integrations: { 'Segment.io': { apiKey: 'WK', apiHost: 'collector.example.com/v1' } },
  ...extra,
})
