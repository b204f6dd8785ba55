// Combining CDN settings with the `integrations` load option. Pure.
import type { CDNSettings, InitOptions } from '../core/options'
import type { Integrations } from '../core/types'
import { SEGMENT_IO } from '../core/constants'
import { isDestinationEnabled } from '../core/integrations'
import { isPlainObject } from '../core/arguments'

type Settings = Record<string, any>

const isObject = isPlainObject as (v: unknown) => v is Settings

/** What Switchboard uses when the CDN has nothing to say: deliver to Segment.io with the write key. */
export function defaultCDNSettings(writeKey: string): CDNSettings {
  return normalizeCDNSettings({}, writeKey)
}

/** Makes any response body usable: a missing `integrations` map or Segment.io entry is filled in. */
export function normalizeCDNSettings(raw: unknown, writeKey: string): CDNSettings {
  const settings = (isObject(raw) ? { ...raw } : {}) as CDNSettings
  const integrations = isObject(settings.integrations) ? { ...settings.integrations } : {}
  integrations[SEGMENT_IO] = { apiKey: writeKey, ...(isObject(integrations[SEGMENT_IO]) ? integrations[SEGMENT_IO] : {}) }
  settings.integrations = integrations
  return settings
}

/**
 * Per-destination settings after the load option: an object is merged over the CDN entry, `false`
 * removes the destination, `true` keeps the CDN entry.
 */
export function mergeIntegrations(cdn: CDNSettings['integrations'], overrides: Integrations | undefined): Record<string, Settings> {
  const out: Record<string, Settings> = {}
  for (const name of Object.keys(cdn)) if (isObject(cdn[name])) out[name] = { ...cdn[name] }
  if (!overrides) return out
  for (const name of Object.keys(overrides)) {
    const value = overrides[name]
    if (value === false) delete out[name]
    else if (isObject(value)) out[name] = { ...out[name], ...value }
  }
  return out
}

/** The Segment.io destination's settings: the CDN entry with the load option's object over it. */
export function segmentioSettings(cdn: CDNSettings, options: InitOptions, writeKey: string): Settings {
  const fromOptions = options.integrations?.[SEGMENT_IO]
  return { apiKey: writeKey, ...cdn.integrations[SEGMENT_IO], ...(isObject(fromOptions) ? fromOptions : {}) }
}

/** Only `'Segment.io': false` turns Segment.io off; `All: false` does not. */
export function isSegmentioEnabled(options: InitOptions): boolean {
  return options.integrations?.[SEGMENT_IO] !== false
}

/** Whether the load option lets a destination (or remote plugin) load at all: the per-event rule. */
export function isAllowedByOptions(options: InitOptions, name: string, ...alternativeNames: string[]): boolean {
  return isDestinationEnabled(options.integrations, name, alternativeNames)
}
