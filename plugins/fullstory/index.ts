// "Fullstory (Actions)" / classic "FullStory" device-mode destination (fs.js, Browser API v2).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { org, resetCalls, scriptPath, translate, type FullStorySettings } from './translate'

export type { FullStorySettings }

export const fullstory: DestinationFactory<FullStorySettings> = destination<FullStorySettings>({
  name: 'Fullstory (Actions)',
  alternativeNames: ['FullStory'],
  invalid: (s) => (org(s) ? undefined : 'no orgId'),
  install(s) {
    const w = window as any
    // FullStory's v2 snippet globals: fs.js reads them when it loads.
    w._fs_host = s.host || 'fullstory.com'
    w._fs_script = scriptPath(s)
    w._fs_org = org(s)
    w._fs_namespace = 'FS'
    if (s.appHost) w._fs_app_host = s.appHost
    if (s.recordOnlyThisIFrame || s.isOuterScript) w._fs_is_outer_script = true
    // A page that already runs FullStory keeps its own FS.
    if (w.FS) return
    // The v2 queue: each call waits on FS.q as [operation, options, source, resolve, reject, apiVersion];
    // `_v` tells fs.js which snippet made it.
    const q: unknown[][] = []
    w.FS = Object.assign((operation: string, options?: unknown, source?: string) => void q.push([operation, options, source, undefined, undefined, 2]), { q, _v: '2.0.0' })
  },
  src: (s) => 'https://' + scriptPath(s),
  hosts: ['edge.fullstory.com'],
  translate,
  reset: resetCalls,
})

export default fullstory
