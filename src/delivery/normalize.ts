// The Segment.io wire form of a message. Pure.
import type { SegmentEvent } from '../core/types'
import type { UserLike } from '../identity/types'

export interface BundleMetadata {
  bundled: string[]
  unbundled: string[]
  bundledIds: string[]
}

/**
 * `_metadata` as Analytics.js 2.0 sends it: 'Segment.io' plus every CDN integration bundled on the
 * page, the unbundled ones, and the config ids of the bundled ones. None when `addBundledMetadata` is false.
 */
export function bundleMetadata(cdnIntegrations: Record<string, any> = {}, settings: Record<string, any> = {}): BundleMetadata | undefined {
  if (settings.addBundledMetadata === false) return undefined
  const bundled = ['Segment.io']
  const unbundled: string[] = []
  for (const name of Object.keys(cdnIntegrations)) {
    const status = cdnIntegrations[name]?.bundlingStatus
    if (status === 'bundled') bundled.push(name)
    else if (status === 'unbundled') unbundled.push(name)
  }
  for (const name of settings.unbundledIntegrations ?? []) if (!unbundled.includes(name)) unbundled.push(name)
  bundled.sort()
  unbundled.sort()
  const ids: string[] = []
  for (const name of bundled) ids.push(...(settings.maybeBundledConfigIds?.[name] ?? []))
  return { bundled, unbundled, bundledIds: ids }
}

/**
 * Copies a message into the form the tracking API gets (without `sentAt`, added per request):
 * `writeKey`, ids filled from the current user, `_metadata`, no `options`, no `traits` on track.
 */
export function toWire(event: SegmentEvent, writeKey: string, user?: UserLike, meta?: BundleMetadata): SegmentEvent {
  const out: SegmentEvent = { ...event }
  delete out.options
  delete out.sentAt
  if (out.type === 'track') delete out.traits
  if (out.type === 'alias') {
    out.previousId = out.previousId ?? out.from ?? user?.id() ?? user?.anonymousId()
    out.userId ??= out.to
  }
  out.userId = out.userId || user?.id() || null
  out.anonymousId = out.anonymousId || user?.anonymousId()
  out.writeKey = writeKey
  if (meta) out._metadata = { ...out._metadata, ...meta }
  return out
}
