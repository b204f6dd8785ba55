// Fetching the CDN settings document without ever holding events hostage.
import type { CDNSettings } from '../core/options'
import { timeBox } from '../lib/time-box'
import { settingsURL } from './cdn'
import { defaultCDNSettings, normalizeCDNSettings } from './merge'

/**
 * How long the first events may wait for settings. A healthy CDN answers in well under a
 * second; past 2 s the page is better served by delivering with the last known (or default)
 * settings than by holding every buffered event.
 */
export const SETTINGS_TIMEOUT_MS = 2000

const cacheKey = (writeKey: string) => `sb_settings:${writeKey}`

export type SettingsSource = 'cdn' | 'cache' | 'default'

export interface LoadedSettings {
  settings: CDNSettings
  source: SettingsSource
  /** Why the CDN copy was not used, when it was not. */
  error?: string
}

export interface FetchSettingsOptions {
  timeout?: number
  /** false: don't remember the last good settings in localStorage (disableClientPersistence). */
  persist?: boolean
}

function readCache(writeKey: string): CDNSettings | undefined {
  try {
    const raw = localStorage.getItem(cacheKey(writeKey))
    return raw ? (JSON.parse(raw) as CDNSettings) : undefined
  } catch {
    return undefined
  }
}

function writeCache(writeKey: string, settings: CDNSettings): void {
  try {
    localStorage.setItem(cacheKey(writeKey), JSON.stringify(settings))
  } catch {
    // Full or blocked storage: the cache is only a fallback.
  }
}

/**
 * GET `<cdn>/v1/projects/<writeKey>/settings`. Never rejects: on an error or after `timeout` it
 * resolves with the last settings this browser saw for the write key, or with defaults that
 * deliver to Segment.io. A response that arrives late still refreshes the cache for next time.
 */
export async function fetchCDNSettings(cdnURL: string, writeKey: string, opts: FetchSettingsOptions = {}): Promise<LoadedSettings> {
  const persist = opts.persist !== false
  const timeout = opts.timeout ?? SETTINGS_TIMEOUT_MS
  const fetched = Promise.resolve()
    .then(() => fetch(settingsURL(cdnURL, writeKey)))
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      return res.json()
    })
    .then((body) => {
      const settings = normalizeCDNSettings(body, writeKey)
      if (persist) writeCache(writeKey, settings)
      return settings
    })
  let error: string
  try {
    const settings = await timeBox(fetched, timeout, undefined)
    if (settings) return { settings, source: 'cdn' }
    error = `timed out after ${timeout} ms`
  } catch (err) {
    error = String((err as Error)?.message ?? err)
  }
  const cached = persist ? readCache(writeKey) : undefined
  return cached
    ? { settings: normalizeCDNSettings(cached, writeKey), source: 'cache', error }
    : { settings: defaultCDNSettings(writeKey), source: 'default', error }
}
