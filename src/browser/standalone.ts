// dist/analytics.min.js: the bundle a snippet loads. It finds its write key and CDN, takes over
// the snippet's buffered calls and replaces the stub with the real instance.
import type { InitOptions } from '../core/options'
import { DEFAULT_CDN } from '../settings/cdn'
import { PreloadBuffer } from './buffer'
import { loadAnalytics } from './load'
import { defaultDeps } from './deps'

interface Stub extends Array<unknown[]> {
  _writeKey?: string
  _cdn?: string
  _loadOptions?: InitOptions
  initialized?: boolean
  /** Set by the first copy of the bundle, so a second copy on the same page stays out. */
  _switchboard?: boolean
}

const WRITE_KEY_IN_URL = /http.*\/analytics\.js\/v1\/([^/]*)(\/platform)?\/analytics.*/
const CDN_IN_URL = /(https?:\/\/.*)\/analytics\.js\/v1\/(?:.*?)\/(?:platform|analytics.*)?/

const self = document.currentScript as HTMLScriptElement | null

function scriptURLs(): string[] {
  const urls = Array.prototype.map.call(document.querySelectorAll('script[src]'), (s: HTMLScriptElement) => s.src) as string[]
  if (self?.src) urls.push(self.src)
  return urls
}

function fromScripts(pattern: RegExp): string | undefined {
  for (const url of scriptURLs()) {
    const match = pattern.exec(url)
    if (match) return match[1]
  }
  return undefined
}

function start(): void {
  const key =
    self?.getAttribute('data-global-segment-analytics-key') ||
    document.querySelector('script[data-global-segment-analytics-key]')?.getAttribute('data-global-segment-analytics-key') ||
    'analytics'
  const global = window as unknown as Record<string, unknown>
  const existing = global[key] as Stub | undefined
  // A second copy of the bundle: the first one stays in charge.
  if (existing && (existing.initialized || existing._switchboard)) return
  const stub: Stub = Array.isArray(existing) ? existing : ([] as unknown as Stub)
  stub._switchboard = true
  const writeKey = (global.analyticsWriteKey as string | undefined) || stub._writeKey || fromScripts(WRITE_KEY_IN_URL)
  if (!writeKey) {
    console.error('[switchboard] Failed to load: no write key (expected in the snippet or the script URL)')
    return
  }
  const cdnURL = stub._cdn || fromScripts(CDN_IN_URL) || DEFAULT_CDN
  const options: InitOptions = { ...stub._loadOptions, globalAnalyticsKey: key }
  if (!options.nonce && self?.nonce) options.nonce = self.nonce
  // The stub keeps recording until it is replaced; each read of the buffer takes what it has.
  const buffer = new PreloadBuffer(() => stub.splice(0, stub.length))
  void loadAnalytics({ writeKey, cdnURL }, options, buffer, defaultDeps, {
    onReplayed(analytics) {
      global[key] = analytics
    },
  })
}

try {
  start()
} catch (err) {
  console.error('[switchboard] Failed to load', err)
}
