// The privacy guard's public types. Classifications are Privacy Portal's: red (highly restricted),
// yellow (moderately restricted), green (least restricted).

export type Classification = 'red' | 'yellow' | 'green'

/** What a destination receives in place of a matched value. */
export type PrivacyAction = 'drop' | 'mask' | 'hash' | 'allow'

/** A custom matcher: keys (with synonyms) and/or a value pattern, and its classification. */
export interface PrivacyMatcher {
  /** Its name, used in reports and as an action key (`actions: { 'employee id': 'drop' }`). */
  name: string
  classification: Classification
  /** Keys it matches, compared normalised (case, `_`, `-`, spaces and camelCase ignored). */
  keys?: string[]
  /** Values it matches (a string is compiled as a case-insensitive RegExp). */
  value?: RegExp | string
}

/** Actions by classification and by matcher name (a matcher name wins). */
export type PrivacyActions = Partial<Record<Classification, PrivacyAction>> & Record<string, PrivacyAction | undefined>

export interface PrivacyOptions {
  /** Matchers checked before the built-in ones (Privacy Portal's default classifications). */
  matchers?: PrivacyMatcher[]
  /** `false` leaves the built-in key matchers out. */
  defaultMatchers?: boolean
  /** Value detectors: email, card (Luhn-checked) and US SSN are on; phone and ip only when asked. */
  detect?: { email?: boolean; card?: boolean; ssn?: boolean; phone?: boolean; ip?: boolean }
  /** URL scrubbing: ad click ids, these query parameters and email-looking values (default on). */
  urls?: { clickIds?: boolean; params?: string[]; emails?: boolean }
  /** Actions for every destination (default: red `drop`, yellow `mask`, green `allow`). */
  actions?: PrivacyActions
  /** Per-destination actions over `actions`, by destination name (`'Facebook Pixel'`, `'Segment.io'`, …). */
  destinations?: Record<string, PrivacyActions>
  /** What `mask` and URL scrubbing put in place of a value (default `REDACTED`). */
  marker?: string
}

/** One value the guard found: where (a path of keys), why (matcher) and how restricted. Never the value. */
export interface Finding {
  path: (string | number)[]
  matcher: string
  classification: Classification
  /** `key`: the key matched (the whole value is acted on); `value`: a detector matched; `url`: a query parameter. */
  kind: 'key' | 'value' | 'url'
  /** For `url`: the query parameter whose value is replaced. */
  param?: string
}

/** The debug-mode report of one redaction: path, matcher and action, never the value. */
export interface Redaction {
  destination: string
  path: string
  matcher: string
  classification: Classification
  action: PrivacyAction
}
