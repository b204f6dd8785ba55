// The worked example in docs/plugins.md: the doc shows plugins/_example/acme-destination.ts
// verbatim (with the package import), and this test runs that exact code.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import { acmeDestination, translate } from '../../plugins/_example/acme-destination'
import { identify, page, track } from './fixtures'

const w = window as any
// Tests run from the repository root.
const source = readFileSync(join(process.cwd(), 'plugins/_example/acme-destination.ts'), 'utf8')
const doc = readFileSync(join(process.cwd(), 'docs/plugins.md'), 'utf8')

afterEach(() => {
  delete w.acme
  document.querySelectorAll('script').forEach((s) => s.remove())
})

describe('docs/plugins.md worked example', () => {
  it('the doc shows the example file verbatim', () => {
    const shown = source.replace("from '../../src/types'", "from 'switchboard-analytics'")
    expect(doc).toContain('```ts\n' + shown + '```')
  })

  it.each([
    ['page', page('Docs', 'Install'), [['pageview', 'https://www.example.com/docs/install?x=1']]],
    ['identify', identify('user-42', { plan: 'pro' }), [['user', 'user-42', { plan: 'pro' }]]],
    ['identify without a user id', identify(null, { plan: 'pro' }), []],
    ['Order Completed', track('Order Completed', { order_id: 'o-1', total: 27.5 }), [['purchase', 'o-1', 27.5]]],
    ['other events', track('Played Video', { title: 'Tango' }), [['event', 'Played Video', { title: 'Tango' }]]],
  ])('translate: %s', (_name, msg, calls) => {
    expect(translate(msg)).toEqual(calls)
  })

  it('registered on an Analytics instance: queued before acme.js, routed by name, reset, stands down on error', async () => {
    const analytics = new Analytics({ writeKey: 'WK' })
    await analytics.register(acmeDestination({ siteKey: 'k-1' }))
    expect(w.acme.q).toEqual([['init', 'k-1']])

    await analytics.track('Order Completed', { order_id: 'o-1', total: 27.5 })
    await analytics.track('Order Completed', { order_id: 'o-2', total: 1 }, { integrations: { Acme: false } })
    expect(w.acme.q).toEqual([
      ['init', 'k-1'],
      ['purchase', 'o-1', 27.5],
    ])

    analytics.reset()
    expect(w.acme.q.at(-1)).toEqual(['logout'])

    document.querySelector('script')!.dispatchEvent(new Event('error'))
    const ctx = await analytics.track('After Error')
    expect(w.acme.q).toHaveLength(3)
    expect(ctx.logs().map((l) => l.message)).toContain('Acme Analytics is not loaded')
  })
})
