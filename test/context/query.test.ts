import { describe, expect, it } from 'vitest'
import { decodeQueryValue, parseAdReferrer, parseCampaign } from '../../src/context/query'

describe('parseCampaign', () => {
  const table: [string, Record<string, string>][] = [
    ['?utm_source=google&utm_campaign=spring&utm_medium=cpc&foo=bar', { source: 'google', name: 'spring', medium: 'cpc' }],
    ['?utm_term=running+shoes&utm_content=a%20b', { term: 'running shoes', content: 'a b' }],
    ['?utm_custom=x', { custom: 'x' }],
    ['?foo=bar', {}],
    ['', {}],
    ['utm_source=no-question-mark', { source: 'no-question-mark' }],
    ['?a=1?utm_source=second-question-mark', { source: 'second-question-mark' }],
    ['?utm_source=bad%E0%A4%A', { source: 'bad%E0%A4%A' }],
    ['?utm_source=a=b', { source: 'a=b' }],
    ['?utm_=x&utm_source', { source: '' }],
    ['?utm_source=first&utm_source=second', { source: 'second' }],
  ]
  for (const [query, expected] of table) {
    it(`${JSON.stringify(query)} → ${JSON.stringify(expected)}`, () => expect(parseCampaign(query)).toEqual(expected))
  }
})

describe('parseAdReferrer', () => {
  it('btid → dataxu, urid → millennial-media, else undefined', () => {
    expect(parseAdReferrer('?btid=abc')).toEqual({ id: 'abc', type: 'dataxu' })
    expect(parseAdReferrer('?x=1&urid=u1')).toEqual({ id: 'u1', type: 'millennial-media' })
    expect(parseAdReferrer('?x=1')).toBeUndefined()
    expect(parseAdReferrer('?constructor=1')).toBeUndefined()
  })
})

it('decodeQueryValue: + is a space, malformed input returned as is', () => {
  expect(decodeQueryValue('a+b%21')).toBe('a b!')
  expect(decodeQueryValue('%')).toBe('%')
})

describe('parity with Analytics.js 2.0', () => {
  it('parseCampaign matches its utm() on ordinary queries', async () => {
    // @ts-expect-error deep import of the devDependency's build
    const { utm } = await import('@segment/analytics-next/dist/cjs/plugins/env-enrichment/index.js')
    for (const q of [
      '?utm_source=google&utm_campaign=spring&utm_medium=cpc&foo=bar',
      '?utm_term=running+shoes&utm_content=a%20b',
      '?foo=bar',
      'utm_source=x',
      '?a=1?utm_source=second',
      '?utm_source=bad%E0%A4%A',
      '?utm_source',
    ]) {
      expect(parseCampaign(q)).toEqual(utm(q))
    }
  })
})
