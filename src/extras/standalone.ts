// The on-demand parts, registered where the loader looks for them: dist/plugins/extras.js for
// pages that load Switchboard from its CDN, and `switchboard-analytics/extras` for npm apps that
// bundle them instead.
import { extras } from './index'
;(globalThis as { switchboardExtras?: typeof extras }).switchboardExtras = extras
