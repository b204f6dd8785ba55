// Where the on-demand parts come from: the page's own copy when it has one (an npm app's
// `import 'switchboard-analytics/extras'`), else `<cdn>/plugins/extras.js`.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadExtras } from '../../src/browser/extras-loader'
import { extras } from '../../src/extras'

const g = globalThis as { switchboardExtras?: unknown }

afterEach(() => {
  delete g.switchboardExtras
  document.querySelectorAll('script').forEach((s) => s.remove())
})

describe('loadExtras', () => {
  it('uses the registered extras without a request', async () => {
    g.switchboardExtras = extras
    expect(await loadExtras('https://cdn.example.com')).toBe(extras)
    expect(document.querySelectorAll('script')).toHaveLength(0)
  })

  it('otherwise loads <cdn>/plugins/extras.js and takes what it registered', async () => {
    const loaded = loadExtras('https://cdn.example.com/', 'n-1')
    const script = document.querySelector('script') as HTMLScriptElement
    expect(script.src).toBe('https://cdn.example.com/plugins/extras.js')
    expect(script.nonce).toBe('n-1')
    g.switchboardExtras = extras
    script.dispatchEvent(new Event('load'))
    expect(await loaded).toBe(extras)
  })

  it('the extras entry registers them where the loader looks', async () => {
    vi.resetModules()
    expect(g.switchboardExtras).toBeUndefined()
    await import('../../src/extras/standalone')
    expect(Object.keys(g.switchboardExtras as object).sort()).toEqual(Object.keys(extras).sort())
  })
})
