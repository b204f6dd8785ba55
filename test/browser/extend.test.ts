// The on-demand parts, bundled as an npm app does with `import 'switchboard-analytics/extras'` (otherwise they load from the CDN).
import '../../src/extras/standalone'
import { describe, expect, it, vi } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import { extendAnalytics, type BrowserAnalytics } from '../../src/browser/extend'

describe('extendAnalytics', () => {
  it('gives the instance the snippet-era methods: trackLink/trackClick, trackForm/trackSubmit, queryString', async () => {
    const analytics = new Analytics({ writeKey: 'WK' }, { disableClientPersistence: true }) as BrowserAnalytics
    extendAnalytics(analytics, { writeKey: 'WK' })
    for (const m of ['trackLink', 'trackClick', 'trackForm', 'trackSubmit', 'queryString', 'addIntegrationMiddleware'] as const) {
      expect(typeof analytics[m]).toBe('function')
    }
    const seen: string[] = []
    analytics.on('track', (name: string) => seen.push(name))
    document.body.innerHTML = '<a id="l" href="#here" target="_blank">x</a>'
    // The link-tracking code loads on first use; the returned promise says it is bound.
    await expect(analytics.trackClick(document.getElementById('l'), 'Clicked Link')).resolves.toBe(analytics)
    document.getElementById('l')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await vi.waitFor(() => expect(seen).toEqual(['Clicked Link']))
    const contexts = (await analytics.queryString('?ajs_event=From%20Email')) as { event: { event: string } }[]
    expect(contexts.map((c) => c.event.event)).toEqual(['From Email'])
  })
})
