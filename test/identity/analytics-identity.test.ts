// Identity through the real Analytics class: what events carry, and what is stored afterwards.
import { beforeEach, expect, it, vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import { createGroup, createUser } from '../../src/identity'
import { clearAll, cookieMap } from '../storage/helpers'
import { recorder } from '../context/recorder'

beforeEach(clearAll)

async function setup() {
  const options = {}
  const analytics = new Analytics({ writeKey: 'k' }, options, { user: createUser(options), group: createGroup(options) })
  const { plugin, events } = recorder()
  await analytics.register(plugin)
  return { analytics, events }
}

it('identify, group, options.anonymousId and reset leave Analytics.js 2.0 storage and ids on events', async () => {
  const { analytics, events } = await setup()
  await analytics.track('Hello', { x: 1 }, { anonymousId: 'anon-override' })
  await analytics.identify('user-1', { email: 'a@b.c' })
  await analytics.group('g1', { name: 'Acme' })
  await vi.waitFor(() => expect(events).toHaveLength(3))
  expect(events.map((e) => [e.type, e.userId ?? null, e.anonymousId])).toEqual([
    ['track', null, 'anon-override'],
    ['identify', 'user-1', 'anon-override'],
    ['group', 'user-1', 'anon-override'],
  ])
  expect(events[1].traits).toEqual({ email: 'a@b.c' })
  expect(events[2]).toMatchObject({ groupId: 'g1', traits: { name: 'Acme' } })
  expect(localStorage.getItem('ajs_user_id')).toBe('"user-1"')
  expect(localStorage.getItem('ajs_user_traits')).toBe('{"email":"a@b.c"}')
  expect(localStorage.getItem('ajs_anonymous_id')).toBe('"anon-override"')
  expect(localStorage.getItem('ajs_group_id')).toBe('"g1"')
  expect(localStorage.getItem('ajs_group_properties')).toBe('{"name":"Acme"}')
  expect(cookieMap()).toMatchObject({ ajs_user_id: 'user-1', ajs_anonymous_id: 'anon-override', ajs_group_id: 'g1' })

  const onReset = vi.fn()
  analytics.on('reset', onReset)
  analytics.reset()
  expect(onReset).toHaveBeenCalledTimes(1)
  await analytics.track('After')
  await vi.waitFor(() => expect(events).toHaveLength(4))
  expect(events[3].userId ?? null).toBeNull()
  expect(events[3].anonymousId).toMatch(/^[0-9a-f-]{36}$/)
  expect(events[3].anonymousId).not.toBe('anon-override')
  expect(analytics.group().id()).toBeNull()
})

it('identify with a new userId replaces traits and the anonymousId; same userId merges', async () => {
  const { analytics, events } = await setup()
  await analytics.identify('u1', { a: 1 })
  await analytics.identify('u1', { b: 2 })
  await analytics.identify('u2', { c: 3 })
  await vi.waitFor(() => expect(events).toHaveLength(3))
  expect(events.map((e) => e.traits)).toEqual([{ a: 1 }, { a: 1, b: 2 }, { c: 3 }])
  expect(events[0].anonymousId).toBe(events[1].anonymousId)
  expect(events[2].anonymousId).not.toBe(events[1].anonymousId)
})
