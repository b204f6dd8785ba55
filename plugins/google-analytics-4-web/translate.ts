// Spec message → gtag.js calls for "Google Analytics 4 Web" (destinations.md §1). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { ga4Ecommerce } from '../shared/ga4-ecommerce'
import { compact, isObject, isoDates, mapped, own, put, type Props } from '../shared/values'
import { consentDefaults, type Ga4Consent, type Ga4State } from './consent'
import { call, type VendorCall } from '../shared/vendor-call'
import type { Ga4Settings } from './settings'

const gtag = (...args: unknown[]) => call('gtag', ...args)
const join = (v: string[] | string | undefined, sep: string) => (Array.isArray(v) ? v.join(sep) : v)
/** Google policy forbids PII as user properties. */
const PII = ['email', 'name', 'firstName', 'lastName', 'first_name', 'last_name', 'phone', 'address']

/** Config fields from settings; cookie fields only when they differ from gtag's defaults. */
export function configFields(s: Ga4Settings): Props {
  return compact({
    allow_google_signals: s.allowGoogleSignals ?? true,
    allow_ad_personalization_signals: s.allowAdPersonalizationSignals ?? true,
    cookie_domain: s.cookieDomain && s.cookieDomain !== 'auto' ? s.cookieDomain : undefined,
    cookie_expires: s.cookieExpirationInSeconds != null && s.cookieExpirationInSeconds !== 63072000 ? s.cookieExpirationInSeconds : undefined,
    cookie_flags: join(s.cookieFlags, ';'),
    cookie_path: s.cookiePath && s.cookiePath !== '/' ? s.cookiePath : undefined,
    cookie_prefix: join(s.cookiePrefix, '_'),
    cookie_update: s.cookieUpdate === false ? false : undefined,
  })
}

/** Load-time calls: `js`, then Consent Mode defaults when enabled (before any config). */
export function initCalls(s: Ga4Settings, now: Date): VendorCall[] {
  const calls = [gtag('js', now)]
  if (s.enableConsentMode) calls.push(gtag('consent', 'default', compact({ ...consentDefaults(s), wait_for_update: s.waitTimeToUpdateConsentStage })))
  return calls
}

/** Custom event name: trimmed, each whitespace character → `_` (letters of any script kept), optionally lower-cased. */
export function eventName(event: string, lowercase?: boolean): string {
  const name = event.trim().replace(/\s/g, '_')
  return lowercase ? name.toLowerCase() : name
}

/** GA4 caps an event at 25 parameters. */
const MAX_PARAMS = 25

/** Custom event params: only the properties the `eventParams` setting maps (flat values, Dates as ISO strings), none by default. */
function customParams(props: Props, s: Ga4Settings): Props {
  const out: Props = {}
  for (const k of Object.keys(props)) {
    const v = props[k]
    if (isObject(v) || Array.isArray(v)) continue
    for (const param of mapped(s.eventParams, k)) if (Object.keys(out).length < MAX_PARAMS) put(out, param, isoDates(v))
  }
  return out
}

/** Page: the consent state first (when Consent Mode is on), then config, as Set Configuration Fields does. */
function page(msg: SegmentEvent, s: Ga4Settings, consent: Ga4Consent): VendorCall[] {
  const p = msg.properties ?? {}
  const ctxPage = msg.context?.page ?? {}
  return [
    ...(s.enableConsentMode ? [gtag('consent', 'update', { ...consent })] : []),
    gtag(
      'config',
      s.measurementID,
      compact({
        // Sent only when off: gtag's default is on.
        send_page_view: s.pageView === false ? false : undefined,
        page_title: p.title ?? ctxPage.title,
        page_location: p.url ?? ctxPage.url,
        page_referrer: p.referrer ?? ctxPage.referrer,
        content_group: msg.category ?? p.category,
        user_id: msg.userId ?? undefined,
        ...configFields(s),
      }),
    ),
  ]
}

function identify(msg: SegmentEvent, s: Ga4Settings): VendorCall[] {
  const calls: VendorCall[] = []
  if (msg.userId) calls.push(gtag('set', { user_id: msg.userId }))
  const traits = msg.traits ?? {}
  const picked: Props = {}
  for (const k of s.userProperties ?? []) if (!PII.includes(k) && own(traits, k) !== undefined && !isObject(traits[k])) put(picked, k, traits[k])
  if (Object.keys(picked).length) calls.push(gtag('set', 'user_properties', picked))
  return calls
}

function track(msg: SegmentEvent, s: Ga4Settings): VendorCall[] {
  const props = msg.properties ?? {}
  // Per-call options (`integrations['Google Analytics 4 Web']`) win over settings.
  const options = msg.integrations?.['Google Analytics 4 Web']
  const opt = <K extends 'lowercase' | 'send_to'>(k: K) => (isObject(options) && options[k] !== undefined ? options[k] : s[k])
  const ecommerce = ga4Ecommerce(msg.event ?? '', props)
  const name = ecommerce ? ecommerce.name : eventName(msg.event ?? '', opt('lowercase'))
  const params = ecommerce ? ecommerce.params : customParams(props, s)
  if (!name) return []
  // `send_to: 'default'` when off: gtag's own default group, as Segment sends it.
  return [gtag('event', name, { ...params, send_to: opt('send_to') === false ? 'default' : s.measurementID })]
}

export function translate(msg: SegmentEvent, s: Ga4Settings, state: Ga4State = { consent: consentDefaults(s) }): VendorCall[] {
  switch (msg.type) {
    case 'page':
      return page(msg, s, state.consent)
    case 'identify':
      return identify(msg, s)
    case 'track':
      return track(msg, s)
    default:
      // group, alias and screen have no GA4 web mapping.
      return []
  }
}

/** Logout: later hits carry no user id. */
export const resetCalls = (): VendorCall[] => [gtag('set', { user_id: null })]
