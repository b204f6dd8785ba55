// Spec message → mixpanel-js calls for "Mixpanel" (destinations.md §4). Pure.
import type { SegmentEvent } from '../../src/core/types'
import { revenueOf } from '../shared/ecommerce'
import { pageEventNames } from '../shared/page-events'
import { compact, isObject, isoDates, omit, own, put, type Props } from '../shared/values'
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
const has = (list: string[] | undefined, key: string) => !!list?.some((k) => k.toLowerCase() === key.toLowerCase())

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
    for (const o of v) for (const key of Object.keys(o)) lists.get(key)?.push(o[key]) ?? lists.set(key, [o[key]])
    for (const [key, list] of lists) put(out, `${k}_${key}s`, list)
  }
  return out
}

/** Load-time init: queued by the stub until the SDK replays it. */
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
  ]
}

function identify(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const calls: VendorCall[] = []
  const raw: Props = isoDates({ ...msg.traits, ...(msg.userId ? { id: msg.userId } : {}) })
  if (msg.userId) calls.push(mp('identify', msg.userId))
  const nameTag = raw.email || raw.username || msg.userId
  if (nameTag) calls.push(mp('name_tag', nameTag))
  const people = renamed(raw)
  const superProps = s.legacySuperProperties ? people : raw
  const setAll = s.setAllTraitsByDefault !== false
  const register = setAll ? superProps : pick(superProps, s.superProperties ?? [])
  if (Object.keys(register).length) calls.push(mp('register', register))
  if (s.people !== false) {
    // Special traits always reach People; others when set-all is on or when listed.
    const listed = [...(s.peopleProperties ?? []), ...Object.values(SPECIAL)]
    const profile = setAll ? people : pick(people, listed)
    const scalars: Props = {}
    const lists: Props = {}
    for (const k of Object.keys(profile)) put(Array.isArray(profile[k]) ? lists : scalars, k, profile[k])
    if (Object.keys(scalars).length) calls.push(mp('people.set', scalars))
    if (Object.keys(lists).length) calls.push(mp('people.union', lists))
  }
  return calls
}

function track(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const event = msg.event ?? ''
  const source = msg.properties ?? {}
  const props = invertObjectArrays(isoDates(omit(source, RESERVED)))
  if (s.sourceName) props.segment_source_name = s.sourceName
  const calls = [mp('track', event, props)]
  const superProps = pick(props, s.superProperties ?? [])
  if (Object.keys(superProps).length) calls.push(mp('register', superProps))
  if (s.people === false) return calls
  if (has(s.eventIncrements, event)) calls.push(mp('people.increment', event), mp('people.set', 'Last ' + event, msg.timestamp))
  for (const k of Object.keys(source)) if (has(s.propIncrements, k)) calls.push(mp('people.increment', k, source[k]))
  const revenue = revenueOf(event, source)
  if (revenue) calls.push(mp('people.track_charge', revenue))
  return calls
}

function group(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const keys = s.groupIdentifierTraits ?? []
  if (!msg.userId || !msg.groupId || !keys.length) return []
  const traits = isoDates(msg.traits ?? {})
  const onceKeys = s.groupTraitsToSetOnce ?? []
  const once = onceKeys.length ? pick(traits, onceKeys) : traits
  const set = onceKeys.length ? omit(traits, onceKeys) : {}
  return keys.flatMap((key) => {
    const groupCall = (method: string, values: Props) => chained(mp('get_group', key, msg.groupId), call(method, values))
    return [
      ...(Object.keys(once).length ? [groupCall('set_once', once)] : []),
      ...(Object.keys(set).length ? [groupCall('set', set)] : []),
      mp('set_group', key, [msg.groupId]),
    ]
  })
}

export function translate(msg: SegmentEvent, s: MixpanelSettings): VendorCall[] {
  const props = msg.properties ?? {}
  switch (msg.type) {
    case 'page':
      if (s.consolidatedPageCalls) return [mp('track', 'Loaded a Page', props)]
      return pageEventNames(msg, s, true).map((name) => mp('track', name, props))
    case 'identify':
      return identify(msg, s)
    case 'track':
      return track(msg, s)
    case 'group':
      return group(msg, s)
    case 'alias':
      if (!msg.userId) return []
      return [msg.previousId ? mp('alias', msg.userId, msg.previousId) : mp('alias', msg.userId)]
    default:
      return []
  }
}

/** Logout: new distinct_id, super properties cleared. */
export const resetCalls = (): VendorCall[] => [mp('reset')]
