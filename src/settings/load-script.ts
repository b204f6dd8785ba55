// Injecting a script tag: the one way Switchboard adds code to a page. There is no time limit:
// a slow script is waited for as long as the browser keeps loading it (as Analytics.js 2.0
// does); the callers that must not wait for it bound their own wait.
import { checkScriptURL } from './script-policy'

export interface LoadScriptOptions {
  /** CSP nonce: the loader passes `options.nonce` (the standalone bundle defaults it to its own element's). */
  nonce?: string
  /** Hosts besides the base's that `src` may come from (script-policy.ts); any when absent. */
  hosts_?: readonly unknown[]
  /** What a relative `src` is relative to; the page when absent. */
  base_?: string
}

const pending = new Map<string, Promise<HTMLScriptElement>>()

/**
 * Loads `src` once per page (later calls share the first load). Resolves when the script ran;
 * rejects on a URL the script policy refuses, a network error, a 404 or a CSP block, and a
 * failed load can be retried.
 */
export function loadScript(src: string, options: LoadScriptOptions = {}): Promise<HTMLScriptElement> {
  const url = checkScriptURL(src, options.base_ || document.baseURI, options.hosts_)
  if (typeof url == 'string') return Promise.reject(Error(`script refused: ${src} (${url})`))
  src = url.href
  const existing = pending.get(src)
  if (existing) return existing
  const loading = new Promise<HTMLScriptElement>((resolve, reject) => {
    const script = document.createElement('script')
    script.async = true
    if (options.nonce) script.nonce = options.nonce
    script.onload = () => resolve(script)
    script.onerror = () => {
      pending.delete(src)
      reject(new Error(`failed to load: ${src}`))
    }
    script.src = src
    ;(document.head || document.documentElement).appendChild(script)
  })
  pending.set(src, loading)
  return loading
}
