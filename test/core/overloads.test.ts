import { describe, expect, it, beforeEach } from 'vitest'
import { makeAnalytics, recorder } from './helpers'
import type { Analytics } from '../../src/core/analytics'
import { LIBRARY_NAME } from '../../src/core/constants'

const PAGE = {
  path: '/',
  referrer: '',
  search: '',
  title: 'Shop',
  url: 'https://www.example.com/',
}

let analytics: Analytics
beforeEach(async () => {
  document.title = 'Shop'
  analytics = makeAnalytics()
})

const noop = () => {}

/** [call, expected fields of the built message] */
const table: [string, (a: Analytics) => Promise<unknown>, Record<string, unknown>][] = [
  ['track(name)', (a) => a.track('Clicked'), { type: 'track', event: 'Clicked', properties: {} }],
  ['track(name, props)', (a) => a.track('Clicked', { x: 1 }), { event: 'Clicked', properties: { x: 1 } }],
  ['track(name, props, options)', (a) => a.track('Clicked', { x: 1 }, { integrations: { Foo: false } }), { properties: { x: 1 }, integrations: { Foo: false } }],
  ['track(name, callback)', (a) => a.track('Clicked', noop), { event: 'Clicked', properties: {} }],
  ['track({event, properties}, options)', (a) => a.track({ event: 'Obj', properties: { y: 2 } }, { context: { ip: '1.2.3.4' } }), { event: 'Obj', properties: { y: 2 } }],
  ['track(number name)', (a) => a.track(42), { event: '42' }],
  ['page()', (a) => a.page(), { type: 'page', properties: PAGE }],
  ['page(name)', (a) => a.page('Home'), { name: 'Home', properties: { ...PAGE, name: 'Home' } }],
  ['page(category, name)', (a) => a.page('Docs', 'Intro'), { category: 'Docs', name: 'Intro', properties: { ...PAGE, name: 'Intro', category: 'Docs' } }],
  ['page(name, props)', (a) => a.page('Home', { a: 1 }), { name: 'Home', properties: { ...PAGE, a: 1, name: 'Home' } }],
  ['page(props)', (a) => a.page({ a: 1 }), { properties: { ...PAGE, a: 1 } }],
  ['page(cat, name, props, options)', (a) => a.page('C', 'N', { title: 'T' }, { integrations: { X: false } }), { properties: { ...PAGE, title: 'T', name: 'N', category: 'C' }, integrations: { X: false } }],
  ['page(null, null, null, options)', (a) => a.page(null, null, null, { context: { k: 1 } }), { properties: PAGE }],
  ['screen(name, props)', (a) => a.screen('Home', { a: 1 }), { type: 'screen', name: 'Home', properties: { a: 1 } }],
  ['identify(id)', (a) => a.identify('u1'), { type: 'identify', userId: 'u1', traits: {} }],
  ['identify(id, traits)', (a) => a.identify('u1', { email: 'a@b.c' }), { userId: 'u1', traits: { email: 'a@b.c' } }],
  ['identify(number id)', (a) => a.identify(7), { userId: '7' }],
  ['identify(traits)', (a) => a.identify({ plan: 'pro' }), { userId: null, traits: { plan: 'pro' } }],
  ['identify(null, traits, options)', (a) => a.identify(null, { plan: 'pro' }, { integrations: { Y: false } }), { traits: { plan: 'pro' }, integrations: { Y: false } }],
  ['group(id, traits)', (a) => a.group('g1', { name: 'Acme' }), { type: 'group', groupId: 'g1', traits: { name: 'Acme' } }],
  ['group(traits)', (a) => a.group({ name: 'Acme' }), { groupId: null, traits: { name: 'Acme' } }],
  ['alias(to)', (a) => a.alias('new-id'), { type: 'alias', userId: 'new-id', previousId: 'anon-1' }],
  ['alias(to, from)', (a) => a.alias('new-id', 'old-id'), { userId: 'new-id', previousId: 'old-id' }],
  ['alias(number, number)', (a) => a.alias(2, 1), { userId: '2', previousId: '1' }],
]

