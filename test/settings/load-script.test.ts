import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadScript } from '../../src/settings'

const injected = (src: string) => document.querySelector<HTMLScriptElement>(`script[src="${src}"]`)!

describe('loadScript', () => {
  beforeEach(() => {
    document.head.innerHTML = ''
  })
  afterEach(() => vi.useRealTimers())

  it('injects an async script with the nonce and resolves when it has run', async () => {
    const loading = loadScript('https://cdn.example.com/a.js', { nonce: 'abc' })
    const script = injected('https://cdn.example.com/a.js')
    expect(script.async).toBe(true)
    expect(script.nonce).toBe('abc')
    script.dispatchEvent(new Event('load'))
    await expect(loading).resolves.toBe(script)
    // A second request for the same URL shares the first load.
    expect(loadScript('https://cdn.example.com/a.js')).toBe(loading)
    expect(document.querySelectorAll('script').length).toBe(1)
  })

  it('never takes the nonce of some other script on the page', () => {
    // Only the nonce it is given: another element's would lend any URL the page's trust.
    document.head.innerHTML = '<script nonce="page-nonce"></script>'
    document.querySelector('script')!.nonce = 'page-nonce'
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => document.querySelector('script') })
    try {
      void loadScript('https://cdn.example.com/b.js').catch(() => {})
      expect(injected('https://cdn.example.com/b.js').nonce).toBe('')
    } finally {
      delete (document as any).currentScript
    }
  })

  it('rejects on an error and lets a later call try again', async () => {
    const first = loadScript('https://cdn.example.com/404.js')
    injected('https://cdn.example.com/404.js').dispatchEvent(new Event('error'))
    await expect(first).rejects.toThrow('failed to load')
    expect(loadScript('https://cdn.example.com/404.js')).not.toBe(first)
  })

  it('waits for a slow script as long as the browser does', async () => {
    vi.useFakeTimers()
    let settled = false
    const loading = loadScript('https://cdn.example.com/slow.js').finally(() => (settled = true))
    await vi.advanceTimersByTimeAsync(120_000)
    expect(settled).toBe(false)
    injected('https://cdn.example.com/slow.js').dispatchEvent(new Event('load'))
    await expect(loading).resolves.toBeTruthy()
  })
})
