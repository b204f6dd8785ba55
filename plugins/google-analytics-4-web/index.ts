// "Google Analytics 4 Web" device-mode destination (gtag.js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { GTAG_SCRIPT, installGtag } from '../shared/gtag'
import type { Ga4Settings } from './settings'
import { consentApi, ga4State, type Ga4State } from './consent'
import { initCalls, resetCalls, translate } from './translate'

export type { Ga4Settings }

export const googleAnalytics4Web: DestinationFactory<Ga4Settings> = destination<Ga4Settings, Ga4State>({
  name: 'Google Analytics 4 Web',
  alternativeNames: ['Google Analytics 4', 'GA4', 'Google Analytics 4 (gtag.js)'],
  invalid: (s) => (s.measurementID ? undefined : 'no measurementID'),
  // Shares dataLayer with GTM and gtag.js with Google Ads.
  install: installGtag,
  scriptKey: GTAG_SCRIPT,
  src: (s) => `https://${s.domain || 'www.googletagmanager.com'}/gtag/js?id=${encodeURIComponent(s.measurementID)}`,
  hosts: ['www.googletagmanager.com'],
  init: (s, env) => initCalls(s, env.now),
  translate,
  reset: resetCalls,
  state: ga4State,
  api: consentApi,
})

export default googleAnalytics4Web
