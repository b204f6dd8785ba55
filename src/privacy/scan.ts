// Finding personal data in one event (pure): keys by matcher, values by detector, URLs by query
// parameter. Iterative, so no nesting depth can exhaust the stack; each value is looked at once.
import type { SegmentEvent } from '../core/types'
import { DETECTORS, type Detector } from './detectors'
import { DEFAULT_MATCHERS, compileMatcher, matchKey, type KeyMatcher } from './matchers'
import { findInUrl, type UrlRules } from './urls'
import type { Finding, PrivacyOptions } from './types'

export interface ScanConfig {
  matchers: KeyMatcher[]
  detectors: Detector[]
  urls: UrlRules
}

export function scanConfig(options: PrivacyOptions = {}): ScanConfig {
  const custom = (Array.isArray(options.matchers) ? options.matchers : []).filter((m) => m && typeof m.name === 'string').map(compileMatcher)
  const detect = { email: true, card: true, ssn: true, phone: false, ip: false, ...options.detect }
  return {
    matchers: options.defaultMatchers === false ? custom : [...custom, ...DEFAULT_MATCHERS],
    detectors: (Object.keys(DETECTORS) as (keyof typeof DETECTORS)[]).filter((k) => detect[k]).map((k) => DETECTORS[k]),
    urls: { clickIds: options.urls?.clickIds !== false, params: Array.isArray(options.urls?.params) ? options.urls.params.map(String) : [], emails: options.urls?.emails !== false },
  }
}

/** Spec fields of page and screen properties: a page's name is not a person's. URL fields are scrubbed instead. */
const PAGE_FIELDS = new Set(['name', 'title', 'category', 'path', 'url', 'referrer', 'search'])
const URL_FIELDS = ['url', 'search', 'referrer']

interface Node {
  value: unknown
  key: string | number
  parent?: Node
}

const pathOf = (node: Node): (string | number)[] => {
  const path: (string | number)[] = []
  for (let n: Node | undefined = node; n; n = n.parent) path.push(n.key)
  return path.reverse()
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

function valueMatch(config: ScanConfig, value: unknown): { name: string; classification: Finding['classification'] } | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value)
  if (typeof value !== 'string' || !value) return undefined
  for (const m of config.matchers) {
    if (m.value) {
      m.value.lastIndex = 0
      if (m.value.test(value)) return m
    }
  }
  return config.detectors.find((d) => d.test(value as string))
}

/** Walks one root (`properties`, `traits`, `context.traits`); `person`: a person's traits. */
function walk(config: ScanConfig, root: Node, person: boolean, skipKeys: Set<string> | undefined, out: Finding[]): void {
  const stack: Node[] = [root]
  while (stack.length) {
    const node = stack.pop()!
    const value = node.value
    if (!isContainer(value)) continue
    const isArray = Array.isArray(value)
    const keys = isArray ? value.map((_, i) => i) : Object.keys(value)
    for (const key of keys) {
      const child: Node = { value: (value as Record<string | number, unknown>)[key], key, parent: node }
      const top = node === root && skipKeys?.has(key as string)
      if (!isArray && !top) {
        const matcher = matchKey(config.matchers, key as string, person)
        if (matcher) {
          // The whole value is acted on; nothing under it is looked at again.
          out.push({ path: pathOf(child), matcher: matcher.name, classification: matcher.classification, kind: 'key' })
          continue
        }
      }
      // A spec field's key says nothing, but its value may still hold personal data; in a URL
      // field the query is scrubbed parameter by parameter, so only what precedes it is tested here.
      const tested = top && typeof child.value === 'string' && URL_FIELDS.includes(key as string) ? child.value.split('?')[0] : child.value
      const hit = valueMatch(config, tested)
      if (hit) out.push({ path: pathOf(child), matcher: hit.name, classification: hit.classification, kind: 'value' })
      else stack.push(child)
    }
  }
}

/** Everything in an event the guard acts on, in the order it was found. */
export function scanEvent(event: SegmentEvent, config: ScanConfig): Finding[] {
  const out: Finding[] = []
  const isPage = event.type === 'page' || event.type === 'screen'
  if (event.properties) walk(config, { value: event.properties, key: 'properties' }, false, isPage ? PAGE_FIELDS : new Set(URL_FIELDS), out)
  if (event.traits) walk(config, { value: event.traits, key: 'traits' }, event.type === 'identify', undefined, out)
  const context = event.context as Record<string, any> | undefined
  if (context?.traits) {
    walk(config, { value: context.traits, key: 'traits', parent: { value: context, key: 'context' } }, true, undefined, out)
  }
  // URLs: the page's, the referrer, and the same fields in properties.
  const urls: [(string | number)[], unknown][] = [
    ...URL_FIELDS.map((f): [(string | number)[], unknown] => [['context', 'page', f], context?.page?.[f]]),
    ...URL_FIELDS.map((f): [(string | number)[], unknown] => [['properties', f], event.properties?.[f]]),
  ]
  for (const [path, url] of urls) {
    if (typeof url !== 'string') continue
    for (const f of findInUrl(url, config.urls)) out.push({ path, matcher: f.matcher, classification: f.classification, kind: 'url', param: f.param })
  }
  // Campaign fields (utm_*) are free text a link's author chose: an email in one is a person's.
  const campaign = context?.campaign
  if (isContainer(campaign) && !Array.isArray(campaign) && config.urls.emails) {
    for (const key of Object.keys(campaign)) {
      const v = campaign[key]
      if (typeof v === 'string' && DETECTORS.email.test(v)) out.push({ path: ['context', 'campaign', key], matcher: 'email', classification: 'yellow', kind: 'value' })
    }
  }
  return out
}
