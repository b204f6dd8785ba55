// All seven destinations registered on a real Analytics instance: each gets the event through
// the pipeline, and the `integrations` option turns one off by its name or an alternative name.
import { afterEach, describe, expect, it } from 'vitest'
import { Analytics } from '../../src/core/analytics'
import type { Plugin } from '../../src/core/plugin'
import ga4 from '../../plugins/google-analytics-4-web'
import gtm from '../../plugins/google-tag-manager'
import facebookPixel from '../../plugins/facebook-pixel'
import mixpanel from '../../plugins/mixpanel'
import amplitude from '../../plugins/amplitude'
import hotjar from '../../plugins/hotjar'
import posthog from '../../plugins/posthog'
import { ORDER } from './fixtures'

const w = window as any
const GLOBALS = ['dataLayer', 'gtag', 'fbq', '_fbq', 'mixpanel', 'amplitude', 'hj', '_hjSettings', 'posthog']

afterEach(() => {
  for (const g of GLOBALS) delete w[g]
  document.querySelectorAll('script').forEach((s) => s.remove())
})

async function allSeven(): Promise<Analytics> {
  const analytics = new Analytics({ writeKey: 'WK' })
  const plugins = [
    ga4({ measurementID: 'G-1' }),
    gtm({ containerId: 'GTM-1' }),
    facebookPixel({ pixelId: '42' }),
    mixpanel({ token: 'tok' }),
    amplitude({ apiKey: 'key' }),
    hotjar({ hjid: 1 }),
    posthog({ apiKey: 'phc' }),
  ] as Plugin[]
  await analytics.register(...plugins)
  return analytics
}

/** Whether each vendor's queue holds the order. */
function received(): Record<string, boolean> {
  const has = (list: unknown) => JSON.stringify(list, (_k, v) => (Object.prototype.toString.call(v) === '[object Arguments]' ? Array.from(v) : v))
  return {
    ga4: has(w.dataLayer).includes('"purchase"'),
    gtm: has(w.dataLayer).includes('"event":"Order Completed"'),
    facebook: has(w.fbq.queue).includes('"Purchase"'),
    mixpanel: has(Array.from(w.mixpanel)).includes('Order Completed'),
    amplitude: has(w.amplitude._q).includes('Order Completed'),
    hotjar: has(w.hj.q ?? []).includes('Order Completed'),
    posthog: has(Array.from(w.posthog)).includes('Order Completed'),
  }
}

describe('destinations in the pipeline', () => {
  it('every destination receives Order Completed', async () => {
    const analytics = await allSeven()
    await analytics.track('Order Completed', ORDER)
    expect(received()).toEqual({ ga4: true, gtm: true, facebook: true, mixpanel: true, amplitude: true, hotjar: true, posthog: true })
  })

  it.each([
    [{ 'Facebook Pixel': false }, 'facebook'],
    [{ 'Meta Pixel': false }, 'facebook'],
    [{ 'Google Analytics 4': false }, 'ga4'],
    [{ GA4: false }, 'ga4'],
    [{ 'Google Analytics 4 Web': false }, 'ga4'],
  ])('integrations %o turns off only %s', async (integrations, off) => {
    const analytics = await allSeven()
    await analytics.track('Order Completed', ORDER, { integrations })
    const got = received()
    expect(got[off]).toBe(false)
    expect(Object.entries(got).filter(([k]) => k !== off).every(([, v]) => v)).toBe(true)
  })

  it('All: false with one destination on', async () => {
    const analytics = await allSeven()
    await analytics.track('Order Completed', ORDER, { integrations: { All: false, PostHog: true } })
    expect(received()).toEqual({ ga4: false, gtm: false, facebook: false, mixpanel: false, amplitude: false, hotjar: false, posthog: true })
  })
})
