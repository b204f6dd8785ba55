// Query-string parsing shared by campaign, referrer and `ajs_` handling. Pure functions.

/** `decodeURIComponent` with `+` as space; malformed input comes back unchanged. */
export function decodeQueryValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

/**
 * `[key, rawValue]` pairs of a query (`?a=1&b=2`, leading `?` optional). A `?` inside the
 * query counts as a separator, as some links carry a second one (`?a=1?utm_source=x`).
 */
export function queryPairs(query: string): [string, string][] {
  const pairs: [string, string][] = []
  for (const part of query.replace(/^\?/, '').replace(/\?/g, '&').split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    pairs.push(i === -1 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)])
  }
  return pairs
}

/** `context.campaign`: each `utm_X` → `X` (`utm_campaign` → `name`); `{}` when there are none. */
export function parseCampaign(query: string): Record<string, string> {
  const campaign: Record<string, string> = {}
  for (const [key, value] of queryPairs(query)) {
    if (!key.startsWith('utm_') || key.length <= 4) continue
    const name = key.slice(4)
    campaign[name === 'campaign' ? 'name' : name] = decodeQueryValue(value)
  }
  return campaign
}

const AD_IDS: Record<string, string> = { btid: 'dataxu', urid: 'millennial-media' }

/** `context.referrer` from an ad network's click id in the query, if any. */
export function parseAdReferrer(query: string): { id: string; type: string } | undefined {
  for (const [key, value] of queryPairs(query)) {
    if (Object.prototype.hasOwnProperty.call(AD_IDS, key)) return { id: value, type: AD_IDS[key] }
  }
  return undefined
}
