// What `window.analytics` offers beyond the core class: auto-tracking and the query-string API,
// so pages written for Analytics.js 2.0 find every method they call.
import type { Analytics } from '../core/analytics'
import { runQueryString, trackForm, trackLink } from '../context'

export interface BrowserAnalytics extends Analytics {
  trackLink: (...args: unknown[]) => Analytics
  trackClick: (...args: unknown[]) => Analytics
  trackForm: (...args: unknown[]) => Analytics
  trackSubmit: (...args: unknown[]) => Analytics
  queryString: (query: string) => Promise<unknown>
  addIntegrationMiddleware: () => Analytics
}

export function extendAnalytics(analytics: Analytics): void {
  const a = analytics as BrowserAnalytics
  const link = (...args: unknown[]) => trackLink(analytics, ...(args as [never, never]))
  const form = (...args: unknown[]) => trackForm(analytics, ...(args as [never, never]))
  a.trackLink = a.trackClick = link
  a.trackForm = a.trackSubmit = form
  a.queryString = (query: string) => runQueryString(analytics, query)
  a.addIntegrationMiddleware = () => {
    console.warn('[switchboard] addIntegrationMiddleware is not supported; use addDestinationMiddleware')
    return analytics
  }
}
