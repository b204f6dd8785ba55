// CDN entry (dist/plugins/consent-onetrust.js): `analytics.load(writeKey, { consent: switchboardOneTrust() })`.
import { oneTrust } from './index'
;(window as { switchboardOneTrust?: typeof oneTrust }).switchboardOneTrust = oneTrust
