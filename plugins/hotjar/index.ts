// "Hotjar" device-mode destination.
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { siteId, translate, type HotjarSettings } from './translate'

export type { HotjarSettings }

export const hotjar: DestinationFactory<HotjarSettings> = destination<HotjarSettings>({
  name: 'Hotjar',
  alternativeNames: [],
  invalid: (s) => (siteId(s) ? undefined : `invalid hjid: ${String(s.hjid)}`),
  install(s) {
    const w = window as any
    // Hotjar's queue: each call's Arguments object waits on hj.q until the script loads.
    w.hj =
      w.hj ||
      function () {
        // eslint-disable-next-line prefer-rest-params
        ;(w.hj.q = w.hj.q || []).push(arguments)
      }
    w._hjSettings = { hjid: siteId(s), hjsv: 6 }
  },
  src: (s) => `https://static.hotjar.com/c/hotjar-${siteId(s)}.js?sv=6`,
  hosts: ['static.hotjar.com'],
  translate,
})

export default hotjar
