// Page → event naming shared by GTM and Amplitude (destinations.md §0). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { str } from './values'

export interface PageSettings {
  trackAllPages?: boolean
  trackNamedPages?: boolean
  trackCategorizedPages?: boolean
}

/** The page's name and category, from the call or its properties. */
export const pageNames = (msg: SegmentEvent): { name?: string; category?: string } => ({
  name: msg.name ?? msg.properties?.name,
  category: msg.category ?? msg.properties?.category,
})

/**
 * Every event name one `page()` produces, in the classic order: `Loaded a Page` (all pages),
 * `Viewed {category} Page` (categorized) and `Viewed {category} {name} Page` (named; the full
 * name includes the category).
 */
export function pageEventNames(msg: SegmentEvent, s: PageSettings): string[] {
  const { name, category } = pageNames(msg)
  const names: string[] = []
  if (s.trackAllPages) names.push('Loaded a Page')
  if (category && s.trackCategorizedPages) names.push(`Viewed ${str(category)} Page`)
  if (name && s.trackNamedPages) names.push(`Viewed ${category ? str(category) + ' ' : ''}${str(name)} Page`)
  return names
}
