// "Hubspot Web (Actions)" / classic "HubSpot" device-mode destination (the HubSpot tracking code).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { scriptSrc, translate, type HubSpotSettings } from './translate'

export type { HubSpotSettings }

export const hubspot: DestinationFactory<HubSpotSettings> = destination<HubSpotSettings, { pages: number }>({
  name: 'Hubspot Web (Actions)',
  alternativeNames: ['HubSpot'],
  invalid: (s) => (s.portalId ? undefined : 'no portalId'),
  install() {
    const w = window as any
    // HubSpot's queue: commands wait in _hsq until the tracking code loads and replaces push.
    w._hsq = w._hsq || []
  },
  src: scriptSrc,
  scriptAttrs: { id: 'hs-script-loader' },
  hosts: ['js.hs-scripts.com', 'js-eu1.hs-scripts.com'],
  state: () => ({ pages: 0 }),
  // The first page() of this page load is the view the tracking code records itself.
  translate: (msg, s, state) => translate(msg, s, msg.type === 'page' && state.pages++ === 0),
})

export default hubspot
