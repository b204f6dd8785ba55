import type { PageContext } from '../core/types'

/** The buffered page context the snippet appends to each call (Analytics.js 2.0 "bpc"). */
export interface BufferedPageContext {
  __t: 'bpc'
  c?: string
  p: string
  u: string
  s: string
  t: string
  r: string
}

export function isBufferedPageContext(value: unknown): value is BufferedPageContext {
  return typeof value === 'object' && value !== null && (value as { __t?: unknown }).__t === 'bpc'
}

/** The page as it is now, in the snippet's "bpc" shape (so a buffered call can report where it was made). */
export function capturePageContext(): BufferedPageContext {
  return {
    __t: 'bpc',
    c: document.querySelector("link[rel='canonical']")?.getAttribute('href') || undefined,
    p: location.pathname,
    u: location.href,
    s: location.search,
    t: document.title,
    r: document.referrer,
  }
}

function stripHash(url: string): string {
  const i = url.indexOf('#')
  return i === -1 ? url : url.slice(0, i)
}

/** Builds `context.page` from raw values, with Analytics.js 2.0's canonical-link rules. */
export function pageContextFromBpc(bpc: BufferedPageContext): PageContext {
  const { c: canonical, p: pathname, u: href, s: search, t: title, r: referrer } = bpc
  let path = pathname
  let url = stripHash(href)
  if (canonical) {
    try {
      path = new URL(canonical).pathname
    } catch {
      path = canonical
    }
    url = canonical.includes('?') ? canonical : canonical + search
  }
  return { path, referrer, search, title, url }
}

let cacheKey = ''
let cached: PageContext | undefined

/** The page context now. Cached per URL, title and referrer so a burst of calls costs one DOM query. */
export function getPageContext(): PageContext {
  if (typeof document === 'undefined' || typeof location === 'undefined') {
    return { path: '', referrer: '', search: '', title: '', url: '' }
  }
  const key = location.href + '\n' + document.title + '\n' + document.referrer
  if (cached && key === cacheKey) return { ...cached }
  cached = pageContextFromBpc(capturePageContext())
  cacheKey = key
  return { ...cached }
}

/** Forgets the cached page context (a canonical link changed without a URL change). */
export function resetPageContextCache(): void {
  cached = undefined
  cacheKey = ''
}
