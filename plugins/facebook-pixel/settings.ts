// Settings of "Facebook Pixel" (destinations.md §3.2), keyed as the settings CDN sends them.
export interface FbSettings {
  pixelId: string
  /** Spec event → Meta standard event(s): `{ from: to }` or `[{ key, value }]`. */
  standardEvents?: Record<string, string | string[]> | { key: string; value: string }[]
  /** Spec event → legacy conversion pixel id (sends only currency and value). */
  legacyEvents?: Record<string, string | string[]> | { key: string; value: string }[]
  /** Category → content_type (default `product`). */
  contentTypes?: Record<string, string> | { key: string; value: string }[]
  standardEventsCustomProperties?: string[]
  valueIdentifier?: 'value' | 'price'
  initWithExistingTraits?: boolean
  keyForExternalId?: string
  userIdAsExternalId?: boolean
  whitelistPiiProperties?: string[]
  blacklistPiiProperties?: { propertyName: string; hashProperty?: boolean }[]
  automaticConfiguration?: boolean
  limitedDataUse?: boolean
  /** `fbq.agent`, the partner tag Meta attributes events to: `seg` by default, as Segment's integration sets it. */
  agent?: string
  scriptUrl?: string
}
