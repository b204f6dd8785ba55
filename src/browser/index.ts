// The npm entry's browser surface.
export { AnalyticsBrowser } from './analytics-browser'
export { NullAnalytics } from './null-analytics'
export { capturePageContext } from './page-context'
