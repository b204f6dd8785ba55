// The script URL policy: https only (http for this machine), no other scheme, relative URLs
// against the base they were written for, and an optional host list.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkScriptURL } from '../../src/settings/script-policy'

const CDN = 'https://cdn.example.com/'
const PAGE = 'https://shop.example.org/checkout/step-2?x=1'

/** The href it loads, or the rule it breaks. */
const check = (url: unknown, base = PAGE, hosts?: unknown[]) => {
  const r = checkScriptURL(url, base, hosts)
  return typeof r == 'string' ? r : r.href
}

describe('checkScriptURL', () => {
  it.each([
    // allowed
    ['https://cdn.example.com/a.js', PAGE, undefined, 'https://cdn.example.com/a.js'],
    ['HTTPS://CDN.Example.COM/a.js', PAGE, undefined, 'https://cdn.example.com/a.js'],
    ['http://localhost:3000/a.js', PAGE, undefined, 'http://localhost:3000/a.js'],
    ['http://127.0.0.1/a.js', PAGE, undefined, 'http://127.0.0.1/a.js'],
    ['http://[::1]:8080/a.js', PAGE, undefined, 'http://[::1]:8080/a.js'],
    // relative: against the base given
    ['/plugins/x.js', CDN, undefined, 'https://cdn.example.com/plugins/x.js'],
    ['x.js', 'https://cdn.example.com/v1/', undefined, 'https://cdn.example.com/v1/x.js'],
    ['../x.js', PAGE, undefined, 'https://shop.example.org/x.js'],
    ['//other.example/x.js', PAGE, undefined, 'https://other.example/x.js'],
    ['/x.js', 'http://127.0.0.1:4000/page', undefined, 'http://127.0.0.1:4000/x.js'],
    // refused schemes, however written
    ['data:text/javascript,alert(1)', PAGE, undefined, 'not https'],
    ['DATA:text/javascript;base64,YWxlcnQoMSk=', PAGE, undefined, 'not https'],
    ['blob:https://shop.example.org/6c1c', PAGE, undefined, 'not https'],
    ['javascript:alert(1)', PAGE, undefined, 'not https'],
    ['  JavaScript:alert(1)', PAGE, undefined, 'not https'],
    ['java\tscript:alert(1)', PAGE, undefined, 'not https'],
    ['vbscript:msgbox', PAGE, undefined, 'not https'],
    ['file:///etc/passwd', PAGE, undefined, 'not https'],
    ['ftp://cdn.example.com/a.js', PAGE, undefined, 'not https'],
    ['wss://cdn.example.com/a.js', PAGE, undefined, 'not https'],
    ['filesystem:https://a.example/temporary/x.js', PAGE, undefined, 'not https'],
    ['chrome-extension://abc/x.js', PAGE, undefined, 'not https'],
    // plain http elsewhere, including look-alikes of this machine
    ['http://cdn.example.com/a.js', PAGE, undefined, 'not https'],
    ['http://localhost.evil.example/a.js', PAGE, undefined, 'not https'],
    ['http://127.0.0.2/a.js', PAGE, undefined, 'not https'],
    ['http://0.0.0.0/a.js', PAGE, undefined, 'not https'],
    ['/x.js', 'http://shop.example.org/', undefined, 'not https'],
    // not a URL
    ['', PAGE, undefined, 'not a URL'],
    ['https://', PAGE, undefined, 'not a URL'],
    ['https://exa mple.com/x.js', PAGE, undefined, 'not a URL'],
    [42, PAGE, undefined, 'not a URL'],
    [null, PAGE, undefined, 'not a URL'],
    [{ toString: () => 'https://cdn.example.com/a.js' }, PAGE, undefined, 'not a URL'],
    ['/x.js', 'not a base', undefined, 'not a URL'],
    // host lists: the base's own host, or one listed (lowercase, port when not the default)
    ['https://cdn.example.com/a.js', PAGE, ['cdn.example.com'], 'https://cdn.example.com/a.js'],
    ['https://cdn.example.com:443/a.js', PAGE, ['cdn.example.com'], 'https://cdn.example.com/a.js'],
    ['https://cdn.example.com:8443/a.js', PAGE, ['cdn.example.com:8443'], 'https://cdn.example.com:8443/a.js'],
    ['/a.js', CDN, [], 'https://cdn.example.com/a.js'],
    ['https://cdn.example.com/next/a.js', CDN, [], 'https://cdn.example.com/next/a.js'],
    ['http://127.0.0.1:3000/a.js', 'http://127.0.0.1:3000/', [], 'http://127.0.0.1:3000/a.js'],
    ['https://cdn.example.com/a.js', PAGE, ['CDN.EXAMPLE.COM'], 'host not allowed'],
    ['https://cdn.example.com:8443/a.js', PAGE, ['cdn.example.com'], 'host not allowed'],
    ['https://cdn.example.com:8443/a.js', CDN, [], 'host not allowed'],
    ['https://evil.example/a.js', PAGE, ['cdn.example.com', 'x.example'], 'host not allowed'],
    ['https://cdn.example.com.evil.example/a.js', CDN, ['cdn.example.com'], 'host not allowed'],
    ['https://cdn.example.com@evil.example/a.js', CDN, ['cdn.example.com'], 'host not allowed'],
    ['https:\\\\evil.example\\a.js', CDN, ['cdn.example.com'], 'host not allowed'],
    ['//evil.example/a.js', CDN, [], 'host not allowed'],
    ['https://sub.cdn.example.com/a.js', CDN, [], 'host not allowed'],
    ['https://cdn.example.com/a.js', PAGE, [], 'host not allowed'],
    ['https://cdn.example.com/a.js', PAGE, [''], 'host not allowed'],
    ['http://cdn.example.com/a.js', CDN, [], 'not https'],
    ['data:text/javascript,1', CDN, ['cdn.example.com', ''], 'not https'],
  ])('%j (base %s, hosts %j) → %s', (url, base, hosts, expected) => {
    expect(check(url, base, hosts)).toBe(expected)
  })
})

