import type { CookieOptions, Store } from './types'
import { readCookies as parseAll, writeCookie, type CookieAttributes } from './cookies'
import { decodeStored } from './decode'
import { topDomain } from './tld'
import { warnStore } from './warn'

/** Days, path and SameSite as Analytics.js 2.0; the domain is probed on first write. */
export const COOKIE_DEFAULTS = { maxage: 365, path: '/', sameSite: 'Lax' }

let snapshot: Record<string, string> | undefined

/**
 * All cookies, read once per run of script (until the next microtask): each `document.cookie`
 * read is a trip to the browser's cookie store, and a burst of events reads ids many times.
 * Other tabs cannot interleave with running script; our own writes drop the copy at once.
 */
function readCookies(): Record<string, string> {
  if (!snapshot) {
    snapshot = parseAll()
    queueMicrotask(forgetCookies)
  }
  return snapshot
}

export function forgetCookies(): void {
  snapshot = undefined
}

/**
 * Cookies as Analytics.js 2.0 writes them: strings raw (`ajs_user_id=user-1`), other values
 * JSON, `null` removes. Blocked cookies (a throwing `document.cookie`) read as absent.
 */
export function createCookieStore(options: CookieOptions = {}): Store {
  let attrs: CookieAttributes | undefined
  const attributes = (): CookieAttributes => {
    const o = { ...COOKIE_DEFAULTS, ...options }
    return (attrs ??= {
      expires: o.maxage,
      path: o.path,
      sameSite: o.sameSite,
      secure: o.secure,
      domain: 'domain' in options ? options.domain : topDomain(),
    })
  }
  const remove = (key: string) => {
    forgetCookies()
    try {
      writeCookie(key, '', { ...attributes(), expires: -1 })
    } catch (err) {
      warnStore('cookie', 'remove', err)
    }
  }
  return {
    type: 'cookie',
    get<T>(key: string): T | null {
      try {
        const raw = readCookies()[key]
        return raw === undefined ? null : (decodeStored(raw, true) as T | null)
      } catch (err) {
        warnStore('cookie', 'read', err)
        return null
      }
    },
    set(key, value) {
      if (value === null || value === undefined) return remove(key)
      forgetCookies()
      try {
        writeCookie(key, typeof value === 'string' ? value : JSON.stringify(value), attributes())
      } catch (err) {
        warnStore('cookie', 'write', err)
      }
    },
    remove,
  }
}
