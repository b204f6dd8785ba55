// The CDN settings document, never holding events hostage: a young enough copy from the last
// visit (or one the CDN inlined into the bundle) is used at once while a fresh one is fetched.
import type { CDNSettings } from '../core/options'
import { timeBox } from '../lib/time-box'
import { isPlainObject } from '../core/arguments'
import { settingsURL } from './cdn'
import { defaultCDNSettings, normalizeCDNSettings } from './merge'

/**
 * How long the first events may wait for settings when there is no young copy. A healthy CDN
 * answers in well under a second; past 2 s the page is better served by delivering with the
 * last known (or default) settings than by holding every buffered event.
 */
export const SETTINGS_TIMEOUT_MS = 2000

/**
 * A kept copy younger than this is used at once, without waiting for the CDN
 * (stale-while-revalidate). Settings change rarely and the copy is replaced after every
 * page, so an older one only serves the first page of a visit after a long absence;
 * past a day the page waits for the CDN instead (and still falls back to the copy).
 */
export const SETTINGS_MAX_AGE_MS = 24 * 3600_000

/**
 * With a young copy in use, the refresh waits this long (unless the snippet already asked), so it
 * does not compete with the page's first event for the connection.
 */
export const REVALIDATE_DELAY_MS = 1000

const cacheKey = (writeKey: string) => `sb_settings:${writeKey}`

/** A settings document with the time (ms since the epoch) the CDN served it. */
export interface KeptSettings {
  at: number
  settings: CDNSettings
}

export interface FetchSettingsOptions {
  /** ms; anything but a positive number means SETTINGS_TIMEOUT_MS. */
  timeout?: unknown
  /** false: don't remember the last good settings in localStorage (disableClientPersistence). */
  persist?: boolean
  /** The settings request already on its way (Switchboard's snippet starts it with the bundle's). */
  settingsResponse?: Promise<Response>
  /** Settings the CDN inlined into the bundle (self-hosted CDNs); they take the stored copy's place. */
  inlinedSettings?: unknown
}

/** `value` if it is a kept copy ({ at, settings }), else undefined: storage and the CDN are data we don't control. */
function keptCopy(value: any): KeptSettings | undefined {
  return value?.at > 0 && isPlainObject(value.settings) ? value : undefined
}

function readCache(writeKey: string): KeptSettings | undefined {
  try {
    return keptCopy(JSON.parse(localStorage.getItem(cacheKey(writeKey)) as string))
  } catch {
    return undefined
  }
}

function writeCache(writeKey: string, settings: CDNSettings): void {
  try {
    localStorage.setItem(cacheKey(writeKey), JSON.stringify({ at: Date.now(), settings }))
  } catch {
    // Full or blocked storage: the copy is only a head start.
  }
}

/**
 * GET `<cdn>/v1/projects/<writeKey>/settings`. Never rejects. A kept copy younger than
 * SETTINGS_MAX_AGE_MS is returned at once and the response (REVALIDATE_DELAY_MS later) only
 * refreshes the stored copy for the next page. Without one, the response is waited for up to `timeout`; on an error or
 * after that it resolves with the kept copy whatever its age, else with defaults that deliver
 * to Segment.io (and says so on the console). A response that arrives late still refreshes
 * the copy.
 */
export async function fetchCDNSettings(cdnURL: string, writeKey: string, opts: FetchSettingsOptions = {}): Promise<CDNSettings> {
  const persist = opts.persist !== false
  const timeout = (opts.timeout as number) > 0 ? (opts.timeout as number) : SETTINGS_TIMEOUT_MS
  const kept = keptCopy(opts.inlinedSettings) ?? (persist ? readCache(writeKey) : undefined)
  const keptSettings = kept && normalizeCDNSettings(kept.settings, writeKey)
  const young = keptSettings && Date.now() - kept.at < SETTINGS_MAX_AGE_MS
  const fetched = (young && !opts.settingsResponse ? new Promise((wait) => setTimeout(wait, REVALIDATE_DELAY_MS)) : Promise.resolve())
    .then(() => opts.settingsResponse ?? fetch(settingsURL(cdnURL, writeKey)))
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      return res.json()
    })
    .then((body) => {
      const settings = normalizeCDNSettings(body, writeKey)
      if (persist) writeCache(writeKey, settings)
      return settings
    })
  if (young) {
    fetched.catch(() => {})
    return keptSettings
  }
  try {
    const settings = await timeBox(fetched, timeout, undefined)
    if (settings) return settings
    throw `timed out after ${timeout} ms`
  } catch (err) {
    console.warn(`[switchboard] using ${keptSettings ? 'kept' : 'default'} settings:`, err)
  }
  return keptSettings ?? defaultCDNSettings(writeKey)
}