describe('checkScriptURL properties', () => {
  const anyURL = fc.oneof(
    fc.string(),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom('data:', 'blob:', 'javascript:', 'http:', 'https:', '//', '/', 'HTTP://127.0.0.1', ' https://').chain((p) => fc.string().map((s) => p + s)),
    fc.anything(),
  )
  const hostList = fc.option(fc.array(fc.oneof(fc.domain(), fc.constantFrom('cdn.example.com', 'localhost', '127.0.0.1:3000')), { maxLength: 3 }), { nil: undefined })

  it("never throws, and what it lets through is https (or http to this machine) on the base's host or a listed one", () => {
    fc.assert(
      fc.property(anyURL, fc.constantFrom(PAGE, CDN, 'http://127.0.0.1:3000/'), hostList, (url, base, hosts) => {
        const r = checkScriptURL(url, base, hosts)
        if (typeof r == 'string') return
        expect(typeof url).toBe('string')
        const ok = r.protocol === 'https:' || (r.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(r.hostname))
        expect(ok, r.href).toBe(true)
        if (hosts) expect([new URL(base).host, ...hosts]).toContain(r.host)
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses every URL whose scheme is not http(s), whatever follows', () => {
    const scheme = fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((s) => s !== 'http' && s !== 'https')
    fc.assert(
      fc.property(scheme, fc.string(), (s, rest) => {
        expect(typeof checkScriptURL(`${s}:${rest}`, PAGE)).toBe('string')
      }),
    )
  })

  it('an https URL on a listed host passes; on any other host it does not', () => {
    fc.assert(
      fc.property(fc.domain(), fc.domain(), fc.webPath(), (host, other, path) => {
        const url = `https://${host}${path.startsWith('/') ? path : '/' + path}`
        const { host: actual } = new URL(url)
        expect(typeof checkScriptURL(url, PAGE, [actual])).toBe('object')
        if (actual !== other) expect(typeof checkScriptURL(url, PAGE, [other])).toBe('string')
      }),
    )
  })
})