describe('every overload builds the exact spec message', () => {
  it.each(table)('%s', async (_label, call, expected) => {
    const dest = recorder()
    await analytics.register(dest)
    const ctx = (await call(analytics)) as { event: Record<string, unknown>; failedDelivery(): unknown }
    expect(ctx.failedDelivery()).toBeUndefined()
    expect(dest.events).toHaveLength(1)
    const msg = dest.events[0].event
    expect(msg).toMatchObject(expected)
    expect(msg.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Date(msg.timestamp).toISOString()).toBe(msg.timestamp)
    expect(msg.anonymousId).toBe('anon-1')
    expect(msg.context.library).toEqual({ name: LIBRARY_NAME, version: expect.any(String) })
    expect(msg.context.page).toMatchObject({ path: '/', url: 'https://www.example.com/', title: expect.any(String) })
  })
})

describe('options', () => {
  it('moves unknown keys into context, hoists overrides, merges integrations', async () => {
    const a = makeAnalytics({ integrations: { 'Segment.io': { apiHost: 'x' }, Amplitude: false } })
    const dest = recorder()
    await a.register(dest)
    const ts = new Date('2020-01-01T00:00:00.000Z')
    await a.track('Hello', { x: 1 }, {
      integrations: { Mixpanel: false },
      foo: 'bar',
      traits: { plan: 'pro' },
      context: { ip: '8.8.8.8' },
      anonymousId: 'anon-override',
      userId: 'user-override',
      timestamp: ts,
      messageId: 'custom-id',
    })
    const msg = dest.events[0].event
    expect(msg.integrations).toEqual({ 'Segment.io': true, Amplitude: false, Mixpanel: false })
    expect(msg.context).toMatchObject({ ip: '8.8.8.8', foo: 'bar', traits: { plan: 'pro' } })
    expect(msg.anonymousId).toBe('anon-override')
    expect(msg.userId).toBe('user-override')
    expect(msg.timestamp).toBe('2020-01-01T00:00:00.000Z')
    expect(msg.messageId).toBe('custom-id')
    expect(a.user().anonymousId()).toBe('anon-override')
  })

  it('page keys in page() properties override context.page', async () => {
    const dest = recorder()
    await analytics.register(dest)
    await analytics.page('Home', { title: 'Custom', url: 'https://x.test/a' })
    expect(dest.events[0].event.context.page).toMatchObject({ title: 'Custom', url: 'https://x.test/a', path: '/' })
  })

  it('a trailing snippet page context becomes context.page', async () => {
    const dest = recorder()
    await analytics.register(dest)
    const bpc = { __t: 'bpc', c: undefined, p: '/then', u: 'https://www.example.com/then?q=1#h', s: '?q=1', t: 'Then', r: 'https://ref.test/' }
    await analytics.track('Buffered', { a: 1 }, bpc)
    const msg = dest.events[0].event
    expect(msg.properties).toEqual({ a: 1 })
    expect(msg.context.page).toEqual({ path: '/then', url: 'https://www.example.com/then?q=1', search: '?q=1', title: 'Then', referrer: 'https://ref.test/' })
  })

  it('identify merges traits for the same user and replaces them for a new one', async () => {
    const dest = recorder()
    await analytics.register(dest)
    await analytics.identify('u1', { a: 1 })
    await analytics.identify('u1', { b: 2 })
    await analytics.identify({ c: 3 })
    expect(dest.events[2].event.traits).toEqual({ a: 1, b: 2, c: 3 })
    await analytics.identify('u2', { d: 4 })
    expect(dest.events[3].event.traits).toEqual({ d: 4 })
    expect(dest.events[3].event.anonymousId).toBe('anon-regenerated')
  })
})

describe('analytics.storage', () => {
  it('reads what identity wrote, with the Analytics.js 2.0 encoding', async () => {
    localStorage.clear()
    const { Analytics } = await import('../../src/core/analytics')
    const a = new Analytics({ writeKey: 'WK' })
    a.setAnonymousId('anon-storage')
    expect(localStorage.getItem('ajs_anonymous_id')).toBe('"anon-storage"')
    expect(a.storage.get('ajs_anonymous_id')).toBe('anon-storage')
  })
})
