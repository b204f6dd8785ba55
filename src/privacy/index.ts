// The privacy guard: personal data found once per event, after enrichment, and acted on for each
// destination (Segment.io and device mode alike) as its actions say: drop, mask, SHA-256 hash or allow.
// `analytics.register(privacy({ destinations: { 'Facebook Pixel': { email: 'hash' } } }))`, or the `privacy` load option.
import type { Context } from '../core/context'
import type { Plugin } from '../core/plugin'
import { VERSION } from '../core/constants'
import { scanConfig, scanEvent } from './scan'
import { asAction, hashInputs, redact } from './redact'
import type { Classification, Finding, PrivacyAction, PrivacyActions, PrivacyOptions } from './types'

export type { Classification, Finding, PrivacyAction, PrivacyActions, PrivacyMatcher, PrivacyOptions, Redaction } from './types'
export { scanConfig, scanEvent } from './scan'
export { redact, normalizeForHash, copyData } from './redact'
export { DEFAULT_MATCHERS, matchKey, normalizeKey, keyWords } from './matchers'
export { DETECTORS, hasEmail, hasCardNumber, hasSSN, isPhone, isIP, luhn } from './detectors'
export { CLICK_IDS, findInUrl, replaceParams } from './urls'

/** Red is dropped, yellow masked, green let through, unless the options say otherwise. */
export const DEFAULT_ACTIONS: Record<Classification, PrivacyAction> = { red: 'drop', yellow: 'mask', green: 'allow' }

const own = (obj: object | undefined, key: string): unknown =>
  obj && Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined

/** The action for a finding at a destination: destination over everywhere, matcher name over classification. */
export function actionFor(options: PrivacyOptions, destination: string, f: Finding): PrivacyAction {
  const lower = destination.toLowerCase()
  const name = Object.keys(options.destinations ?? {}).find((d) => d.toLowerCase() === lower)
  const mine = name === undefined ? undefined : (own(options.destinations, name) as PrivacyActions | undefined)
  const chosen = own(mine, f.matcher) ?? own(mine, f.classification) ?? own(options.actions, f.matcher) ?? own(options.actions, f.classification)
  return chosen === undefined ? DEFAULT_ACTIONS[f.classification] ?? 'drop' : asAction(chosen)
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export function privacy(options: PrivacyOptions = {}): Plugin {
  const config = scanConfig(options)
  const marker = typeof options.marker === 'string' ? options.marker : 'REDACTED'
  const scans = new WeakMap<Context, Finding[]>()
  /** Digests by normalised input, per event: each value is hashed once, whatever the destinations. */
  const digests = new WeakMap<Context, Map<string, string>>()

  const digestsFor = async (ctx: Context, inputs: Set<string>): Promise<Map<string, string>> => {
    let known = digests.get(ctx)
    if (!known) digests.set(ctx, (known = new Map()))
    for (const text of inputs) {
      // Without WebCrypto (a page on http:) there is no digest, and the value is left out instead.
      if (!known.has(text)) await sha256(text).then((h) => known!.set(text, h), () => undefined)
    }
    return known
  }

  return {
    name: 'Privacy Guard',
    type: 'before',
    version: VERSION,
    isLoaded: () => true,
    load: () => undefined,
    async beforeDestination(ctx, destination, event) {
      let findings = scans.get(ctx)
      if (!findings) scans.set(ctx, (findings = scanEvent(ctx.event, config)))
      if (!findings.length) return event
      const actionOf = (f: Finding) => actionFor(options, destination, f)
      const inputs = new Set<string>()
      for (const f of findings) {
        if (f.kind !== 'url' && actionOf(f) === 'hash') {
          let node: unknown = event
          for (const key of f.path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined
          hashInputs(f.matcher, node, inputs)
        }
      }
      const { event: out, redactions } = redact(event, findings, destination, actionOf, marker, await digestsFor(ctx, inputs))
      // The report says where and why, never the value.
      if (redactions.length) ctx.log('debug', `privacy guard: ${redactions.length} redacted for "${destination}"`, { redactions })
      return out
    },
  }
}
