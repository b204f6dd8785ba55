// document.cookie encoded as Analytics.js 2.0 (through js-cookie) encodes it, so a page moving
// between the two libraries keeps its cookies readable both ways.

/** Cookie attributes as written; `expires` in days (negative: remove). */
export interface CookieAttributes {
  expires?: number
  path?: string
  domain?: string
  sameSite?: string
  secure?: boolean
}

/** Every cookie, names and values decoded; a cookie that does not decode is left out, the first of a name wins. */
export function parseCookies(header: string): Record<string, string> {
  // No prototype: a cookie named `constructor` is a name like any other.
  const jar: Record<string, string> = Object.create(null)
  for (const pair of header ? header.split('; ') : []) {
    const at = pair.indexOf('=')
    let value = at < 0 ? '' : pair.slice(at + 1)
    if (value[0] === '"') value = value.slice(1, -1)
    try {
      const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at))
      jar[name] ??= value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent)
    } catch {
      /* not decodable: not one of ours */
    }
  }
  return jar
}

export function readCookies(): Record<string, string> {
  return typeof document === 'undefined' ? {} : parseCookies(document.cookie)
}

/**
 * Writes one cookie. In the value, characters a cookie allows stay as they are and the rest is
 * percent-encoded, byte for byte as Analytics.js 2.0 writes it (servers read these cookies raw);
 * the name is percent-encoded, which both libraries decode when they read it.
 */
export function writeCookie(name: string, value: string, attributes: CookieAttributes): void {
  if (typeof document === 'undefined') return
  let cookie =
    encodeURIComponent(name).replace(/[()]/g, escape) +
    '=' +
    encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent)
  const { expires, secure, ...rest } = attributes
  if (expires) cookie += '; expires=' + new Date(Date.now() + expires * 864e5).toUTCString()
  for (const [key, v] of Object.entries(rest)) if (v) cookie += `; ${key}=${v.split(';')[0]}`
  if (secure) cookie += '; secure'
  document.cookie = cookie
}
