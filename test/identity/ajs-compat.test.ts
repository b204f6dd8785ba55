// Side by side with the real Analytics.js 2.0 (devDependency): each library reads what the other wrote.
import { beforeEach, describe, expect, it } from 'vitest'
import { Group, User } from '@segment/analytics-next'
import { createGroup, createUser } from '../../src/identity'
import { clearAll, cookieMap } from '../storage/helpers'

beforeEach(clearAll)

const snapshot = () => {
  const ls: Record<string, string | null> = {}
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i)!
    ls[k] = localStorage.getItem(k)
  }
  return { ls, cookies: cookieMap() }
}

describe('Analytics.js 2.0 ↔ Switchboard storage', () => {
  it('Switchboard reads what Analytics.js 2.0 wrote', () => {
    const ajsUser = new User().load()
    const anon = ajsUser.anonymousId()
    ajsUser.identify('user-1', { email: 'a@b.c' })
    new Group().load().identify('g1', { name: 'Acme' })

    const user = createUser()
    const group = createGroup()
    expect(user.anonymousId()).toBe(anon)
    expect(user.id()).toBe('user-1')
    expect(user.traits()).toEqual({ email: 'a@b.c' })
    expect(group.id()).toBe('g1')
    expect(group.traits()).toEqual({ name: 'Acme' })
  })

  it('Analytics.js 2.0 reads what Switchboard wrote', () => {
    const user = createUser()
    const anon = user.anonymousId()
    user.identify('user-1', { email: 'a@b.c' })
    createGroup().identify('g1', { name: 'Acme' })

    const ajsUser = new User().load()
    const ajsGroup = new Group().load()
    expect(ajsUser.anonymousId()).toBe(anon)
    expect(ajsUser.id()).toBe('user-1')
    expect(ajsUser.traits()).toEqual({ email: 'a@b.c' })
    expect(ajsGroup.id()).toBe('g1')
    expect(ajsGroup.traits()).toEqual({ name: 'Acme' })
  })

  it('both libraries leave byte-identical storage for the same calls', () => {
    const run = (make: () => { user: any; group: any }) => {
      clearAll()
      const { user, group } = make()
      user.anonymousId('anon-1')
      user.identify('user-1', { email: 'a@b.c' })
      user.identify('user-1', { plan: 'pro' })
      group.identify('g1', { name: 'Acme' })
      user.id()
      user.anonymousId()
      return snapshot()
    }
    const ajs = run(() => ({ user: new User().load(), group: new Group().load() }))
    const sb = run(() => ({ user: createUser(), group: createGroup() }))
    expect(sb).toEqual(ajs)
  })

  it('a new userId regenerates the anonymousId in both', () => {
    for (const user of [new User().load() as any, createUser()]) {
      clearAll()
      const a = user.anonymousId()
      user.identify('u1')
      user.identify('u2')
      expect(user.anonymousId()).not.toBe(a)
    }
  })

  it('after reset both read no ids from the other', () => {
    const user = createUser()
    user.identify('u1', { a: 1 })
    user.reset()
    const ajs = new User().load()
    expect(ajs.id()).toBeNull()
    expect(ajs.traits()).toEqual({})
  })
})
