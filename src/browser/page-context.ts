export { capturePageContext } from '../context/page'

/** Calls whose page context is captured when they are buffered. */
export const PAGE_CONTEXT_METHODS = ['track', 'page', 'identify', 'group', 'alias', 'screen']
