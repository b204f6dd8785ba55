// Destination routing by the `integrations` object. Pure.
import type { Integrations } from './types'
import { SEGMENT_IO } from './constants'

/**
 * Whether a destination gets an event. Any of its names set to false turns it off; an explicit
 * truthy entry turns it on; otherwise `All` decides, except that `All: false` never stops
 * Segment.io (only `'Segment.io': false` does), as in Analytics.js 2.0.
 */
export function isDestinationEnabled(integrations: Integrations | undefined, name: string, alternativeNames: string[] = []): boolean {
  if (!integrations) return true
  let explicit = false
  for (const n of [name, ...alternativeNames]) {
    if (!(n in integrations)) continue
    const v = integrations[n]
    if (v === false) return false
    if (v) explicit = true
  }
  if (explicit || name === SEGMENT_IO) return true
  return integrations.All !== false
}

/** Load-time integrations reduce to booleans on each event (`{Foo: {...}}` → `Foo: true`). */
export function integrationsToBooleans(integrations: Integrations | undefined): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  if (integrations) for (const key of Object.keys(integrations)) out[key] = Boolean(integrations[key])
  return out
}
