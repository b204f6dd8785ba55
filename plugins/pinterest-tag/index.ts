// "Pinterest Tag" device-mode destination (core.js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import type { PinterestSettings } from './settings'
import { initCalls, translate } from './translate'

export type { PinterestSettings }

export const pinterestTag: DestinationFactory<PinterestSettings> = destination<PinterestSettings>({
  name: 'Pinterest Tag',
  alternativeNames: [],
  invalid: (s) => (s.tid ? undefined : 'no tid'),
  install() {
    const w = window as any
    if (w.pintrk) return
    // Pinterest's queue: each call's arguments wait in pintrk.queue until core.js loads.
    const pintrk: any = (w.pintrk = (...args: unknown[]) => pintrk.queue.push(args))
    pintrk.queue = []
    pintrk.version = '3.0'
  },
  src: () => 'https://s.pinimg.com/ct/core.js',
  hosts: ['s.pinimg.com'],
  init: (s, env) => initCalls(s, env.traits),
  translate,
})

export default pinterestTag
