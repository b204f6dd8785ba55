// Device-mode destinations named in CDN settings, loaded from `<cdn>/plugins/<slug>.js`.
import type { CDNSettings, InitOptions } from '../core/options'
import type { Plugin, PluginFactory } from '../core/plugin'
import { destinationPluginURL, destinationSlug } from './cdn'
import { isAllowedByOptions, mergeIntegrations } from './merge'
import { lazyDestination } from './lazy-destination'
import { destinationSource, type DestinationSource, type PluginSourceOptions } from './destination-source'

export interface DeviceModeEntry {
  name: string
  slug: string
  settings: Record<string, any>
}

declare global {
  interface Window {
    switchboardPlugins?: Record<string, PluginFactory>
  }
}

/** Whether a CDN `integrations` entry is a device-mode destination (destinations.md §0). */
export function isDeviceMode(name: string, entry: Record<string, any>): boolean {
  // 'Segment.io' and Segment's own integrations ('Segment Profiles'...) are not device mode.
  if (name.startsWith('Segment')) return false
  if (!entry || typeof entry !== 'object' || entry.bundlingStatus === 'unbundled') return false
  const components = entry.versionSettings?.componentTypes
  return entry.type === 'browser' || (Array.isArray(components) && components.includes('browser'))
}

/** The enabled device-mode destinations, each with its settings after the `integrations` load option. */
export function deviceModeDestinations(cdn: CDNSettings, options: InitOptions): DeviceModeEntry[] {
  const merged = mergeIntegrations(cdn.integrations, options.integrations)
  const remoteNames = new Set((cdn.remotePlugins ?? []).map((p) => p.creationName ?? p.name))
  return Object.keys(cdn.integrations)
    .filter((name) => isDeviceMode(name, cdn.integrations[name]) && !remoteNames.has(name))
    .filter((name) => name in merged && isAllowedByOptions(options, name))
    .map((name) => ({ name, slug: destinationSlug(name), settings: merged[name] }))
}

/** Where each entry's code comes from: `plugins`, or its CDN file (whose download starts now). */
export function deviceModeSources(entries: DeviceModeEntry[], opts: PluginSourceOptions): DestinationSource[] {
  return entries.map((entry) =>
    destinationSource(
      {
        name: entry.name,
        settings: entry.settings,
        factoryNames: [entry.name, entry.slug],
        src: [destinationPluginURL(opts.cdnURL, entry.name)],
        read: () => window.switchboardPlugins?.[entry.slug],
      },
      opts,
    ),
  )
}

/** One lazily loaded plugin per entry. */
export const deviceModePlugins = (entries: DeviceModeEntry[], opts: PluginSourceOptions): Plugin[] => deviceModeSources(entries, opts).map(lazyDestination)
