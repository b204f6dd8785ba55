// Spec message → mixpanel-js calls for "Mixpanel" (destinations.md §4). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { revenueOf } from '../shared/ecommerce'
import { pageNames } from '../shared/page-events'
import { compact, isObject, isoDates, omit, own, put, str, type Props } from '../shared/values'
import { call, chained, type VendorCall } from '../shared/vendor-call'
import type { MixpanelSettings } from './settings'

const mp = (fn: string, ...args: unknown[]) => call('mixpanel.' + fn, ...args)

/** Spec traits → Mixpanel reserved profile properties. */
const SPECIAL: Record<string, string> = {
  created: '$created',
  createdAt: '$created',
  email: '$email',
  firstName: '$first_name',
  lastName: '$last_name',
  name: '$name',
  username: '$username',
  phone: '$phone',
  lastSeen: '$last_seen',
  avatar: '$avatar',
}
const RESERVED = ['distinct_id', 'ip', 'mp_name_tag', 'mp_note', 'token']
/** The super property Segment's integration registers so Mixpanel can tell where events come from. */
const MP_LIB = { mp_lib: 'Segment: web' }
const has = (list: string[] | undefined, key: string) => !!list?.some((k) => str(k).toLowerCase() === key.toLowerCase())
const nonEmpty = (o: Props) => Object.keys(o).length > 0

const renamed = (traits: Props): Props => {
  const out: Props = {}
  for (const k of Object.keys(traits)) put(out, own(SPECIAL, k) ?? k, traits[k])
  return out
}

const pick = (obj: Props, keys: string[]): Props => {
  const out: Props = {}
  for (const k of Object.keys(obj)) if (keys.includes(k)) put(out, k, obj[k])
  return out
}

/**
 * Arrays of objects become one array per key: `products:[{sku:1}]` → `products_skus:[1]`. Each
 * list holds the values present (no gaps for objects without the key), as Segment's classic
 * Mixpanel integration sends them; so the output is never larger than the input.
 */
export function invertObjectArrays(props: Props): Props {
  const out: Props = {}
  for (const k of Object.keys(props)) {
    const v = props[k]
    if (!Array.isArray(v) || !v.length || !v.every(isObject)) {
      put(out, k, v)
      continue
    }
    const lists = new Map<string, unknown[]>()
    for (const o of v.filter(isObject)) for (const key of Object.keys(o)) lists.get(key)?.push(o[key]) ?? lists.set(key, [o[key]])
    for (const [key, list] of lists) put(out, `${k}_${key}s`, list)
  }
  return out
}

/** Load-time init (queued by the stub until the SDK replays it), then the `mp_lib` super property. */
export function initCalls(s: MixpanelSettings): VendorCall[] {
  return [
    mp(
      'init',
      s.token,
      compact({
        cross_subdomain_cookie: s.crossSubdomainCookie ?? true,
        secure_cookie: s.secureCookie ?? false,
        persistence: s.persistence ?? 'cookie',
        api_host: s.enableEuropeanUnionEndpoint ? 'https://api-eu.mixpanel.com' : undefined,
      }),
    ),
    mp('register', MP_LIB),
  ]
}

/** The one event a page() becomes: the first rule that applies wins. */
export function pageEvent(msg: SegmentEvent, s: MixpanelSettings): string | undefined {
  const { name, category } = pageNames(msg)
  if (s.consolidatedPageCalls || s.trackAllPages) return 'Loaded a Page'
  if (s.trackCategorizedPages && category) return `Viewed ${name ? `${str(category)} ${str(name)}` : str(category)} Page`
  if (s.trackNamedPages && name) return `Viewed ${str(name)} Page`
}

