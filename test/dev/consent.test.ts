// The debugger's consent view: the preferences each accepted message carries and the
// destinations of its source they keep it from, by Segment's rules (every category of a
// destination granted; nothing for anyone when no granted category is mapped and all are).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain JS module with JSDoc types
import { consentOf } from '../../dev/lib/consent.mjs'
import { call, postJson, readSnapshot, start, type RunningServer } from './helpers'

const settings = {
  integrations: {
    'Segment.io': { apiKey: 'k' },
    Amplitude: { consentSettings: { categories: ['C0002'] } },
    'Facebook Pixel': { consentSettings: { categories: ['C0002', 'C0004'] } },
    Hotjar: {},
  },
  consentSettings: { allCategories: ['C0002', 'C0004'], hasUnmappedDestinations: false },
}
const withPrefs = (categoryPreferences: unknown) => ({ type: 'track', event: 'E', context: { consent: { categoryPreferences } } })

describe('consentOf', () => {
  it.each([
    [{ C0002: true, C0004: true }, []],
    [{ C0002: true, C0004: false }, ['Facebook Pixel']],
    [{ C0002: false, C0004: true }, ['Amplitude', 'Facebook Pixel']],
    // Segment disabled: kept from every destination, even one without categories.
    [{ C0001: true, C0002: false }, ['Amplitude', 'Facebook Pixel', 'Hotjar']],
  ])('%j → kept from %j', (prefs, keptFrom) => {
    expect(consentOf(withPrefs(prefs), () => settings)).toEqual({ categories: prefs, keptFrom })
  })

  it('a message without preferences has no consent view, and settings are not read for it', () => {
    let reads = 0
    expect(consentOf({ type: 'track', event: 'E', context: {} }, () => (reads++, settings))).toBeUndefined()
    expect(consentOf('not a message', () => settings)).toBeUndefined()
    expect(reads).toBe(0)
  })

  it('values that are not booleans are left out; settings of any shape are survived', () => {
    expect(consentOf(withPrefs({ C0002: 'yes', C0004: true }), () => settings)).toEqual({ categories: { C0004: true }, keptFrom: ['Amplitude', 'Facebook Pixel'] })
    expect(consentOf(withPrefs({ C0002: true }), () => 'nonsense')).toEqual({ categories: { C0002: true }, keptFrom: [] })
    expect(consentOf(withPrefs({ C0002: true }), () => ({ integrations: { X: { consentSettings: { categories: 'C0009' } } } }))).toEqual({ categories: { C0002: true }, keptFrom: [] })
  })
})

describe('the debugger feed', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start()
    await call(server, 'PUT', '/__sb/settings/consent-key', JSON.stringify(settings), { 'Content-Type': 'application/json' })
  })
  afterAll(() => server.close())

  it('carries each accepted message\'s consent view, computed from its write key\'s settings', async () => {
    const batch = [
      { ...withPrefs({ C0002: true, C0004: false }), messageId: 'm1', anonymousId: 'a' },
      { type: 'track', event: 'Unstamped', messageId: 'm2', anonymousId: 'a' },
    ]
    const res = await postJson(server, '/v1/batch', { writeKey: 'consent-key', batch })
    expect(res.status).toBe(200)
    const snapshot = await readSnapshot(server)
    const [stamped, unstamped] = snapshot.entries.slice(-2)
    expect(stamped.consent).toEqual({ categories: { C0002: true, C0004: false }, keptFrom: ['Facebook Pixel'] })
    expect(unstamped.consent).toBeUndefined()
    // The stored message is the one that was sent: the view is the debugger's, not the message's.
    const stored = (await call(server, 'GET', '/__sb/messages')).body.messages
    expect(stored.find((m: any) => m.messageId === 'm1').consent).toBeUndefined()
  })
})
