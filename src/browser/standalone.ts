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
  /** Switchboard's snippet: the settings request, started with the bundle's. */
  _settings?: Promise<Response>
  initialized?: boolean
  /** Set by the first copy of the bundle, so a second copy on the same page stays out. */
  _switchboard?: boolean
}

/** A bundle URL, `<cdn>/analytics.js/v1/<writeKey>[/platform]/analytics…`: [, cdn, writeKey]. */
const BUNDLE_URL = /(https?:\/\/.*)\/analytics\.js\/v1\/([^/]*)(?:\/platform)?\/analytics/

const self = document.currentScript as HTMLScriptElement | null

/** This script's URL if it is a bundle URL, else the first other script's that is. */
function bundleURL(): RegExpExecArray | undefined {
  for (const script of [self, ...document.querySelectorAll('script[src]')]) {
    const match = BUNDLE_URL.exec((script as HTMLScriptElement | null)?.src ?? '')
    if (match) return match
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
  const fromURL = bundleURL()
  const writeKey = (global.analyticsWriteKey as string | undefined) || stub._writeKey || fromURL?.[2]
  if (!writeKey) {
    console.error('[switchboard] Failed to load: no write key')
    return
  }
  const cdnURL = stub._cdn || fromURL?.[1] || DEFAULT_CDN
  const options: InitOptions = { ...stub._loadOptions, globalAnalyticsKey: key }
  if (!options.nonce && self?.nonce) options.nonce = self.nonce
  // The stub keeps recording until it is replaced; each read of the buffer takes what it has.
  const buffer = new PreloadBuffer(() => stub.splice(0, stub.length))
  void loadAnalytics({ writeKey, cdnURL }, options, buffer, defaultDeps, {
    onReplayed(analytics) {
      global[key] = analytics
    },
    settingsResponse: stub._settings,
    // A self-hosted CDN may put this write key's settings in front of the bundle (docs/self-hosting.md).
    inlinedSettings: (self as { switchboardSettings?: unknown } | null)?.switchboardSettings,
  })
}

try {
  start()
} catch (err) {
  console.error('[switchboard] Failed to load', err)
}
