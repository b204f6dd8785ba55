// The parts of Switchboard a page's first event does not need: link and form tracking, the ajs_
// query-string API, single-page-app page views, debug-mode option warnings, and taking over
// the events other tabs and earlier pages left behind (loaded once the first event is on its
// way), what a failed request means for its events, what runs device-mode destinations and
// remote plugins (their own files load in parallel), and source and destination middleware. They load on demand, so the core stays small.
import { runQueryString, trackForm, trackLink, trackPageChanges } from '../context'
import { optionWarnings } from '../browser/init-options'
import { startAdoption } from '../delivery/adoption'
import { failureJudge } from '../delivery/failures'
import { lazyDestination } from '../settings/lazy-destination'
import { applyDestinationMiddleware, sourceMiddlewarePlugin } from '../core/middleware'

export const extras = {
  runQueryString,
  trackForm,
  trackLink,
  trackPageChanges,
  optionWarnings,
  startAdoption,
  failureJudge,
  lazyDestination,
  sourceMiddlewarePlugin,
  applyDestinationMiddleware,
}
export type Extras = typeof extras
