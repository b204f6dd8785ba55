// The modules AnalyticsBrowser wires together. Tests replace this module with fakes.
import { createGroup, createUser } from '../identity'
import { envEnrichment, runQueryString, trackPageChanges } from '../context'
import { segmentio } from '../delivery'
import type { LoaderDeps } from './load'
import { extendAnalytics } from './extend'

export const defaultDeps: LoaderDeps = {
  createUser,
  createGroup,
  envEnrichment,
  segmentio,
  runQueryString: (analytics) => runQueryString(analytics),
  trackPageChanges: (analytics, options) => trackPageChanges(analytics, options as boolean),
  extend: extendAnalytics,
}
