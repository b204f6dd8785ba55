// Page → event naming shared by GTM, Mixpanel and Amplitude (destinations.md §0). Pure.
import type { SegmentEvent } from '../../src/core/types'

export interface PageSettings {
  trackAllPages?: boolean
  trackNamedPages?: boolean
  trackCategorizedPages?: boolean
}

/**
 * The event names one `page()` produces: `Loaded a Page` (all pages), `Viewed {category} Page`
 * (categorized) and `Viewed {category} {name} Page` (named; the full name includes the category).
 * `categorizedWins` skips the named event when a categorized one was sent (Mixpanel).
 */
export function pageEventNames(msg: SegmentEvent, s: PageSettings, categorizedWins = false): string[] {
  const name = msg.name ?? msg.properties?.name
  const category = msg.category ?? msg.properties?.category
  const names: string[] = []
  if (s.trackAllPages) names.push('Loaded a Page')
  if (category && s.trackCategorizedPages) names.push(`Viewed ${category} Page`)
  if (name && s.trackNamedPages && !(categorizedWins && category && s.trackCategorizedPages)) {
    names.push(`Viewed ${category ? category + ' ' : ''}${name} Page`)
  }
  return names
}
