// "Google AdWords New" (Google Ads (Gtag)) device-mode destination: gtag.js, shared with GA4 Web.
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { GTAG_SCRIPT, installGtag } from '../shared/gtag'
import type { AdsConversion, AdsConversions, AdsSettings } from './settings'
import { NAMES, initCalls, resetCalls, translate } from './translate'

export type { AdsConversion, AdsConversions, AdsSettings }

export const googleAdsGtag: DestinationFactory<AdsSettings> = destination<AdsSettings>({
  name: NAMES[0],
  // The catalog's display name, and the spelling Segment's docs use in the integrations option.
  alternativeNames: [NAMES[1], 'Google Adwords New'],
  invalid: (s) => (s.accountId ? undefined : 'no accountId'),
  install: installGtag,
  // One gtag.js for every Google tag: with GA4 Web on the page, whichever loads first injects it.
  scriptKey: GTAG_SCRIPT,
  src: (s) => `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(s.accountId)}`,
  hosts: ['www.googletagmanager.com'],
  init: (s, env) => initCalls(s, env.now, env.traits),
  translate,
  reset: resetCalls,
})

export default googleAdsGtag
