// The settings CDN: builds `/v1/projects/<writeKey>/settings` from the config file, with
// per-writeKey overrides that tests install through the control API (bounded in number and size).
import { existsSync, readFileSync } from 'node:fs'

/**
 * @typedef {{ enabled?: boolean, settings?: Record<string, unknown> }} DestinationConfig
 * @typedef {{ segmentio?: Record<string, unknown>, destinations?: Record<string, DestinationConfig>,
 *   remotePlugins?: unknown[], plan?: object, [key: string]: unknown }} WriteKeyConfig
 * @typedef {{ defaultWriteKey?: string, writeKeys?: Record<string, WriteKeyConfig> }} DevConfig
 */

/**
 * Reads the config file on every call, so edits apply without a restart. A broken file is
 * reported and treated as empty rather than taking the server down.
 * @param {string | undefined} configPath
 * @param {(msg: string) => void} warn
 * @returns {DevConfig}
 */
export function readConfig(configPath, warn) {
  if (!configPath || !existsSync(configPath)) return {}
  try {
    const config = JSON.parse(readFileSync(configPath, 'utf8'))
    return typeof config === 'object' && config !== null ? config : {}
  } catch (error) {
    warn(`config ${configPath} is not valid JSON (${/** @type {Error} */ (error).message}); using defaults`)
    return {}
  }
}

/**
 * Makes a root-relative URL (`/dev/vendors/x.js`) absolute on this server, so it works from
 * pages served elsewhere too.
 * @param {unknown} value
 * @param {string} origin
 */
function absolutize(value, origin) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? origin + value : value
}

/**
 * The CDN settings for one writeKey: the Segment.io entry points at this server; each
 * enabled destination of the config becomes a device-mode entry (destinations.md §0).
 * @param {string} writeKey
 * @param {DevConfig} config
 * @param {string} origin e.g. http://127.0.0.1:3000
 */
export function buildSettings(writeKey, config, origin) {
  const host = origin.replace(/^https?:\/\//, '')
  const entry = config.writeKeys?.[writeKey] ?? {}
  const { segmentio, destinations, remotePlugins, plan, ...rest } = entry
  /** @type {Record<string, unknown>} */
  const integrations = {
    'Segment.io': { apiKey: writeKey, apiHost: `${host}/v1`, protocol: 'http', ...(segmentio ?? {}) },
  }
  for (const [name, destination] of Object.entries(destinations ?? {})) {
    if (!destination || destination.enabled === false) continue
    /** @type {Record<string, unknown>} */
    const settings = {}
    for (const [key, value] of Object.entries(destination.settings ?? {})) settings[key] = absolutize(value, origin)
    integrations[name] = {
      ...settings,
      type: 'browser',
      versionSettings: { componentTypes: ['browser'] },
      bundlingStatus: 'bundled',
    }
  }
  return { ...rest, integrations, plan: plan ?? {}, remotePlugins: remotePlugins ?? [] }
}

/** Write keys a test may override at once, and the size of one override's JSON. */
export const MAX_OVERRIDES = 100
export const MAX_OVERRIDE_BYTES = 256 * 1024

/** Per-writeKey settings that replace the config's (PUT /__sb/settings/<writeKey>), bounded. */
export class SettingsOverrides {
  constructor(maxKeys = MAX_OVERRIDES, maxBytes = MAX_OVERRIDE_BYTES) {
    this.maxKeys = maxKeys
    this.maxBytes = maxBytes
    /** @type {Map<string, unknown>} */
    this.byKey = new Map()
  }

  /**
   * Stores an override; false when `maxKeys` other keys already have one. The body reader
   * enforces `maxBytes` before the value is parsed.
   * @param {string} writeKey
   * @param {unknown} settings
   */
  set(writeKey, settings) {
    if (!this.byKey.has(writeKey) && this.byKey.size >= this.maxKeys) return false
    this.byKey.set(writeKey, settings)
    return true
  }

  /** @param {string} writeKey */
  has(writeKey) {
    return this.byKey.has(writeKey)
  }

  /** @param {string} writeKey */
  get(writeKey) {
    return this.byKey.get(writeKey)
  }

  /** @param {string} writeKey */
  delete(writeKey) {
    this.byKey.delete(writeKey)
  }
}
