// "Google Tag Manager" device-mode destination (dataLayer).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { initCalls, scriptUrl, translate, type GtmSettings } from './translate'

export type { GtmSettings }

export const googleTagManager: DestinationFactory<GtmSettings> = destination<GtmSettings>({
  name: 'Google Tag Manager',
  alternativeNames: ['GTM'],
  invalid: (s) => (s.containerId ? undefined : 'no containerId'),
  install() {
    // Shares dataLayer with gtag: never replace an array that is already there.
    ;(window as any).dataLayer = (window as any).dataLayer || []
  },
  src: scriptUrl,
  hosts: ['www.googletagmanager.com'],
  init: (_s, env) => initCalls(env.now),
  translate,
})

export default googleTagManager
