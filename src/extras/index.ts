// The parts of Switchboard few pages use on every load: link and form tracking, the ajs_
// query-string API, single-page-app page views and debug-mode option warnings. They load on
// demand, so the core stays small.
import { runQueryString, trackForm, trackLink, trackPageChanges } from '../context'
import { optionWarnings } from '../browser/init-options'

export const extras = { runQueryString, trackForm, trackLink, trackPageChanges, optionWarnings }
export type Extras = typeof extras
