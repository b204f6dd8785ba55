// Test helpers: wipe cookies (on every domain level they may have been set) and localStorage.
export function clearCookies(): void {
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0]
    if (!name) continue
    for (const domain of ['', '; domain=.example.com', '; domain=.www.example.com']) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain}`
    }
  }
}

export function clearAll(): void {
  clearCookies()
  localStorage.clear()
}

export function cookieMap(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of document.cookie.split('; ')) {
    if (!pair) continue
    const i = pair.indexOf('=')
    out[decodeURIComponent(pair.slice(0, i))] = pair.slice(i + 1)
  }
  return out
}

/** Makes `document.cookie` throw on read and write until the returned function is called. */
export function blockCookies(): () => void {
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get() {
      throw new DOMException('blocked', 'SecurityError')
    },
    set() {
      throw new DOMException('blocked', 'SecurityError')
    },
  })
  return () => void delete (document as unknown as Record<string, unknown>).cookie
}