function identify(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const calls: VendorCall[] = []
  const given: Props = msg.traits ?? {}
  if (msg.userId) calls.push(mp('identify', msg.userId))
  const nameTag = given.email || given.username || msg.userId
  if (nameTag) calls.push(mp('name_tag', nameTag))
  const traits = isoDates(renamed({ ...given, ...(msg.userId ? { id: msg.userId } : {}) }))
  // Non-empty lists are unioned into People; everything else is set.
  const toSet: Props = {}
  const toUnion: Props = {}
  for (const k of Object.keys(traits)) put(Array.isArray(traits[k]) && traits[k].length ? toUnion : toSet, k, traits[k])
  const setAll = s.setAllTraitsByDefault !== false
  const listed = (keys: string[]) => keys.map((k) => own<string>(SPECIAL, k) ?? k)
  const superProps = setAll ? traits : pick(traits, listed(s.superProperties ?? []))
  if (nonEmpty(superProps)) calls.push(mp('register', superProps))
  if (s.people !== false) {
    // Special traits always reach People; others when set-all is on or when listed.
    const people = listed([...(s.peopleProperties ?? []), ...Object.keys(SPECIAL)])
    const set = setAll ? toSet : pick(toSet, people)
    const union = setAll ? toUnion : pick(toUnion, people)
    if (nonEmpty(set)) calls.push(mp('people.set', set))
    if (nonEmpty(union)) calls.push(mp('people.union', union))
  }
  return calls
}

/** A track (or a page as its event): People operations first, then the event, then super properties. */
function track(msg: SegmentEvent, event: string, s: MixpanelSettings): VendorCall[] {
  const source: Props = msg.properties ?? {}
  const props = invertObjectArrays(isoDates(omit({ ...source, ...(s.sourceName ? { segment_source_name: s.sourceName } : {}) }, RESERVED)))
  const calls: VendorCall[] = []
  if (s.people !== false) {
    if (has(s.eventIncrements, event)) {
      const at = new Date(msg.timestamp as string)
      calls.push(mp('people.increment', event), mp('people.set', 'Last ' + event, isNaN(at.getTime()) ? msg.timestamp : at))
    }
    for (const k of Object.keys(props)) if (has(s.propIncrements, k)) calls.push(mp('people.increment', k, props[k]))
    const revenue = revenueOf(event, source)
    if (revenue) calls.push(mp('people.track_charge', revenue))
  }
  // `link_query` / `form_query` (a DOM selector) bind the event to those links or forms instead.
  const query = props.link_query ? 'link_query' : props.form_query ? 'form_query' : undefined
  if (query) calls.push(mp(query === 'link_query' ? 'track_links' : 'track_forms', props[query], event, omit(props, [query])))
  else calls.push(mp('track', event, props))
  const superProps = pick(isoDates(source), s.superProperties ?? [])
  if (nonEmpty(superProps)) calls.push(mp('register', superProps))
  return calls
}

function group(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const keys = s.groupIdentifierTraits ?? []
  if (!msg.userId || !msg.groupId || !keys.length) return []
  const traits: Props = msg.traits ?? {}
  const onceKeys = s.groupTraitsToSetOnce ?? []
  const once = onceKeys.length ? pick(traits, onceKeys) : traits
  const set = onceKeys.length ? omit(traits, onceKeys) : {}
  const groupCall = (key: string, method: string, values: Props) => chained(mp('get_group', key, msg.groupId), call(method, values))
  return [
    ...keys.flatMap((key) => [...(nonEmpty(once) ? [groupCall(key, 'set_once', once)] : []), ...(nonEmpty(set) ? [groupCall(key, 'set', set)] : [])]),
    ...keys.map((key) => mp('set_group', key, [msg.groupId])),
  ]
}

export function translate(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  switch (msg.type) {
    case 'page': {
      const event = pageEvent(msg, s)
      return event ? track(msg, event, s) : []
    }
    case 'identify':
      return identify(msg, s)
    case 'track':
      return msg.event ? track(msg, msg.event, s) : []
    case 'group':
      return group(msg, s)
    case 'alias':
      // Skipped at call time when Mixpanel already knows the user by this id (alias-guard.ts).
      return msg.userId ? [mp('alias', msg.userId, ...(msg.previousId ? [msg.previousId] : []))] : []
    default:
      return []
  }
}

/** Logout: new distinct_id, super properties cleared (and `mp_lib` registered again). */
export const resetCalls = (): VendorCall[] => [mp('reset'), mp('register', MP_LIB)]
