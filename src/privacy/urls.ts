// Query parameters in URLs (page URL, referrer, search) that identify a person or an ad click.
// Their values are replaced by a marker and their keys kept, so reports still count them.
import { hasEmail } from './detectors'
import type { Classification } from './types'

/** Ad click ids: Google, Meta, Microsoft, TikTok, X, LinkedIn, Instagram, Yandex, Pinterest, Snapchat, Reddit, Impact, Mailchimp. */
export const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'gclsrc', 'fbclid', 'msclkid', 'ttclid', 'twclid', 'li_fat_id', 'igshid', 'yclid', 'epik', 'sccid', 'rdt_cid', 'irclickid', 'mc_eid']

export interface UrlRules {
  clickIds: boolean
  params: string[]
  emails: boolean
}

export interface UrlFinding {
  param: string
  matcher: string
  classification: Classification
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** Splits a URL (or a bare `?a=b` search) into what comes before the query, its pairs, and the fragment. */
function parts(url: string): { head: string; pairs: string[]; hash: string } | undefined {
  const q = url.indexOf('?')
  if (q < 0) return undefined
  const h = url.indexOf('#', q)
  const query = h < 0 ? url.slice(q + 1) : url.slice(q + 1, h)
  return { head: url.slice(0, q + 1), pairs: query.split('&'), hash: h < 0 ? '' : url.slice(h) }
}

/** The parameters of a URL that the rules flag (pure). */
export function findInUrl(url: string, rules: UrlRules): UrlFinding[] {
  const p = parts(url)
  if (!p) return []
  const listed = new Set(rules.params.map((s) => s.toLowerCase()))
  const out: UrlFinding[] = []
  for (const pair of p.pairs) {
    const eq = pair.indexOf('=')
    const key = decode(eq < 0 ? pair : pair.slice(0, eq))
    const lower = key.toLowerCase()
    if (rules.clickIds && CLICK_IDS.includes(lower)) out.push({ param: key, matcher: 'click id', classification: 'yellow' })
    else if (listed.has(lower)) out.push({ param: key, matcher: 'url parameter', classification: 'red' })
    else if (rules.emails && eq >= 0 && hasEmail(decode(pair.slice(eq + 1)))) out.push({ param: key, matcher: 'email', classification: 'yellow' })
  }
  return out
}

/** The URL with these parameters' values replaced by the marker; everything else byte for byte. */
export function replaceParams(url: string, params: Set<string>, marker: string): string {
  const p = parts(url)
  if (!p || !params.size) return url
  const pairs = p.pairs.map((pair) => {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    return params.has(decode(key)) ? `${key}=${encodeURIComponent(marker)}` : pair
  })
  return p.head + pairs.join('&') + p.hash
}
