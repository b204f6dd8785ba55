import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import { runQueryString, currentQueryString } from '../../src/context'
import type { InitOptions } from '../../src/core/options'
import { clearAll } from '../storage/helpers'
import { recorder } from './recorder'

beforeEach(clearAll)

/** A fake instance that records the calls in order. */
function fake(options: InitOptions = {}) {
  const calls: unknown[][] = []
  return {
    calls,
    target: {
      options,
      setAnonymousId: (id?: string) => void calls.push(['setAnonymousId', id]),
      identify: async (...args: unknown[]) => (calls.push(['identify', ...args]), {} as never),
      track: async (...args: unknown[]) => (calls.push(['track', ...args]), {} as never),
    },
  }
}

describe('runQueryString table', () => {
  const table: [string, InitOptions, unknown[][]][] = [
    ['?ajs_uid=u1', {}, [['identify', 'u1', {}]]],
    ['?ajs_uid=u1&ajs_trait_plan=pro&ajs_trait_name=Jo+Lo', {}, [['identify', 'u1', { plan: 'pro', name: 'Jo Lo' }]]],
    ['?ajs_event=Clicked%20Email&ajs_prop_campaign=x', {}, [['track', 'Clicked Email', { campaign: 'x' }]]],
    ['?ajs_aid=a1', {}, [['setAnonymousId', 'a1']]],
    [
      '?ajs_event=E&ajs_uid=u&ajs_aid=a',
      {},
      [
        ['setAnonymousId', 'a'],
        ['identify', 'u', {}],
        ['track', 'E', {}],
      ],
    ],
    ['?ajs_uid=u1&ajs_aid=a1', { useQueryString: false }, []],
    ['?ajs_uid=bad!&ajs_aid=ok-1', { useQueryString: { uid: /^[a-z0-9]+$/, aid: /^[a-z0-9-]+$/ } }, [['setAnonymousId', 'ok-1']]],
    ['?ajs_uid=good&ajs_aid=bad!', { useQueryString: { aid: /^[a-z]+$/g } }, [['identify', 'good', {}]]],
    ['?ajs_uid=&ajs_event=', {}, []],
    ['?utm_source=x', {}, []],
    ['https://www.example.com/p?ajs_event=FromUrl#frag', {}, [['track', 'FromUrl', {}]]],
    ['ajs_event=NoQuestionMark', {}, [['track', 'NoQuestionMark', {}]]],
  ]
  for (const [query, options, expected] of table) {
    it(`${query} ${JSON.stringify(options)}`, async () => {
      const { target, calls } = fake(options)
      await runQueryString(target, query)
      expect(calls).toEqual(expected)
    })
  }

  it('never rejects, even when the instance throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { target } = fake()
    target.identify = () => {
      throw new Error('boom')
    }
    await expect(runQueryString(target, '?ajs_uid=x')).resolves.toEqual([])
    warn.mockRestore()
  })
})

describe('currentQueryString', () => {
  it('uses location.search, else the ?… part of a hash route', () => {
    history.replaceState(null, '', '/page?ajs_uid=s')
    expect(currentQueryString()).toBe('?ajs_uid=s')
    history.replaceState(null, '', '/page#/route?ajs_uid=h')
    expect(currentQueryString()).toBe('?ajs_uid=h')
    history.replaceState(null, '', '/')
    expect(currentQueryString()).toBe('')
  })
})

it('with the real Analytics: identify then track, both carrying the ajs_aid anonymousId', async () => {
  const analytics = new Analytics({ writeKey: 'k' })
  const { plugin, events } = recorder()
  await analytics.register(plugin)
  await runQueryString(analytics, '?ajs_uid=qsuser&ajs_trait_plan=pro&ajs_event=Clicked%20Email&ajs_prop_campaign=x&ajs_aid=qsanon')
  await vi.waitFor(() => expect(events).toHaveLength(2))
  expect(events.map((e) => [e.type, e.userId, e.anonymousId])).toEqual([
    ['identify', 'qsuser', 'qsanon'],
    ['track', 'qsuser', 'qsanon'],
  ])
  expect(events[0].traits).toEqual({ plan: 'pro' })
  expect(events[1]).toMatchObject({ event: 'Clicked Email', properties: { campaign: 'x' } })
  expect(localStorage.getItem('ajs_anonymous_id')).toBe('"qsanon"')
})
