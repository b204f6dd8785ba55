// The parts of Switchboard a page's first event does not need: link and form tracking, the ajs_
// query-string API, single-page-app page views, debug-mode option warnings, and taking over
// the events other tabs and earlier pages left behind (loaded once the first event is on its
// way), and what a failed request means for its events. They load on demand, so the core stays small.
import { runQueryString, trackForm, trackLink, trackPageChanges } from '../context'
import { optionWarnings } from '../browser/init-options'
import { startAdoption } from '../delivery/adoption'
import { failureJudge } from '../delivery/failures'

export const extras = { runQueryString, trackForm, trackLink, trackPageChanges, optionWarnings, startAdoption, failureJudge }
export type Extras = typeof extras
