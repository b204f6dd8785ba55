// The modules AnalyticsBrowser wires together. Tests replace this module with fakes.
import { createGroup, createUser } from '../identity'
import { envEnrichment, currentQueryString } from '../context'
import { segmentio } from '../delivery'
import type { LoaderDeps } from './load'
import { extendAnalytics, withExtras } from './extend'

export const defaultDeps: LoaderDeps = {
  createUser,
  createGroup,
  envEnrichment,
  segmentio,
  // The query-string code loads only when the URL carries ajs_ parameters.
  runQueryString: (analytics) =>
    currentQueryString().includes('ajs_') ? withExtras<unknown>(analytics, (x) => x.runQueryString(analytics), []) : [],
  trackPageChanges: (analytics, options) => withExtras(analytics, (x) => x.trackPageChanges(analytics, options as boolean), undefined),
  extend: extendAnalytics,
}
