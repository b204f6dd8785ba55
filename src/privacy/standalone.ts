// dist/plugins/privacy.js: registered where the `privacy` load option looks for it.
import { privacy } from './index'
;((window.switchboardPlugins ??= {}) as Record<string, unknown>).privacy = privacy
