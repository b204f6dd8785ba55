// Golden table: spec message → the exact posthog-js calls. Segment's PostHog destination is
// cloud-mode only (segment-docs catalog posthog); the expectations are what it records for each
// call, made in the page with posthog-js, and the identity PostHog's own Segment bridge uses
// (posthog-js extensions/segment-integration: distinct id = userId, else anonymousId).
import { describe, expect, it } from 'vitest'
import { initCalls, resetCalls, scriptSrc, translate, type PostHogSettings } from '../../plugins/posthog/translate'
import type { VendorCall } from '../../plugins/shared/vendor-call'
import type { SegmentEvent } from '../../src/core/types'
import { ANON, ECOMMERCE, ORDER, alias, group, identify, message, page, track } from './fixtures'

const S: PostHogSettings = { apiKey: 'phc_test' }
const ph = (fn: string, ...args: unknown[]): VendorCall => ({ fn: 'posthog.' + fn, args })
const URL = 'https://www.example.com/docs/install?x=1'
const PAGE = { path: '/docs/install', referrer: 'https://www.google.com/', search: '?x=1', title: 'Install', url: URL }
const DOCS = 'segment-docs posthog'

type Row = [name: string, msg: SegmentEvent, settings: PostHogSettings, calls: VendorCall[], source: string]

const ROWS: Row[] = [
  ...Object.keys(ECOMMERCE).map((event): Row => [`E-commerce v2 ${event}: name and properties unchanged`, track(event, ECOMMERCE[event]), S, [ph('capture', event, ECOMMERCE[event])], `${DOCS}: track → capture(event, properties); PostHog's e-commerce spec reuses the v2 names`]),
  ['Order Completed keeps revenue and currency as properties', track('Order Completed', ORDER), S, [ph('capture', 'Order Completed', ORDER)], `${DOCS}: track → capture`],
  ['page with category and name → $pageview', page('Docs', 'Index'), S, [ph('capture', '$pageview', { $current_url: URL, ...PAGE, name: 'Index', category: 'Docs' })], `${DOCS}: page → $pageview with $current_url ← url`],
  ['page without category → $pageview', page(undefined, 'Pricing'), S, [ph('capture', '$pageview', { $current_url: URL, ...PAGE, name: 'Pricing' })], `${DOCS}: page → $pageview`],
  ['screen → $screen', message('screen', { name: 'Home', properties: { tab: 1 } }), S, [ph('capture', '$screen', { $screen_name: 'Home', tab: 1 })], `${DOCS}: screen → $screen with $screen_name`],
  ['identify with a user id', identify('user-42', { plan: 'pro' }), S, [ph('identify', 'user-42', { plan: 'pro' })], `${DOCS}: identify → $identify with traits as $set`],
  ['identify without a user id → person properties', identify(null, { plan: 'pro' }), S, [ph('setPersonProperties', { plan: 'pro' })], `${DOCS}: traits as $set`],
  ['group → the default group type', group('g-1', { name: 'Acme' }), S, [ph('group', 'segment_group', 'g-1', { name: 'Acme' })], `${DOCS}: group → $groupidentify of type segment_group`],
  ['group → a configured group type', group('g-1', { name: 'Acme' }), { ...S, groupType: 'company' }, [ph('group', 'company', 'g-1', { name: 'Acme' })], `${DOCS}: group type setting`],
  ['alias', alias('user-42', 'anon-1'), S, [ph('alias', 'user-42', 'anon-1')], `${DOCS}: alias → $create_alias`],
  ['non-ASCII event names kept', track('Añadir al carrito', { sku: 'x' }), S, [ph('capture', 'Añadir al carrito', { sku: 'x' })], `${DOCS}: event names unchanged`],
  ['カートに追加', track('カートに追加'), S, [ph('capture', 'カートに追加', {})], `${DOCS}: event names unchanged`],
  ['Dates reach posthog-js as given', track('Booked', { at: new Date('2026-01-02T00:00:00Z') }), S, [ph('capture', 'Booked', { at: new Date('2026-01-02T00:00:00Z') })], `${DOCS}: properties unchanged (posthog-js serialises Dates)`],
]

describe('PostHog: golden table', () => {
  it.each(ROWS)('%s', (_name, msg, s, calls, source) => {
    expect(source).toMatch(/^segment-docs posthog/)
    expect(translate(msg, s)).toEqual(calls)
  })

  it('init: bootstrapped with Switchboard’s ids (posthog-js segment-integration: userId, else anonymousId), page views from page(), $pageleave kept', () => {
    expect(initCalls(S, { userId: null, anonymousId: ANON })).toEqual([
      ph('init', 'phc_test', { api_host: 'https://us.i.posthog.com', capture_pageview: false, capture_pageleave: true, bootstrap: { distinctID: ANON, isIdentifiedID: false }, person_profiles: 'identified_only' }),
    ])
    expect((initCalls(S, { userId: 'user-42', anonymousId: ANON })[0].args[1] as any).bootstrap).toEqual({ distinctID: 'user-42', isIdentifiedID: true })
    expect((initCalls(S, { userId: null, anonymousId: null })[0].args[1] as any).bootstrap).toBeUndefined()
    expect((initCalls({ ...S, capturePageview: true })[0].args[1] as any).capture_pageleave).toBeUndefined()
    const eu: PostHogSettings = { ...S, postHogInstance: 'https://eu.i.posthog.com/', autocapture: false, persistence: 'memory', disableSessionRecording: true, capturePageleave: false }
    expect(initCalls(eu)).toEqual([
      ph('init', 'phc_test', { api_host: 'https://eu.i.posthog.com', capture_pageview: false, capture_pageleave: false, autocapture: false, person_profiles: 'identified_only', persistence: 'memory', disable_session_recording: true }),
    ])
  })

  it('hosts: the script from the cloud’s assets host, the instance, or a configured host; ui_host for a proxy', () => {
    expect(scriptSrc(S)).toBe('https://us-assets.i.posthog.com/static/array.js')
    expect(scriptSrc({ ...S, postHogInstance: 'https://eu.i.posthog.com' })).toBe('https://eu-assets.i.posthog.com/static/array.js')
    expect(scriptSrc({ ...S, postHogInstance: 'https://ph.example.com' })).toBe('https://ph.example.com/static/array.js')
    expect(scriptSrc({ ...S, postHogInstance: 'https://e.example.com', assetsHost: 'https://a.example.com/' })).toBe('https://a.example.com/static/array.js')
    expect((initCalls({ ...S, postHogInstance: 'https://e.example.com', uiHost: 'https://eu.posthog.com' })[0].args[1] as any).ui_host).toBe('https://eu.posthog.com')
  })

  it('reset', () => {
    expect(resetCalls()).toEqual([ph('reset')])
  })
})
