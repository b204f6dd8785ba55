// "TikTok Pixel" device-mode destination (events.js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { hashMarkers } from '../shared/hash'
import type { TikTokSettings } from './settings'
import { TIKTOK_SDK, installTikTokStub } from './stub'
import { initCalls, translate } from './translate'

export type { TikTokSettings }

export const tiktokPixel: DestinationFactory<TikTokSettings> = destination<TikTokSettings>({
  name: 'TikTok Pixel',
  // Segment ships it as an Actions destination only, under this one name.
  alternativeNames: [],
  invalid: (s) => (s.pixelCode ? undefined : 'no pixelCode'),
  install: installTikTokStub,
  src: (s) => `${TIKTOK_SDK}?sdkid=${encodeURIComponent(s.pixelCode)}&lib=ttq`,
  hosts: ['analytics.tiktok.com'],
  init: initCalls,
  translate,
  prepare: hashMarkers,
})

export default tiktokPixel
