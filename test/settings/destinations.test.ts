import { describe, expect, it } from 'vitest'
import { destinationPluginURL, destinationSlug, deviceModeDestinations, isDeviceMode, remotePluginURL, enabledRemotePlugins } from '../../src/settings'

describe('device-mode destinations from settings', () => {
  it('slugs display names as the plugin files are named', () => {
    expect(destinationSlug('Google Analytics 4 Web')).toBe('google-analytics-4-web')
    expect(destinationSlug('Facebook Pixel')).toBe('facebook-pixel')
    expect(destinationSlug('PostHog')).toBe('posthog')
    expect(destinationPluginURL('http://127.0.0.1:9/', 'Google Tag Manager')).toBe('http://127.0.0.1:9/plugins/google-tag-manager.js')
  })

  it('enables browser entries that are not unbundled', () => {
    expect(isDeviceMode('Mixpanel', { type: 'browser' })).toBe(true)
    expect(isDeviceMode('Mixpanel', { versionSettings: { componentTypes: ['server', 'browser'] } })).toBe(true)
    expect(isDeviceMode('Mixpanel', { type: 'browser', bundlingStatus: 'unbundled' })).toBe(false)
    expect(isDeviceMode('Mixpanel', { versionSettings: { componentTypes: ['server'] } })).toBe(false)
    expect(isDeviceMode('Segment.io', { type: 'browser' })).toBe(false)
  })

  it('applies the integrations load option to which destinations load and their settings', () => {
    const cdn = {
      integrations: {
        'Segment.io': { apiKey: 'WK' },
        Mixpanel: { type: 'browser', token: 't' },
        Hotjar: { type: 'browser', hjid: 1 },
        Amplitude: { versionSettings: { componentTypes: ['server'] } },
      },
    }
    expect(deviceModeDestinations(cdn, {}).map((d) => d.name)).toEqual(['Mixpanel', 'Hotjar'])
    const merged = deviceModeDestinations(cdn, { integrations: { Hotjar: false, Mixpanel: { token: 'override' } } })
    expect(merged).toEqual([{ name: 'Mixpanel', slug: 'mixpanel', settings: { type: 'browser', token: 'override' } }])
    expect(deviceModeDestinations(cdn, { integrations: { All: false, Hotjar: true } }).map((d) => d.name)).toEqual(['Hotjar'])
  })

  it('rewrites Segment-hosted remote plugin URLs to the configured CDN and honours integrations', () => {
    expect(remotePluginURL('https://cdn.segment.com/next-integrations/actions/x/abc.js', 'https://proxy.example.com')).toBe(
      'https://proxy.example.com/next-integrations/actions/x/abc.js',
    )
    const cdn = {
      integrations: {},
      remotePlugins: [
        { name: 'A', creationName: 'A Actions', libraryName: 'aDest', url: 'https://x/a.js', settings: {} },
        { name: 'B', libraryName: 'bDest', url: 'https://x/b.js', settings: {} },
      ],
    }
    expect(enabledRemotePlugins(cdn, { integrations: { 'A Actions': false } }).map((p) => p.name)).toEqual(['B'])
    expect(enabledRemotePlugins(cdn, { integrations: { All: false, B: true } }).map((p) => p.name)).toEqual(['B'])
  })
})
