import { beforeEach, describe, expect, it } from 'vitest'
import { getPageContext, pageContextFromBpc, resetPageContextCache } from '../../src/context'

beforeEach(() => {
  document.head.innerHTML = ''
  document.title = 'T'
  history.replaceState(null, '', '/path/page?utm_source=google#hash')
  resetPageContextCache()
})

describe('context.page', () => {
  it('location without canonical: hash stripped from url', () => {
    expect(getPageContext()).toEqual({
      path: '/path/page',
      referrer: '',
      search: '?utm_source=google',
      title: 'T',
      url: 'https://www.example.com/path/page?utm_source=google',
    })
  })

  it('canonical link gives path and url (plus search when the canonical has none)', () => {
    document.head.innerHTML = '<link rel="canonical" href="https://www.example.com/canon">'
    expect(getPageContext()).toMatchObject({ path: '/canon', url: 'https://www.example.com/canon?utm_source=google' })
    resetPageContextCache()
    document.head.innerHTML = '<link rel="canonical" href="https://www.example.com/canon?x=1">'
    expect(getPageContext()).toMatchObject({ path: '/canon', url: 'https://www.example.com/canon?x=1' })
  })

  it('follows URL and title changes; callers get their own copy', () => {
    const a = getPageContext()
    a.title = 'mutated'
    history.replaceState(null, '', '/other')
    document.title = 'Other'
    expect(getPageContext()).toMatchObject({ path: '/other', title: 'Other', search: '' })
  })

  it('builds from a snippet bpc object', () => {
    expect(pageContextFromBpc({ __t: 'bpc', p: '/p', u: 'https://x.test/p?q#h', s: '?q', t: 'T', r: 'https://ref/' })).toEqual({
      path: '/p',
      referrer: 'https://ref/',
      search: '?q',
      title: 'T',
      url: 'https://x.test/p?q',
    })
  })
})
