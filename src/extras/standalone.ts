// dist/plugins/extras.js: the on-demand parts for pages that load Switchboard from its CDN.
import { extras } from './index'
;(window as unknown as { switchboardExtras?: typeof extras }).switchboardExtras = extras
