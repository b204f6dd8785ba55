// Where a script may come from: the rule a script URL named in settings or in a site's code passes
// before Switchboard injects it. Pure.

/** Plain http is only for this machine (development), where no network sits in between. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

/**
 * The URL to load, or the rule it breaks. `url` is resolved against `base`, the address of what
 * it was written in (the CDN for settings, the page for code). Only https, or http to localhost /
 * 127.0.0.1 / [::1]; never data:, blob:, javascript: or any other scheme. With `hosts`, the URL
 * must be on the base's own host or on one of `hosts` (lowercase, with the port when not the
 * default: `cdn.example.com`, `127.0.0.1:3000`).
 */
export function checkScriptURL(url: unknown, base: string, hosts?: readonly unknown[]): URL | string {
  let u: URL
  try {
    if (typeof url != 'string' || !url) throw 0
    u = new URL(url, base)
  } catch {
    return 'not a URL'
  }
  return u.protocol != 'https:' && (u.protocol != 'http:' || !LOOPBACK.includes(u.hostname))
    ? 'not https'
    : hosts && u.host != new URL(base).host && !hosts.includes(u.host)
      ? 'host not allowed'
      : u
}
