// The modules AnalyticsBrowser wires together. Tests replace this module with fakes.
import { createGroup, createUser } from '../identity'
import { envEnrichment, currentQueryString } from '../context'
import { segmentio } from '../delivery'
import type { LoaderDeps } from './load'
import { extendAnalytics, withExtras } from './extend'
import { loadConsent, loadExtras } from './extras-loader'

const hasAjsQuery = () => currentQueryString().includes('ajs_')

export const defaultDeps: LoaderDeps = {
  createUser,
  createGroup,
  envEnrichment,
  segmentio,
  // The query-string code loads only when the URL carries ajs_ parameters.
  runQueryString: (analytics) => (hasAjsQuery() ? withExtras<unknown>(analytics, (x) => x.runQueryString(analytics), []) : []),
  trackPageChanges: (analytics, options) => {
    // A navigation made while its code is still loading is reported once it is there.
    const since = location.href
    return withExtras(analytics, (x) => x.trackPageChanges(analytics, options as boolean, since), undefined)
  },
  preload(cdnURL, options, middleware) {
    if (middleware || options.trackPageChanges || (options.useQueryString !== false && hasAjsQuery())) loadExtras(cdnURL, options.nonce).catch(() => {})
    if (options.consent) loadConsent(cdnURL, options.nonce).catch(() => {})
  },
  // Not loaded (blocked, offline): consent cannot be honoured, so nothing is sent.
  consent: (cdnURL, options, cdn, buffer) =>
    loadConsent(cdnURL, options.nonce)
      .then((start) => start(options, cdn, buffer))
      .catch((err) => void console.warn('[switchboard] consent did not load; nothing is sent', err)),
  extend: extendAnalytics,
}
