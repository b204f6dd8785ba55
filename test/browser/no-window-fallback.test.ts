// @vitest-environment node
// The browser entry where there is no window anyway (a worker, or an edge runtime that picks the
// browser build): load() still settles at once and calls resolve, with the small NullAnalytics.
import { describe, expect, it } from 'vitest'
import { AnalyticsBrowser } from '../../src/index'
import { NullAnalytics } from '../../src/browser/null-analytics'
import { ServerAnalytics } from '../../src/browser/server-analytics'

describe('browser entry without a window', () => {
  it('resolves at once with a NullAnalytics whose calls settle', async () => {
    const browser = AnalyticsBrowser.load({ writeKey: 'WK' })
    const [analytics] = await Promise.race([browser, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('pending')), 0))])
    expect(analytics).toBeInstanceOf(NullAnalytics)
    expect(analytics).not.toBeInstanceOf(ServerAnalytics)
    expect((await browser.track('Clicked')).event.event).toBe('Clicked')
  })
})
