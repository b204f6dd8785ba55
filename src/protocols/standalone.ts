// dist/plugins/protocols.js: registered where the `protocols` load option looks for it.
import { protocols } from './index'
;((window.switchboardPlugins ??= {}) as Record<string, unknown>).protocols = protocols
