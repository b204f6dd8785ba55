import type { BufferedPageContext } from '../context/page'

/** The page as it is at call time, in the snippet's "bpc" shape, so a buffered call reports where it was made. */
export function capturePageContext(): BufferedPageContext {
  const canonical = document.querySelector("link[rel='canonical']")
  return {
    __t: 'bpc',
    c: canonical?.getAttribute('href') || undefined,
    p: location.pathname,
    u: location.href,
    s: location.search,
    t: document.title,
    r: document.referrer,
  }
}

/** Calls whose page context is captured when they are buffered. */
export const PAGE_CONTEXT_METHODS = ['track', 'page', 'identify', 'group', 'alias', 'screen']
