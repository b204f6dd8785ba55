import type { Context } from '../core/context'
import type { InitOptions } from '../core/options'
import { decodeQueryValue, queryPairs } from './query'

/** What the `ajs_` query-string API needs from the analytics instance. */
export interface QueryStringTarget {
  options: InitOptions
  setAnonymousId(id?: string): unknown
  identify(...args: unknown[]): Promise<Context>
  track(...args: unknown[]): Promise<Context>
}

/** The page's query: `location.search`, or for hash routers the `?…` part of the hash. */
export function currentQueryString(): string {
  if (typeof location === 'undefined') return ''
  if (location.search) return location.search
  const i = location.hash.indexOf('?')
  return i === -1 ? '' : location.hash.slice(i)
}

function pick(params: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of Object.keys(params)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = params[key]
  return out
}

/**
 * The `ajs_` query-string API: `ajs_aid` sets the anonymousId, `ajs_uid` identifies (traits
 * from `ajs_trait_*`), `ajs_event` tracks (properties from `ajs_prop_*`), in that order.
 * `useQueryString: false` turns it off; `{ aid, uid }` patterns must match the values.
 * Accepts a query (`?a=1`) or a URL; resolves with the contexts of the calls made, never rejects.
 */
export async function runQueryString(analytics: QueryStringTarget, query: string = currentQueryString()): Promise<Context[]> {
  try {
    const setting = analytics.options.useQueryString
    if (setting === false || typeof query !== 'string' || !query.includes('ajs_')) return []
    const patterns = typeof setting === 'object' && setting ? setting : {}
    const q = query.includes('?') ? query.slice(query.indexOf('?')) : query
    const params: Record<string, string> = {}
    for (const [key, value] of queryPairs(q.split('#')[0])) params[decodeQueryValue(key)] = decodeQueryValue(value)
    const matches = (pattern: RegExp | undefined, value: string) => {
      if (!(pattern instanceof RegExp)) return true
      pattern.lastIndex = 0
      return pattern.test(value)
    }

    const calls: Promise<Context>[] = []
    const { ajs_aid: aid, ajs_uid: uid, ajs_event: event } = params
    if (aid && matches(patterns.aid, aid)) analytics.setAnonymousId(aid)
    if (uid && matches(patterns.uid, uid)) calls.push(analytics.identify(uid, pick(params, 'ajs_trait_')))
    if (event) calls.push(analytics.track(event, pick(params, 'ajs_prop_')))
    return await Promise.all(calls)
  } catch (err) {
    console.warn('[switchboard] ajs_ query string failed', err)
    return []
  }
}
