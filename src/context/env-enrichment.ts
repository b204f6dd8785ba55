import type { Context } from '../core/context'
import type { InitOptions } from '../core/options'
import type { Plugin } from '../core/plugin'
import type { EventContext } from '../core/types'
import { LIBRARY_NAME, LIBRARY_VERSION, VERSION } from '../core/constants'
import { createCookieStore, createMemoryStore, type Store } from '../storage'
import { timeBox } from '../lib/time-box'
import { highEntropyHints, lowEntropyHints } from './client-hints'
import { parseAdReferrer, parseCampaign } from './query'

const REFERRER_KEY = 's:context.referrer'
const HINTS_WAIT_MS = 1000

type Ad = { id: string; type: string }

function timezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

function queryOf(search: unknown): string {
  if (typeof search === 'string') return search
  // Some callers pass `page.search` as an object of params.
  if (search && typeof search === 'object') {
    try {
      const params = new URLSearchParams()
      for (const [k, v] of Object.entries(search)) for (const one of [v].flat()) params.append(k, String(one))
      return params.toString()
    } catch {
      return ''
    }
  }
  return ''
}

/**
 * Adds what the browser knows to every event: userAgent, userAgentData, locale, timezone,
 * library, campaign (utm_*), ad referrer ids and the AMP id. What cannot change during a page
 * is read once; campaign and referrer are parsed once per distinct query string.
 */
export function envEnrichment(analytics: { options: InitOptions }): Plugin {
  const userAgent = typeof navigator === 'undefined' ? undefined : navigator.userAgent
  const locale = typeof navigator === 'undefined' ? undefined : (navigator as { userLanguage?: string }).userLanguage || navigator.language
  const zone = timezone()
  let userAgentData = lowEntropyHints()
  let referrerStore: Store | undefined
  let storedAd: Ad | null | undefined
  let lastQuery: string | undefined
  let lastCampaign: Record<string, string> = {}
  let lastAd: Ad | undefined
  const cookies = createCookieStore()
  let ampId: unknown
  let ampReadAt = -Infinity

  const rememberedAd = (ad: Ad | undefined): Ad | null => {
    referrerStore ??= analytics.options.disableClientPersistence ? createMemoryStore() : createCookieStore()
    if (storedAd === undefined) storedAd = referrerStore.get<Ad>(REFERRER_KEY)
    // Written only when a new click id arrives, not on every event.
    if (ad && (ad.id !== storedAd?.id || ad.type !== storedAd?.type)) {
      storedAd = ad
      referrerStore.set(REFERRER_KEY, ad)
    }
    return storedAd
  }

  const enrich = (ctx: Context): Context => {
    try {
      const c: EventContext = (ctx.event.context ??= {})
      const query = queryOf(c.page?.search)
      if (query !== lastQuery) {
        lastQuery = query
        lastCampaign = parseCampaign(query)
        lastAd = parseAdReferrer(query)
      }
      c.userAgent = userAgent
      c.userAgentData = userAgentData && { ...userAgentData }
      if (c.locale === undefined && locale !== undefined) c.locale = locale
      c.library ??= { name: LIBRARY_NAME, version: LIBRARY_VERSION }
      if (query && !c.campaign) c.campaign = { ...lastCampaign }
      // Events are enriched one microtask apart; the AMP cookie is re-read at most once a second.
      if (Date.now() - ampReadAt > 1000) {
        ampId = cookies.get('_ga')
        ampReadAt = Date.now()
      }
      if (typeof ampId === 'string' && ampId.startsWith('amp')) c.amp = { id: ampId }
      const ad = rememberedAd(lastAd)
      if (ad) c.referrer = { ...c.referrer, ...ad }
      if (zone) c.timezone = zone
    } catch (err) {
      // Enrichment is best effort: an event without a userAgent is better than no event.
      ctx.log('warn', 'Page Enrichment failed', { error: String(err) })
    }
    return ctx
  }

  return {
    name: 'Page Enrichment',
    type: 'before',
    version: VERSION,
    isLoaded: () => true,
    // High-entropy hints are asked for once, at load; events then reuse them.
    async load(_ctx, instance) {
      const hints = (instance?.options ?? analytics.options).highEntropyValuesClientHints
      if (hints?.length) userAgentData = (await timeBox(highEntropyHints(hints), HINTS_WAIT_MS, undefined)) ?? userAgentData
    },
    track: enrich,
    identify: enrich,
    page: enrich,
    group: enrich,
    alias: enrich,
    screen: enrich,
  }
}
