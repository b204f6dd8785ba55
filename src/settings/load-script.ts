// Injecting a script tag: the one way Switchboard adds code to a page.
import { checkScriptURL } from './script-policy'

/** A script that neither loads nor fails within this is given up on. */
export const SCRIPT_TIMEOUT_MS = 10_000

export interface LoadScriptOptions {
  /** CSP nonce: the loader passes `options.nonce` (the standalone bundle defaults it to its own element's). */
  nonce?: string
  timeout?: number
  /** Hosts besides the base's that `src` may come from (script-policy.ts); any when absent. */
  hosts_?: readonly unknown[]
  /** What a relative `src` is relative to; the page when absent. */
  base_?: string
}

const pending = new Map<string, Promise<HTMLScriptElement>>()

/**
 * Loads `src` once per page (later calls share the first load). Resolves when the script ran;
 * rejects on a URL the script policy refuses, a network error, a 404, a CSP block or the
 * timeout, and a failed load can be retried.
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
    const timeout = options.timeout ?? SCRIPT_TIMEOUT_MS
    const timer = setTimeout(() => fail(new Error(`timed out: ${src}`)), timeout)
    const fail = (err: Error) => {
      clearTimeout(timer)
      pending.delete(src)
      reject(err)
    }
    script.onload = () => {
      clearTimeout(timer)
      resolve(script)
    }
    script.onerror = () => fail(new Error(`failed to load: ${src}`))
    script.src = src
    ;(document.head || document.documentElement).appendChild(script)
  })
  pending.set(src, loading)
  return loading
}
