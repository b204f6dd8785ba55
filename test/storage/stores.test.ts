import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCookieStore, createLocalStore, createMemoryStore, createStores, createUniversalStorage, topDomain, UniversalStorage } from '../../src/storage'
import { domainLevels } from '../../src/storage/tld'
import { blockCookies, clearAll, cookieMap } from './helpers'

beforeEach(clearAll)
afterEach(() => vi.restoreAllMocks())

describe('encodings', () => {
  it('localStorage values are JSON: strings quoted, objects as JSON, null as "null"', () => {
    const ls = createLocalStore()
    ls.set('ajs_user_id', 'user-1')
    ls.set('ajs_user_traits', { email: 'a@b.c' })
    ls.set('gone', null)
    expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"')
    expect(localStorage.getItem('ajs_user_traits')).toBe('{"email":"a@b.c"}')
    expect(localStorage.getItem('gone')).toBe('null')
    expect(ls.get('ajs_user_id')).toBe('user-1')
    expect(ls.get('ajs_user_traits')).toEqual({ email: 'a@b.c' })
    expect(ls.get('gone')).toBeNull()
  })

  it('localStorage reader accepts raw (unquoted) strings', () => {
    localStorage.setItem('ajs_anonymous_id', 'abc-raw')
    expect(createLocalStore().get('ajs_anonymous_id')).toBe('abc-raw')
  })

  it('cookies hold strings raw and objects as JSON; null removes', () => {
    const c = createCookieStore()
    c.set('ajs_user_id', 'user-1')
    c.set('obj', { a: 1 })
    expect(cookieMap().ajs_user_id).toBe('user-1')
    expect(decodeURIComponent(cookieMap().obj)).toBe('{"a":1}')
    expect(c.get('obj')).toEqual({ a: 1 })
    c.set('ajs_user_id', null)
    expect(cookieMap().ajs_user_id).toBeUndefined()
    expect(c.get('ajs_user_id')).toBeNull()
  })

  it('cookie reader accepts the quoted %22abc%22 form and keeps raw numeric-looking ids as written', () => {
    document.cookie = 'ajs_anonymous_id=%22abc%22; path=/'
    document.cookie = 'ajs_user_id=007; path=/'
    const c = createCookieStore()
    expect(c.get('ajs_anonymous_id')).toBe('abc')
    expect(c.get('ajs_user_id')).toBe('007')
  })

  it('cookie attributes default to path / and a probed domain', () => {
    const spy = vi.spyOn(Document.prototype, 'cookie', 'set')
    createCookieStore().set('k', 'v')
    const written = spy.mock.calls.map((c) => c[0]).find((s) => s.startsWith('k='))!
    expect(written).toMatch(/path=\//)
    expect(written).toMatch(/domain=example\.com/)
    expect(written).toMatch(/sameSite=Lax/)
    expect(written).toMatch(/expires=/)
    const year = new Date(written.match(/expires=([^;]+)/)![1]).getTime() - Date.now()
    expect(Math.round(year / 864e5)).toBe(365)
  })

  it('cookie options override maxage (days), domain, path, sameSite, secure', () => {
    const spy = vi.spyOn(Document.prototype, 'cookie', 'set')
    createCookieStore({ maxage: 7, domain: 'www.example.com', path: '/', sameSite: 'Strict', secure: true }).set('k', 'v')
    const written = spy.mock.calls.map((c) => c[0]).find((s) => s.startsWith('k='))!
    expect(written).toMatch(/domain=www\.example\.com/)
    expect(written).toMatch(/sameSite=Strict/)
    expect(written).toMatch(/secure/)
    const days = (new Date(written.match(/expires=([^;]+)/)![1]).getTime() - Date.now()) / 864e5
    expect(Math.round(days)).toBe(7)
  })
})

describe('cookie reads', () => {
  it('read document.cookie once per run of script; own writes and the next microtask refresh', async () => {
    const c = createCookieStore()
    c.set('a', '1')
    const getter = vi.spyOn(document, 'cookie', 'get')
    for (let i = 0; i < 100; i++) c.get('a')
    expect(getter.mock.calls.length).toBeLessThanOrEqual(2) // one parse (which reads the property twice)
    c.set('a', '2')
    expect(c.get('a')).toBe('2')
    getter.mockRestore()
    document.cookie = 'a=3; path=/; domain=example.com'
    await Promise.resolve()
    expect(c.get('a')).toBe('3')
  })
})

describe('top domain probing', () => {
  it('lists candidate levels shortest first; none for IPv4 and single-label hosts', () => {
    expect(domainLevels('a.b.example.co.uk')).toEqual(['co.uk', 'example.co.uk', 'b.example.co.uk', 'a.b.example.co.uk'])
    expect(domainLevels('127.0.0.1')).toEqual([])
    expect(domainLevels('localhost')).toEqual([])
  })

  it('finds the registrable domain and removes the probe cookie', () => {
    expect(topDomain('https://www.example.com/x')).toBe('example.com')
    expect(document.cookie).not.toContain('__tld__')
    expect(topDomain('http://127.0.0.1:8080/')).toBeUndefined()
    expect(topDomain('not a url')).toBeUndefined()
  })
})

describe('UniversalStorage', () => {
  it('writes every store, reads the first that has a value', () => {
    const [ls, cookie, mem] = createStores(['localStorage', 'cookie', 'memory'])
    const u = new UniversalStorage([ls, cookie, mem])
    u.set('k', 'v')
    expect([ls.get('k'), cookie.get('k'), mem.get('k')]).toEqual(['v', 'v', 'v'])
    localStorage.removeItem('k')
    expect(u.get('k')).toBe('v')
    u.clear('k')
    expect(u.get('k')).toBeNull()
  })

  it('getAndSync restores a store that lost the value and turns numbers into strings', () => {
    localStorage.setItem('ajs_user_id', '123')
    const u = new UniversalStorage(createStores(['localStorage', 'cookie']))
    expect(u.getAndSync('ajs_user_id')).toBe('123')
    expect(localStorage.getItem('ajs_user_id')).toBe('"123"')
    expect(cookieMap().ajs_user_id).toBe('123')
  })

  it('getConsistent: the cookie wins a disagreement and is written back everywhere', () => {
    localStorage.setItem('ajs_anonymous_id', '"from-ls"')
    document.cookie = 'ajs_anonymous_id=from-cookie; path=/'
    const u = new UniversalStorage(createStores(['localStorage', 'cookie']))
    expect(u.getConsistent('ajs_anonymous_id')).toBe('from-cookie')
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"from-cookie"')
  })

  it('getConsistent treats an empty cookie as absent', () => {
    localStorage.setItem('ajs_anonymous_id', '"from-ls"')
    document.cookie = 'ajs_anonymous_id=; path=/'
    const u = new UniversalStorage(createStores(['localStorage', 'cookie']))
    expect(u.getConsistent('ajs_anonymous_id')).toBe('from-ls')
  })

  it('steady-state reads write nothing', () => {
    const u = new UniversalStorage(createStores(['localStorage', 'cookie']))
    u.set('k', 'v')
    const ls = vi.spyOn(Storage.prototype, 'setItem')
    const ck = vi.spyOn(Document.prototype, 'cookie', 'set')
    for (let i = 0; i < 100; i++) u.getConsistent('k')
    expect(ls).not.toHaveBeenCalled()
    expect(ck).not.toHaveBeenCalled()
  })

  it('a store that silently drops writes is repaired once, not on every read', () => {
    const dropping = { type: 'cookie' as const, get: () => null, set: vi.fn(), remove: vi.fn() }
    const u = new UniversalStorage([createLocalStore(), dropping])
    localStorage.setItem('ajs_anonymous_id', '"a1"')
    for (let i = 0; i < 50; i++) expect(u.getConsistent('ajs_anonymous_id')).toBe('a1')
    expect(dropping.set).toHaveBeenCalledTimes(1)
    u.set('ajs_anonymous_id', 'a2')
    for (let i = 0; i < 50; i++) expect(u.getConsistent('ajs_anonymous_id')).toBe('a2')
    expect(dropping.set).toHaveBeenCalledTimes(3) // the explicit write, then one repair
  })

  it('createUniversalStorage honours storage.stores and disableClientPersistence', () => {
    expect(createUniversalStorage().stores.map((s) => s.type)).toEqual(['localStorage', 'cookie', 'memory'])
    expect(createUniversalStorage({ storage: { stores: ['cookie'] } }).stores.map((s) => s.type)).toEqual(['cookie', 'memory'])
    expect(createUniversalStorage({ disableClientPersistence: true }).stores.map((s) => s.type)).toEqual(['memory'])
    createUniversalStorage({ disableClientPersistence: true }).set('k', 'v')
    expect(localStorage.getItem('k')).toBeNull()
    expect(cookieMap().k).toBeUndefined()
  })
})

describe('fallback matrix', () => {
  const breakLocalStorage = (what: 'getItem' | 'setItem' | 'all') => {
    const boom = () => {
      throw new DOMException('blocked', 'QuotaExceededError')
    }
    if (what === 'all') vi.spyOn(window, 'localStorage', 'get').mockImplementation(boom)
    else vi.spyOn(Storage.prototype, what).mockImplementation(boom)
  }
  let unblock: (() => void) | undefined
  afterEach(() => unblock?.())
  const breakCookies = () => {
    unblock = blockCookies()
  }
  const cases: [string, () => void][] = [
    ['localStorage.setItem throws (quota full / Safari private mode)', () => breakLocalStorage('setItem')],
    ['localStorage.getItem throws', () => breakLocalStorage('getItem')],
    ['window.localStorage access throws (disabled)', () => breakLocalStorage('all')],
    ['document.cookie throws (blocked)', breakCookies],
    ['both cookies and localStorage throw', () => (breakCookies(), breakLocalStorage('all'))],
  ]
  for (const [name, breakIt] of cases) {
    it(`${name}: values still round-trip, no exception, one warning per store`, () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      breakIt()
      const u = new UniversalStorage(createStores(['localStorage', 'cookie', 'memory']))
      expect(() => {
        u.set('ajs_anonymous_id', 'a1')
        u.set('ajs_user_traits', { x: 1 })
      }).not.toThrow()
      expect(u.getConsistent('ajs_anonymous_id')).toBe('a1')
      expect(u.get('ajs_user_traits')).toEqual({ x: 1 })
      for (let i = 0; i < 20; i++) u.getAndSync('ajs_anonymous_id')
      expect(warn.mock.calls.length).toBeLessThanOrEqual(6)
    })
  }

  it('a list without memory still keeps values when its only store is broken', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    breakCookies()
    const u = new UniversalStorage(createStores(['cookie']))
    u.set('k', 'v')
    expect(u.get('k')).toBe('v')
  })

  it('absent store (memory only) keeps values in memory', () => {
    const m = createMemoryStore()
    m.set('k', { a: 1 })
    expect(m.get('k')).toEqual({ a: 1 })
    m.remove('k')
    expect(m.get('k')).toBeNull()
  })
})
