import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createGroup, createUser } from '../../src/identity'
import { blockCookies, clearAll, cookieMap } from '../storage/helpers'
import { AJS_COOKIES, AJS_LOCAL_STORAGE, CLASSIC_COOKIES, writeFixture } from './fixtures'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(clearAll)
afterEach(() => vi.restoreAllMocks())

describe('reading what Analytics.js 2.0 left behind', () => {
  it('localStorage + cookies fixture', () => {
    writeFixture(AJS_LOCAL_STORAGE, AJS_COOKIES)
    const user = createUser()
    const group = createGroup()
    expect(user.id()).toBe('user-1')
    expect(user.anonymousId()).toBe('anon-1')
    expect(user.traits()).toEqual({ email: 'a@b.c' })
    expect(group.id()).toBe('g1')
    expect(group.traits()).toEqual({ name: 'Acme' })
    expect(group.anonymousId()).toBeUndefined()
  })

  it('cookies only (localStorage was cleared)', () => {
    writeFixture({}, AJS_COOKIES)
    const user = createUser()
    expect(user.id()).toBe('user-1')
    expect(user.anonymousId()).toBe('anon-1')
    // and localStorage is re-synced in the same encoding
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"anon-1"')
    expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"')
  })

  it('localStorage only (cookies were cleared): cookies are re-written raw', () => {
    writeFixture(AJS_LOCAL_STORAGE, {})
    const user = createUser()
    expect(user.anonymousId()).toBe('anon-1')
    expect(user.id()).toBe('user-1')
    expect(cookieMap()).toMatchObject({ ajs_anonymous_id: 'anon-1', ajs_user_id: 'user-1' })
  })

  it('classic quoted cookies %22abc%22', () => {
    writeFixture({}, CLASSIC_COOKIES)
    const user = createUser()
    expect(user.id()).toBe('user-1')
    expect(user.anonymousId()).toBe('anon-1')
    expect(createGroup().id()).toBe('g1')
  })

  it('the anonymousId cookie wins over a different localStorage value', () => {
    writeFixture({ ajs_anonymous_id: '"ls-anon"' }, { ajs_anonymous_id: 'cookie-anon' })
    expect(createUser().anonymousId()).toBe('cookie-anon')
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"cookie-anon"')
  })

  it('numeric ids from the classic library become strings', () => {
    localStorage.setItem('ajs_user_id', '42')
    expect(createUser().id()).toBe('42')
    expect(localStorage.getItem('ajs_user_id')).toBe('"42"')
  })

  it('legacy ajs_user cookie object is migrated; _sio gives the anonymousId', () => {
    document.cookie = `ajs_user=${encodeURIComponent(JSON.stringify({ id: 'old-1', traits: { plan: 'x' } }))}; path=/`
    document.cookie = '_sio=sio-anon----old-1; path=/'
    const user = createUser()
    expect(user.id()).toBe('old-1')
    expect(user.traits()).toEqual({ plan: 'x' })
    expect(user.anonymousId()).toBe('sio-anon')
    expect(localStorage.getItem('ajs_user_id')).toBe('"old-1"')
  })
})

describe('writing as Analytics.js 2.0 does', () => {
  it('identify writes the exact encodings; traits never go to cookies', () => {
    const user = createUser()
    user.anonymousId('anon-override')
    user.identify('user-1', { email: 'a@b.c' })
    createGroup().identify('g1', { name: 'Acme' })
    expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"')
    expect(localStorage.getItem('ajs_user_traits')).toBe('{"email":"a@b.c"}')
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"anon-override"')
    expect(localStorage.getItem('ajs_group_id')).toBe('"g1"')
    expect(localStorage.getItem('ajs_group_properties')).toBe('{"name":"Acme"}')
    expect(cookieMap()).toEqual({ ajs_user_id: 'user-1', ajs_anonymous_id: 'anon-override', ajs_group_id: 'g1' })
  })

  it('custom keys from user.cookie.key and user.localStorage.key', () => {
    const user = createUser({ user: { cookie: { key: 'uid' }, localStorage: { key: 'utraits' } } })
    user.identify('u', { a: 1 })
    expect(cookieMap().uid).toBe('u')
    expect(localStorage.getItem('utraits')).toBe('{"a":1}')
    expect(localStorage.getItem('ajs_user_id')).toBeNull()
  })
})

describe('anonymousId', () => {
  it('is a v4 UUID created once and reused by a new instance (reload) and shared storage (tabs)', () => {
    const first = createUser().anonymousId()
    expect(first).toMatch(UUID)
    expect(createUser().anonymousId()).toBe(first)
    expect(createUser().anonymousId()).toBe(first)
  })

  it('setter persists; null clears and the next read makes a new one', () => {
    const user = createUser()
    expect(user.anonymousId('mine')).toBe('mine')
    expect(createUser().anonymousId()).toBe('mine')
    expect(user.anonymousId(null)).toBeNull()
    const next = user.anonymousId()
    expect(next).toMatch(UUID)
  })
})

