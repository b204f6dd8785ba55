// The guard in a real pipeline: found once after enrichment, acted on per destination.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeAnalytics, recorder } from '../core/helpers'
import { privacy, actionFor, type PrivacyOptions } from '../../src/privacy'
import { scanConfig, scanEvent } from '../../src/privacy/scan'
import { redact } from '../../src/privacy/redact'
import type { Plugin } from '../../src/core/plugin'
import type { SegmentEvent } from '../../src/core/types'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

async function setup(options: PrivacyOptions) {
  const a = makeAnalytics()
  const segment = recorder('Segment.io')
  const pixel = recorder('Facebook Pixel')
  const ga4 = recorder('Google Analytics 4 Web')
  const enrich: Plugin = {
    name: 'env',
    type: 'enrichment',
    isLoaded: () => true,
    load: () => undefined,
    track: (ctx) => (ctx.updateEvent('context.page', { url: 'https://shop.test/?gclid=abc&q=1', referrer: 'https://mail.test/?to=jane%40example.com', search: '?gclid=abc&q=1' }), ctx),
  }
  await a.register(privacy(options), enrich, segment, pixel, ga4)
  return { a, segment, pixel, ga4 }
}

const EXAMPLE: PrivacyOptions = {
  destinations: {
    'Facebook Pixel': { email: 'hash' },
    'Google Analytics 4 Web': { email: 'drop' },
    'Segment.io': { yellow: 'allow', red: 'drop' },
  },
}

describe('privacy(): per destination, Segment.io and device mode alike', () => {
  it('hashes an email for Meta, drops it for GA4 and keeps it for Segment.io', async () => {
    const { a, segment, pixel, ga4 } = await setup(EXAMPLE)
    const ctx = await a.track('Signed Up', { email: '  Jane@Example.com ', plan: 'pro' })
    expect(pixel.events[0].event.properties).toEqual({ email: sha('jane@example.com'), plan: 'pro' })
    expect(ga4.events[0].event.properties).toEqual({ plan: 'pro' })
    expect(segment.events[0].event.properties).toEqual({ email: '  Jane@Example.com ', plan: 'pro' })
    // The caller's Context keeps what was called; the report says where and why, never the value.
    expect(ctx.event.properties?.email).toBe('  Jane@Example.com ')
    const reports = ctx.logs().filter((l) => l.message.startsWith('privacy guard'))
    // properties.email, and three URL parameters (gclid in the URL and the search, the email in the referrer).
    expect(reports.map((l) => l.message).sort()).toEqual(['privacy guard: 4 redacted for "Facebook Pixel"', 'privacy guard: 4 redacted for "Google Analytics 4 Web"'])
    expect(JSON.stringify(reports)).not.toMatch(/jane|gclid=abc/i)
    expect(reports.find((l) => l.message.includes('Pixel'))?.extras?.redactions).toEqual(
      expect.arrayContaining([{ destination: 'Facebook Pixel', path: 'properties.email', matcher: 'email', classification: 'yellow', action: 'hash' }]),
    )
  })

  it('URLs after enrichment: click ids and emails in parameters replaced by the marker, keys kept', async () => {
    const { a, pixel, segment } = await setup(EXAMPLE)
    await a.track('Viewed')
    expect(pixel.events[0].event.context?.page).toEqual({
      url: 'https://shop.test/?gclid=REDACTED&q=1',
      referrer: 'https://mail.test/?to=REDACTED',
      search: '?gclid=REDACTED&q=1',
    })
    expect(segment.events[0].event.context?.page?.url).toBe('https://shop.test/?gclid=abc&q=1')
  })

  it('red data is dropped everywhere by default; card numbers found by value; traits and context.traits too', async () => {
    const { a, segment, pixel } = await setup({})
    await a.track('Paid', { note: 'card 4111 1111 1111 1111', password: 'hunter2', total: 5 }, { context: { traits: { email: 'j@x.io', name: 'Jane' } } })
    for (const d of [segment, pixel]) {
      expect(d.events[0].event.properties).toEqual({ total: 5 })
      expect(d.events[0].event.context?.traits).toEqual({ email: 'REDACTED', name: 'REDACTED' })
    }
  })

  it('identify traits: a bare name is a person’s; a page’s name is not', async () => {
    const { a, segment } = await setup({})
    await a.identify('u1', { name: 'Jane Doe', plan: 'pro' })
    await a.page('Docs', 'Home', { title: 'Home' })
    expect(segment.events[0].event.traits).toMatchObject({ name: 'REDACTED', plan: 'pro' })
    expect(segment.events[1].event.properties).toMatchObject({ name: 'Home', title: 'Home', category: 'Docs' })
  })

  it('custom matchers: keys with synonyms, value patterns, green to let a key through', async () => {
    const { a, segment } = await setup({
      matchers: [
        { name: 'employee id', classification: 'red', keys: ['employeeId', 'staff number'] },
        { name: 'member code', classification: 'yellow', value: /^MBR-\d+$/ },
        { name: 'support inbox', classification: 'green', keys: ['support_email'] },
      ],
    })
    await a.track('X', { EmployeeID: 'e1', staff_number: 's2', code: 'MBR-42', support_email: 'help@shop.test', ok: 1 })
    expect(segment.events[0].event.properties).toEqual({ code: 'REDACTED', support_email: 'help@shop.test', ok: 1 })
  })

  it('nested objects and arrays: a matched key acts on its whole value; dropped array items go', async () => {
    const { a, segment } = await setup({ actions: { yellow: 'drop' } })
    await a.track('X', { address: { street: 'Main', city: 'X' }, contacts: ['a@b.co', 'nobody', 'c@d.co'], items: [{ sku: 1, email: 'e@f.co' }] })
    expect(segment.events[0].event.properties).toEqual({ contacts: ['nobody'], items: [{ sku: 1 }] })
  })

  it('hash on an object hashes each value inside it', async () => {
    const { a, segment } = await setup({ actions: { address: 'hash' } })
    await a.track('X', { address: { street: ' Main St ', zip: 12345 } })
    expect(segment.events[0].event.properties).toEqual({ address: { street: sha('main st'), zip: sha('12345') } })
  })

  it('phone numbers are hashed as digits, as ad platforms expect', async () => {
    const { a, pixel } = await setup({ destinations: { 'Facebook Pixel': { phone: 'hash' } } })
    await a.track('X', { phone: '+1 (415) 555-2671' })
    expect(pixel.events[0].event.properties).toEqual({ phone: sha('14155552671') })
  })

  it('an action that is not one is read as drop', () => {
    const f = { path: ['properties', 'email'], matcher: 'email', classification: 'yellow' as const, kind: 'key' as const }
    expect(actionFor({ actions: { yellow: 'hahs' as never } }, 'X', f)).toBe('drop')
    expect(actionFor({ destinations: { 'segment.IO': { email: 'allow' } } }, 'Segment.io', f)).toBe('allow')
    expect(actionFor({}, 'constructor', f)).toBe('mask')
  })
})

