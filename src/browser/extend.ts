// What `window.analytics` offers beyond the core class: auto-tracking and the query-string API,
// so pages written for Analytics.js 2.0 find every method they call. The code behind them loads
// on first use (as Analytics.js 2.0 loads its auto-track chunk), keeping the core bundle small.
import type { Analytics } from '../core/analytics'
import type { AnalyticsSettings } from '../core/options'
import type { Extras } from '../extras'
import { loadExtras } from './extras-loader'

export interface BrowserAnalytics extends Analytics {
  trackLink: (...args: unknown[]) => Promise<Analytics>
  trackClick: (...args: unknown[]) => Promise<Analytics>
  trackForm: (...args: unknown[]) => Promise<Analytics>
  trackSubmit: (...args: unknown[]) => Promise<Analytics>
  queryString: (query: string) => Promise<unknown>
  addIntegrationMiddleware: () => Analytics
}

/** Runs `use` with the on-demand parts; a failed load is reported, never thrown. */
export function withExtras<T>(analytics: Analytics, use: (extras: Extras) => T, fallback: T): Promise<T> {
  return loadExtras(analytics.settings.cdnURL, analytics.options.nonce)
    .then(use)
    .catch((err) => {
      console.warn('[switchboard] could not load extras.js', err)
      return fallback
    })
}

export function extendAnalytics(analytics: Analytics, settings: AnalyticsSettings): void {
  const a = analytics as BrowserAnalytics
  const debug = a.debug
  let warned = false
  a.debug = (toggle: boolean) => {
    // Options Switchboard ignores are reported once in debug mode, by code that loads only then.
    if (toggle && !warned) {
      warned = true
      void withExtras<unknown>(analytics, (x) => x.optionWarnings(analytics.options, settings).map((w) => console.warn(`[switchboard] ${w}`)), 0)
    }
    return debug(toggle)
  }
  const link = (...args: unknown[]) => withExtras(analytics, (x) => (x.trackLink(analytics, ...(args as [never, never])), analytics), analytics)
  const form = (...args: unknown[]) => withExtras(analytics, (x) => (x.trackForm(analytics, ...(args as [never, never])), analytics), analytics)
  a.trackLink = a.trackClick = link
  a.trackForm = a.trackSubmit = form
  a.queryString = (query: string) => withExtras<unknown>(analytics, (x) => x.runQueryString(analytics, query), [])
  a.addIntegrationMiddleware = () => {
    console.warn('[switchboard] addIntegrationMiddleware is not supported; use addDestinationMiddleware')
    return analytics
  }
}
