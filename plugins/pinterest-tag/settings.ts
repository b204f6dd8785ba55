// Settings of "Pinterest Tag", keyed as the settings CDN sends them.
export interface PinterestSettings {
  /** The tag id. */
  tid: string
  /** Segment event → Pinterest event (`{ from: to }` or `[{ key, value }]`), matched ignoring case. */
  pinterestEventMapping?: Record<string, string> | { key: string; value: string }[]
  /** Further properties (dotted paths allowed) sent as they are. */
  pinterestCustomProperties?: string[]
  /** Enhanced match: the stored email in `pintrk('load', tid, { em })`. */
  useEnhancedMatchLoad?: boolean
  /** `event_id` ← messageId on every event, for de-duplication with the Conversions API. */
  mapMessageIdToEventId?: boolean
  scriptUrl?: string
}
