// The consent part, registered where the loader looks for it: dist/plugins/consent.js for pages
// that load Switchboard from its CDN, and `switchboard-analytics/consent` for npm apps that
// bundle it instead of fetching it.
import { startConsent } from './index'
;(globalThis as { switchboardConsent?: typeof startConsent }).switchboardConsent = startConsent
