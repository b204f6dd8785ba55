// CDN entry (dist/plugins/consent-google.js): `consent: { ..., extensions: [switchboardGoogleConsentMode()] }`.
import { googleConsentMode } from './index'
;(window as { switchboardGoogleConsentMode?: typeof googleConsentMode }).switchboardGoogleConsentMode = googleConsentMode
