// What one destination receives under the plan's enforcement options (pure).
import type { SegmentEvent } from '../core/types'
import type { CheckResult } from './validate'
import type { Enforcement, ProtocolsOptions } from './types'

/** The options in force for a destination: its own override over the defaults. */
export function enforcementFor(options: ProtocolsOptions, destination: string): Required<Enforcement> {
  const own = options.destinations && Object.prototype.hasOwnProperty.call(options.destinations, destination) ? options.destinations[destination] : undefined
  return {
    unplannedEvents: own?.unplannedEvents ?? options.unplannedEvents ?? 'allow',
    unplannedProperties: own?.unplannedProperties ?? options.unplannedProperties ?? 'allow',
    violations: own?.violations ?? options.violations ?? 'allow',
  }
}

/** Removes own keys from one object of the event, on a copy; the rest of the event is shared. */
function without(event: SegmentEvent, field: 'properties' | 'traits', keys: Set<string>): SegmentEvent {
  const source = event[field]
  if (!source || typeof source !== 'object' || !keys.size) return event
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(source)) {
    // defineProperty: an own `__proto__` key stays a key.
    if (!keys.has(key)) Object.defineProperty(kept, key, { value: source[key], enumerable: true, writable: true, configurable: true })
  }
  return { ...event, [field]: kept }
}

/** The event for a destination, or null when it is blocked there. */
export function enforce(event: SegmentEvent, result: CheckResult, policy: Required<Enforcement>): SegmentEvent | null {
  if (result.unplanned && policy.unplannedEvents === 'block') return null
  const broken = result.violations.filter((v) => v.violationType !== 'Unplanned Event' && v.violationType !== 'Unplanned Property')
  if (broken.length && policy.violations === 'block') return null
  const field = event.type === 'identify' || event.type === 'group' ? 'traits' : 'properties'
  const omit = new Set<string>()
  if (policy.unplannedProperties === 'omit' && result.rule) for (const key of result.unplannedNames) omit.add(key)
  // A missing property cannot be left out: only what is there and wrong.
  if (policy.violations === 'omit') for (const key of result.offendingNames) omit.add(key)
  return without(event, field, omit)
}
