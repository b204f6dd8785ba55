import { readCookies, writeCookie } from './cookies'

const PROBE = '__tld__'
const cache = new Map<string, string | undefined>()

/** Candidate cookie domains for a host, shortest first: `a.b.co.uk` → `co.uk`, `b.co.uk`, `a.b.co.uk`. */
export function domainLevels(hostname: string): string[] {
  const parts = hostname.split('.')
  // IPv4 addresses and single-label hosts (localhost) take no domain attribute.
  if (parts.length === 4 && parseInt(parts[3], 10) > 0) return []
  if (parts.length <= 1) return []
  const levels: string[] = []
  for (let i = parts.length - 2; i >= 0; i--) levels.push(parts.slice(i).join('.'))
  return levels
}

/**
 * The widest domain a cookie can be set on (e.g. `example.co.uk` for `www.example.co.uk`),
 * found by setting a probe cookie on each candidate and keeping the first one that sticks.
 * `undefined` for IP addresses, single-label hosts and places where cookies throw.
 */
export function topDomain(url: string = location.href): string | undefined {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return undefined
  }
  if (cache.has(host)) return cache.get(host)
  let found: string | undefined
  for (const domain of domainLevels(host)) {
    const opts = { path: '/', domain: '.' + domain }
    try {
      writeCookie(PROBE, '1', opts)
      if (readCookies()[PROBE]) {
        writeCookie(PROBE, '', { ...opts, expires: -1 })
        found = domain
        break
      }
    } catch {
      break
    }
  }
  cache.set(host, found)
  return found
}
