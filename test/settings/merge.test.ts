import { describe, expect, it } from 'vitest'
import {
  defaultCDNSettings,
  isAllowedByOptions,
  isSegmentioEnabled,
  mergeIntegrations,
  normalizeCDNSettings,
  segmentioSettings,
} from '../../src/settings'

const cdn = {
  integrations: {
    'Segment.io': { apiKey: 'CDNKEY', apiHost: 'api.example.com/v1', retryQueue: true },
    Mixpanel: { token: 'abc', people: false, type: 'browser' },
    Amplitude: { apiKey: 'amp' },
  },
}

describe('settings merging', () => {
  it('merges object overrides over the CDN entry and removes destinations set to false', () => {
    const merged = mergeIntegrations(cdn.integrations, { Mixpanel: { people: true }, Amplitude: false, Hotjar: true, All: false })
    expect(merged.Mixpanel).toEqual({ token: 'abc', people: true, type: 'browser' })
    expect(merged.Amplitude).toBeUndefined()
    // `true` for a destination without CDN settings adds nothing.
    expect(merged.Hotjar).toBeUndefined()
    expect(merged['Segment.io']).toEqual(cdn.integrations['Segment.io'])
    // The CDN object itself is untouched.
    expect(cdn.integrations.Mixpanel.people).toBe(false)
  })

  it('builds Segment.io settings from the CDN entry with the load option object over it', () => {
    expect(segmentioSettings(cdn, { integrations: { 'Segment.io': { apiHost: 'proxy.example.com/v1', protocol: 'http' } } }, 'WK')).toEqual({
      apiKey: 'CDNKEY',
      apiHost: 'proxy.example.com/v1',
      protocol: 'http',
      retryQueue: true,
    })
    expect(segmentioSettings(defaultCDNSettings('WK'), {}, 'WK')).toEqual({ apiKey: 'WK' })
  })

  it('only an explicit Segment.io: false disables Segment.io', () => {
    expect(isSegmentioEnabled({})).toBe(true)
    expect(isSegmentioEnabled({ integrations: { All: false } })).toBe(true)
    expect(isSegmentioEnabled({ integrations: { 'Segment.io': false } })).toBe(false)
  })

  it('lets All: false switch destinations off unless they are named', () => {
    expect(isAllowedByOptions({}, 'Mixpanel')).toBe(true)
    expect(isAllowedByOptions({ integrations: { All: false } }, 'Mixpanel')).toBe(false)
    expect(isAllowedByOptions({ integrations: { All: false, Mixpanel: {} } }, 'Mixpanel')).toBe(true)
    expect(isAllowedByOptions({ integrations: { Mixpanel: false } }, 'Mixpanel')).toBe(false)
    expect(isAllowedByOptions({ integrations: { 'Amplitude (Actions)': false } }, 'Amplitude (Actions)', 'amplitude-plugins')).toBe(false)
  })

  it('normalizes any response into a usable settings object with Segment.io', () => {
    expect(normalizeCDNSettings(null, 'WK').integrations['Segment.io']).toEqual({ apiKey: 'WK' })
    expect(normalizeCDNSettings({ integrations: { 'Segment.io': { apiHost: 'h/v1' } }, plan: { track: {} } }, 'WK')).toEqual({
      integrations: { 'Segment.io': { apiKey: 'WK', apiHost: 'h/v1' } },
      plan: { track: {} },
    })
  })
})
