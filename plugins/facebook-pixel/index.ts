// "Facebook Pixel" (Meta Pixel) device-mode destination (fbevents.js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { isObject } from '../shared/values'
import { hashMarkers } from '../shared/hash'
import type { FbSettings } from './settings'
import { initCalls, resetCalls, translate } from './translate'

export type { FbSettings }

export const facebookPixel: DestinationFactory<FbSettings> = destination<FbSettings>({
  name: 'Facebook Pixel',
  alternativeNames: ['Meta Pixel', 'Facebook', 'Meta'],
  invalid: (s) => (s.pixelId ? undefined : 'no pixelId'),
  install(s) {
    const w = window as any
    if (w.fbq) return
    // The pixel's own queue: calls wait in fbq.queue until fbevents.js defines callMethod.
    const fbq: any = (w.fbq = function () {
      // eslint-disable-next-line prefer-rest-params
      fbq.callMethod ? fbq.callMethod.apply(fbq, arguments) : fbq.queue.push(arguments)
    })
    if (!w._fbq) w._fbq = fbq
    fbq.push = fbq
    fbq.loaded = true
    fbq.version = '2.0'
    fbq.queue = []
    // page() sends PageView; stop the pixel's own pushState page views.
    fbq.disablePushState = true
    fbq.allowDuplicatePageViews = true
    // The partner tag Meta attributes the pixel's events to.
    fbq.agent = s.agent || 'seg'
  },
  src: () => 'https://connect.facebook.net/en_US/fbevents.js',
  hosts: ['connect.facebook.net'],
  init(s, env) {
    const option = env.integrations['Facebook Pixel']
    return initCalls(s, env.traits, env, isObject(option) ? option.dataProcessingOptions : undefined)
  },
  translate,
  reset: resetCalls,
  prepare: hashMarkers,
})

export default facebookPixel
