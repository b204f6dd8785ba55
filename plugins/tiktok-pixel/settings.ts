// Settings of "TikTok Pixel" (Segment's TikTok Pixel Actions destination), keyed as the settings CDN sends them.
export interface TikTokSettings {
  /** The pixel id. */
  pixelCode: string
  /** Limited Data Use, passed to `ttq.load` as `limited_data_use`. */
  ldu?: boolean
  /** `ttq.page()` once the pixel is set up (default on). */
  autoPageView?: boolean
  /** Deprecated in Segment's destination; accepted and ignored. */
  useExistingPixel?: boolean
  scriptUrl?: string
}
