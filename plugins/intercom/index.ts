// "Intercom Web (Actions)" / classic "Intercom" device-mode destination (the Intercom Messenger).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { initCalls, NAMES, resetCalls, scriptSrc, translate, type IntercomSettings } from './translate'

export type { IntercomSettings }

export const intercom: DestinationFactory<IntercomSettings> = destination<IntercomSettings>({
  name: NAMES[0],
  alternativeNames: NAMES.slice(1),
  invalid: (s) => (s.appId ? undefined : 'no appId'),
  install(s) {
    const w = window as any
    // Intercom's queue: each call's Arguments object waits on Intercom.q until the widget loads.
    if (typeof w.Intercom != 'function') {
      const q: unknown[] = []
      w.Intercom = Object.assign(
        function () {
          // eslint-disable-next-line prefer-rest-params
          q.push(arguments)
        },
        { q },
      )
    }
    w.intercomSettings = { ...w.intercomSettings, app_id: s.appId, installation_type: 's', custom_launcher_selector: s.activator || '#IntercomDefaultWidget' }
  },
  src: scriptSrc,
  hosts: ['widget.intercom.io'],
  init: initCalls,
  translate,
  reset: resetCalls,
})

export default intercom
