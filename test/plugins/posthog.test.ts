import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, scriptSrc, translate } from '../../plugins/posthog/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import { ECOMMERCE, ORDER, alias, group, identify, message, page, track } from './fixtures'

const S = { apiKey: 'phc_test' }
const ph = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'posthog.' + fn, args })
const URL = 'https://www.example.com/docs/install?x=1'

describe('PostHog: translate', () => {
  // PostHog's e-commerce spec reuses the v2 names: events and properties go through unchanged.
  it.each(Object.keys(ECOMMERCE))('%s', (event) => {
    expect(translate(track(event, ECOMMERCE[event]), S)).toEqual([ph('capture', event, ECOMMERCE[event])])
  })

  it('Order Completed keeps revenue and currency as properties', () => {
    expect(translate(track('Order Completed', ORDER), S)).toEqual([ph('capture', 'Order Completed', ORDER)])
  })

  it('page → $pageview with $current_url and the page properties', () => {
    expect(translate(page('Docs', 'Install'), S)).toEqual([
      ph('capture', '$pageview', { $current_url: URL, path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: URL, name: 'Install', category: 'Docs' }),
    ])
  })

  it('screen → $screen', () => {
    expect(translate(message('screen', { name: 'Home', properties: { tab: 1 } }), S)).toEqual([ph('capture', '$screen', { $screen_name: 'Home', tab: 1 })])
  })

  it('identify with a user id, or person properties without one', () => {
    expect(translate(identify('user-42', { plan: 'pro' }), S)).toEqual([ph('identify', 'user-42', { plan: 'pro' })])
    expect(translate(identify(null, { plan: 'pro' }), S)).toEqual([ph('setPersonProperties', { plan: 'pro' })])
  })

  it('group and alias', () => {
    expect(translate(group('g-1', { name: 'Acme' }), S)).toEqual([ph('group', 'segment_group', 'g-1', { name: 'Acme' })])
    expect(translate(alias('user-42', 'anon-1'), S)).toEqual([ph('alias', 'user-42', 'anon-1')])
  })

  it('init: page views from page() only; hosts and script URL per instance', () => {
    expect(initCalls(S)).toEqual([ph('init', 'phc_test', { api_host: 'https://us.i.posthog.com', capture_pageview: false, person_profiles: 'identified_only' })])
    const eu = { ...S, postHogInstance: 'https://eu.i.posthog.com/', autocapture: false, persistence: 'memory' as const, disableSessionRecording: true }
    expect(initCalls(eu)).toEqual([
      ph('init', 'phc_test', { api_host: 'https://eu.i.posthog.com', capture_pageview: false, autocapture: false, person_profiles: 'identified_only', persistence: 'memory', disable_session_recording: true }),
    ])
    expect(scriptSrc(S)).toBe('https://us-assets.i.posthog.com/static/array.js')
    expect(scriptSrc(eu)).toBe('https://eu-assets.i.posthog.com/static/array.js')
    expect(scriptSrc({ ...S, postHogInstance: 'https://ph.example.com' })).toBe('https://ph.example.com/static/array.js')
  })

  it('reset', () => {
    expect(resetCalls()).toEqual([ph('reset')])
  })
})
