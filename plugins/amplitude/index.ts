// "Amplitude" device-mode destination (Browser SDK 2).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import type { AmplitudeSettings } from './settings'
import { installAmplitudeStub } from './stub'
import { initCalls, resetCalls, translate } from './translate'

export type { AmplitudeSettings }

/** Pinned Browser SDK 2 build; the SDK replays the stub's queue when it loads. */
export const AMPLITUDE_SDK_URL = 'https://cdn.amplitude.com/libs/analytics-browser-2.48.1-min.js.gz'

export const amplitude: DestinationFactory<AmplitudeSettings> = destination<AmplitudeSettings>({
  name: 'Amplitude',
  alternativeNames: [],
  invalid: (s) => (s.apiKey ? undefined : 'no apiKey'),
  install: installAmplitudeStub,
  src: () => AMPLITUDE_SDK_URL,
  hosts: ['cdn.amplitude.com', 'cdn.eu.amplitude.com'],
  init: (s, env) => initCalls(s, env.userId, env.anonymousId, location.search),
  translate,
  reset: resetCalls,
})

export default amplitude
