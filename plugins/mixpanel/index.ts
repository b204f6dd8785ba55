// "Mixpanel" device-mode destination (mixpanel-js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { guardAlias } from './alias-guard'
import type { MixpanelSettings } from './settings'
import { installMixpanelStub } from './stub'
import { initCalls, resetCalls, translate } from './translate'

export type { MixpanelSettings }

export const mixpanel: DestinationFactory<MixpanelSettings> = destination<MixpanelSettings>({
  name: 'Mixpanel',
  alternativeNames: ['Mixpanel (Legacy)'],
  invalid: (s) => (s.token ? undefined : 'no token'),
  install: installMixpanelStub,
  src: (s) => s.customLibraryUrl || 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js',
  hosts: ['cdn.mxpnl.com'],
  init: initCalls,
  translate,
  reset: resetCalls,
  prepare: guardAlias,
})

export default mixpanel
