// Where settings, the bundle and destination plugins are served from.

/** Analytics.js 2.0's default, so a page that only swaps the bundle keeps its Segment settings. */
export const DEFAULT_CDN = 'https://cdn.segment.com'

/** `https://cdn.example.com/` → `https://cdn.example.com`. */
export function normalizeCDN(url: string | undefined): string {
  return (url || DEFAULT_CDN).replace(/\/+$/, '')
}

/** The settings document URL for a write key. */
export function settingsURL(cdnURL: string, writeKey: string): string {
  return `${normalizeCDN(cdnURL)}/v1/projects/${encodeURIComponent(writeKey)}/settings`
}

/** Destination display name → plugin file slug: `Google Analytics 4 Web` → `google-analytics-4-web`. */
export function destinationSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

/** Where the self-registering plugin file of a device-mode destination lives. */
export function destinationPluginURL(cdnURL: string, name: string): string {
  return `${normalizeCDN(cdnURL)}/plugins/${destinationSlug(name)}.js`
}
