// Cookie encoding as Analytics.js 2.0 writes and reads it (it uses js-cookie 3: values
// percent-encoded except the characters a cookie allows, names likewise; reading decodes both and
// unquotes a "quoted" value).
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCookies, readCookies, writeCookie } from '../../src/storage/cookies'
import { clearAll } from './helpers'

afterEach(clearAll)

const written = (name: string, value: string, attributes = {}) => {
  let out = ''
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!
  Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: (v: string) => void (out = v) })
  try {
    writeCookie(name, value, attributes)
  } finally {
    delete (document as unknown as Record<string, unknown>).cookie
  }
  expect(Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')).toEqual(desc)
  return out
}

describe('cookies', () => {
  it('writes values as Analytics.js 2.0 does, and names it reads back the same', () => {
    expect(written('ajs_user_id', 'user-1')).toBe('ajs_user_id=user-1')
    expect(written('obj', '{"a":1,"b":[2]}')).toBe('obj={%22a%22:1%2C%22b%22:[2]}')
    expect(written('x', 'é ;,\\')).toBe('x=%C3%A9%20%3B%2C%5C')
    expect(written('a(b)', 'v')).toBe('a%28b%29=v')
    expect(written('s:context.referrer', 'v')).toBe('s%3Acontext.referrer=v')
    expect(parseCookies('a#b=1; a%23c=2')).toEqual({ 'a#b': '1', 'a#c': '2' })
  })

  it('writes attributes: expires in days, path, domain, SameSite, secure; nothing for what is unset', () => {
    const now = Date.now()
    const cookie = written('k', 'v', { expires: 365, path: '/', sameSite: 'Lax', secure: true, domain: 'example.com' })
    const expires = Date.parse(/expires=([^;]+)/.exec(cookie)![1])
    expect(Math.abs(expires - (now + 365 * 864e5))).toBeLessThan(2000)
    expect(cookie.replace(/expires=[^;]+/, 'expires=X')).toBe('k=v; expires=X; path=/; sameSite=Lax; domain=example.com; secure')
    expect(written('k', 'v', { path: '/', domain: undefined, secure: false })).toBe('k=v; path=/')
    expect(written('k', 'v', { path: '/x; domain=evil.com' })).toBe('k=v; path=/x')
  })

  it('reads what Analytics.js 2.0 wrote: quoted, percent-encoded, = in values, first of a name wins', () => {
    expect(parseCookies('a=%22abc%22; b="quoted"; c=x=y; d=%7B%22a%22%3A1%7D; a=second; e')).toEqual({
      a: '"abc"',
      b: 'quoted',
      c: 'x=y',
      d: '{"a":1}',
      e: '',
    })
    expect(parseCookies('')).toEqual({})
  })

  it('leaves out a cookie that does not decode, and keeps names like constructor as names', () => {
    const jar = parseCookies('bad=%E0%A4%A; %zz=1; constructor=c; __proto__=p; ok=1')
    expect(Object.entries(jar)).toEqual([
      ['constructor', 'c'],
      ['__proto__', 'p'],
      ['ok', '1'],
    ])
    expect(Object.getPrototypeOf(jar)).toBe(null)
  })

  it('any name and value written reads back the same (property test)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !/^\s|\s$/.test(s) && !s.includes(';')), fc.string({ unit: 'grapheme' }), (name, value) => {
        clearAll()
        writeCookie(name, value, { path: '/' })
        expect(readCookies()[name]).toBe(value)
      }),
      { numRuns: 300 },
    )
  })
})
