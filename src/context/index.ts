// Page context: what every event learns from the page it was sent on.
export { getPageContext, pageContextFromBpc, isBufferedPageContext, resetPageContextCache, type BufferedPageContext } from './page'
export { envEnrichment } from './env-enrichment'
export { runQueryString, currentQueryString, type QueryStringTarget } from './query-string'
export { trackLink, trackForm, trackClick, trackSubmit, asLink, asForm, type AutoTrackTarget } from './auto-track'
export { trackPageChanges, type PageChangeOptions } from './page-changes'
export { parseCampaign, parseAdReferrer, decodeQueryValue } from './query'