describe('identify semantics', () => {
  it('merges traits for the same id and on first identification of an anonymous user', () => {
    const user = createUser()
    user.traits({ anon: true })
    user.identify('u1', { a: 1 })
    expect(user.traits()).toEqual({ anon: true, a: 1 })
    user.identify('u1', { b: 2 })
    expect(user.traits()).toEqual({ anon: true, a: 1, b: 2 })
    user.identify(undefined, { c: 3 })
    expect(user.traits()).toEqual({ anon: true, a: 1, b: 2, c: 3 })
  })

  it('a different non-null id replaces traits and gets a fresh anonymousId', () => {
    const user = createUser()
    const anon = user.anonymousId()
    user.identify('u1', { a: 1 })
    expect(user.anonymousId()).toBe(anon)
    user.identify('u2', { b: 2 })
    expect(user.id()).toBe('u2')
    expect(user.traits()).toEqual({ b: 2 })
    const fresh = user.anonymousId()
    expect(fresh).toMatch(UUID)
    expect(fresh).not.toBe(anon)
  })

  it('id(null → value) keeps the anonymousId', () => {
    const user = createUser()
    const anon = user.anonymousId()
    user.id('u1')
    expect(user.anonymousId()).toBe(anon)
  })

  it('traits(null) → {}', () => {
    const user = createUser()
    user.traits({ a: 1 })
    expect(user.traits(null)).toEqual({})
  })

  it('group identify merges the same way and has no anonymousId', () => {
    const group = createGroup()
    group.identify('g1', { a: 1 })
    group.identify('g1', { b: 2 })
    expect(group.traits()).toEqual({ a: 1, b: 2 })
    group.identify('g2', { c: 3 })
    expect(group.traits()).toEqual({ c: 3 })
    expect(group.anonymousId()).toBeUndefined()
  })
})

describe('reset', () => {
  it('clears ids and traits from every store; the next anonymousId is new', () => {
    const user = createUser()
    const group = createGroup()
    const anon = user.anonymousId()
    user.identify('u1', { a: 1 })
    group.identify('g1', { n: 1 })
    user.reset()
    group.reset()
    expect(user.id()).toBeNull()
    expect(user.traits()).toEqual({})
    expect(group.id()).toBeNull()
    expect(group.traits()).toEqual({})
    expect(cookieMap().ajs_user_id).toBeUndefined()
    expect(cookieMap().ajs_group_id).toBeUndefined()
    expect(localStorage.getItem('ajs_user_traits')).toBeNull()
    const next = createUser().anonymousId()
    expect(next).toMatch(UUID)
    expect(next).not.toBe(anon)
  })
})

describe('options', () => {
  it('user.disable → ids null, nothing written', () => {
    const user = createUser({ user: { disable: true } })
    user.identify('u1', { a: 1 })
    expect(user.id()).toBeNull()
    expect(user.anonymousId()).toBeNull()
    expect(localStorage.length).toBe(0)
    expect(document.cookie).toBe('')
  })

  it('disableClientPersistence / persist:false → memory only', () => {
    for (const user of [createUser({ disableClientPersistence: true }), createUser({ user: { persist: false } })]) {
      user.identify('u1', { a: 1 })
      expect(user.id()).toBe('u1')
      expect(user.anonymousId()).toMatch(UUID)
    }
    expect(localStorage.length).toBe(0)
    expect(document.cookie).toBe('')
  })

  it('storage.stores and localStorageFallbackDisabled choose the stores', () => {
    createUser({ storage: { stores: ['cookie'] } }).identify('u1', { a: 1 })
    expect(localStorage.getItem('ajs_user_id')).toBeNull()
    expect(cookieMap().ajs_user_id).toBe('u1')
    clearAll()
    createUser({ user: { localStorageFallbackDisabled: true } }).identify('u2')
    expect(localStorage.getItem('ajs_user_id')).toBeNull()
    expect(cookieMap().ajs_user_id).toBe('u2')
    clearAll()
    createUser({ storage: { stores: ['localStorage'] } }).identify('u3')
    expect(localStorage.getItem('ajs_user_id')).toBe('"u3"')
    expect(cookieMap().ajs_user_id).toBeUndefined()
  })

  it('user.storage overrides the page-wide storage for the user only', () => {
    createUser({ storage: { stores: ['localStorage'] }, user: { storage: { stores: ['cookie'] } } }).identify('u1')
    expect(cookieMap().ajs_user_id).toBe('u1')
    expect(localStorage.getItem('ajs_user_id')).toBeNull()
  })

  it('with cookies and localStorage both throwing, identity holds in memory without exceptions', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const unblock = blockCookies()
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    try {
      const user = createUser()
      const anon = user.anonymousId()
      expect(anon).toMatch(UUID)
      user.identify('u1', { a: 1 })
      expect(user.id()).toBe('u1')
      expect(user.anonymousId()).toBe(anon)
      expect(user.traits()).toEqual({ a: 1 })
    } finally {
      unblock()
    }
  })
})