describe('redact (pure)', () => {
  const config = scanConfig({})
  it('never changes the event it is given', () => {
    const event = { type: 'track', event: 'X', messageId: 'm', properties: { email: 'a@b.co', list: ['c@d.co'], n: { password: 'p' } } } as SegmentEvent
    const before = JSON.stringify(event)
    redact(event, scanEvent(event, config), 'D', () => 'drop', 'R', new Map())
    expect(JSON.stringify(event)).toBe(before)
  })

  it('an own __proto__ key stays a key and never becomes a prototype', () => {
    const props = JSON.parse('{"__proto__": {"email": "a@b.co", "x": 1}, "y": 2}')
    const event = { type: 'track', event: 'X', messageId: 'm', properties: props } as SegmentEvent
    const out = redact(event, scanEvent(event, config), 'D', () => 'mask', 'R', new Map()).event
    expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(out.properties, '__proto__')?.value).toEqual({ email: 'R', x: 1 })
  })
})

describe('spec fields are not skipped for their values', () => {
  const config = scanConfig({})
  it.each([
    ['page name', { type: 'page', properties: { name: 'jane@example.com' } }],
    ['a URL path', { type: 'track', properties: { url: 'https://s.test/u/jane@example.com' } }],
    ['an object under url', { type: 'track', properties: { url: { x: 'jane@example.com' } } }],
  ])('%s', (_, e) => {
    const event = { messageId: 'm', event: 'E', ...e } as SegmentEvent
    expect(JSON.stringify(redact(event, scanEvent(event, config), 'D', () => 'drop', 'R', new Map()).event)).not.toContain('jane@')
  })
})
