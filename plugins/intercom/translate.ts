// Spec message → Intercom() calls for "Intercom Web (Actions)" / "Intercom" (docs/plugins.md). Pure.
import type { SegmentEvent } from '../../src/core/types'
import type { LoadEnv } from '../shared/destination'
import { compact, isObject, own, put, toNumber, type Props } from '../shared/values'
import { call, type VendorCall } from '../shared/vendor-call'

export interface IntercomSettings {
  /** The Intercom workspace (app) id. */
  appId: string
  /** CSS selector of a custom inbox button; `#IntercomDefaultWidget` (the default) keeps Intercom's own launcher. */
  activator?: string
  /** Event properties sent as nested rich-link objects instead of being dropped. */
  richLinkProperties?: string[]
  /** Regional API (`https://api-iam.eu.intercom.io`, `https://api-iam.au.intercom.io`); US when unset. */
  apiBase?: string
  scriptUrl?: string
}

/** The names this destination answers to, in the `integrations` option (per-call `user_hash` and friends). */
export const NAMES = ['Intercom Web (Actions)', 'Intercom']
const DEFAULT_ACTIVATOR = '#IntercomDefaultWidget'
/** Marks the Messenger as installed through a Segment-style integration, as Segment's destination does. */
const INSTALLATION = 's'

const ic = (...args: unknown[]) => call('Intercom', ...args)

export const scriptSrc = (s: IntercomSettings) => `https://widget.intercom.io/widget/${encodeURIComponent(s.appId)}`

/** Unix seconds from a Date, an ISO string or a number (milliseconds are recognised by their size). */
export function unixSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return isFinite(v) ? Math.floor(v > 1e11 ? v / 1000 : v) : undefined
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN
  return isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * Intercom rejects nested values, so objects and arrays are dropped. In user and company
 * attributes, dates (Dates and ISO date-times) become Unix seconds, the form Intercom reads as a date.
 */
function scalars(obj: Props, skip: string[], dates = true): Props {
  const out: Props = {}
  for (const k of Object.keys(obj)) {
    const v = obj[k]
    if (skip.includes(k) || v === undefined || (v !== null && typeof v === 'object' && !(v instanceof Date))) continue
    put(out, k, dates && (v instanceof Date || (typeof v === 'string' && ISO_DATE_TIME.test(v))) ? (unixSeconds(v) ?? v) : v)
  }
  return out
}

const COMPANY_FIELDS = ['id', 'name', 'createdAt', 'created_at', 'plan', 'size', 'website', 'industry', 'monthly_spend', 'monthlySpend']

/** An Intercom company object; Intercom requires `company_id`, so without an id there is none. */
function company(id: unknown, traits: Props): Props | undefined {
  if (id == null || id === '') return undefined
  return compact({
    ...scalars(traits, COMPANY_FIELDS),
    company_id: String(id),
    name: traits.name,
    created_at: unixSeconds(traits.createdAt ?? traits.created_at),
    plan: traits.plan,
    size: toNumber(traits.size),
    website: traits.website,
    industry: traits.industry,
    monthly_spend: toNumber(traits.monthly_spend ?? traits.monthlySpend),
  })
}

/** This destination's entry of an `integrations` object, under either of its names. */
function options(integrations: unknown): Props {
  for (const name of NAMES) {
    const o = own(integrations, name)
    if (isObject(o)) return o
  }
  return {}
}

/** Identity verification: `user_hash` (or `userHash`) and the messenger JWT, from the call's integrations option. */
function verification(integrations: unknown): Props {
  const o = options(integrations)
  return compact({ user_hash: o.user_hash ?? o.userHash, intercom_user_jwt: o.intercom_user_jwt ?? o.intercomUserJwt })
}

/** Messenger options every boot and update carries: a custom launcher, and hiding the default one. */
function widget(s: IntercomSettings, msg?: SegmentEvent): Props {
  const ctx = options(msg?.context)
  const hide = ctx.hideDefaultLauncher ?? ctx.hide_default_launcher ?? options(msg?.integrations).hideDefaultLauncher
  return compact({
    hide_default_launcher: typeof hide === 'boolean' ? hide : undefined,
    widget: s.activator && s.activator !== DEFAULT_ACTIVATOR ? { activator: s.activator } : undefined,
  })
}

const bootBase = (s: IntercomSettings): Props => compact({ app_id: s.appId, installation_type: INSTALLATION, api_base: s.apiBase || undefined, ...widget(s) })

/** The Messenger boots at load with what is known of the visitor: id, email, verification, company. */
export function initCalls(s: IntercomSettings, env?: Pick<LoadEnv, 'userId' | 'traits' | 'integrations' | 'groupId' | 'groupTraits'>): VendorCall[] {
  const traits: Props = env?.traits ?? {}
  return [
    ic(
      'boot',
      compact({
        ...bootBase(s),
        user_id: env?.userId ?? undefined,
        email: typeof traits.email === 'string' ? traits.email : undefined,
        ...verification(env?.integrations),
        company: company(env?.groupId, env?.groupTraits ?? {}),
      }),
    ),
  ]
}

const USER_FIELDS = ['id', 'userId', 'user_id', 'name', 'phone', 'email', 'createdAt', 'created_at', 'avatar', 'company', 'companies']

function identify(msg: SegmentEvent, s: IntercomSettings): VendorCall[] {
  const traits: Props = msg.traits ?? {}
  const avatar = traits.avatar
  const companies = Array.isArray(traits.companies)
    ? traits.companies.filter(isObject).map((c) => company(c.id, c)).filter(Boolean)
    : undefined
  return [
    ic(
      'update',
      compact({
        ...scalars(traits, USER_FIELDS),
        user_id: msg.userId ?? undefined,
        name: traits.name,
        phone: traits.phone,
        email: traits.email,
        created_at: unixSeconds(traits.createdAt ?? traits.created_at),
        avatar: typeof avatar === 'string' && avatar ? { type: 'avatar', image_url: avatar } : undefined,
        company: isObject(traits.company) ? company(traits.company.id, traits.company) : undefined,
        companies: companies?.length ? companies : undefined,
        ...verification(msg.integrations),
        ...widget(s, msg),
      }),
    ),
  ]
}

function track(msg: SegmentEvent, s: IntercomSettings): VendorCall[] {
  const props: Props = msg.properties ?? {}
  const revenue = toNumber(props.revenue)
  // Intercom wants the amount in cents (a whole number).
  const amount = revenue ? toNumber(Math.round(revenue * 100)) : undefined
  const rich = s.richLinkProperties ?? []
  const metadata: Props = scalars(props, amount ? ['revenue', 'currency'] : [], false)
  for (const k of Object.keys(props)) if (rich.includes(k)) put(metadata, k, props[k])
  if (amount) metadata.price = { amount, currency: props.currency || 'USD' }
  return [ic('trackEvent', msg.event, metadata)]
}

export function translate(msg: SegmentEvent, s: IntercomSettings): VendorCall[] {
  switch (msg.type) {
    case 'page':
      // A page view is an update: Intercom logs the impression and looks for new messages.
      return [ic('update', compact({ user_id: msg.userId ?? undefined, ...verification(msg.integrations), ...widget(s, msg) }))]
    case 'identify':
      return identify(msg, s)
    case 'group': {
      const c = company(msg.groupId, msg.traits ?? {})
      return c ? [ic('update', { company: c, ...widget(s, msg) })] : []
    }
    case 'track':
      return msg.event ? track(msg, s) : []
    default:
      return []
  }
}

/** Logout: the Messenger forgets the user and its conversations, then boots again for an anonymous visitor. */
export const resetCalls = (s: IntercomSettings): VendorCall[] => [ic('shutdown'), ic('boot', bootBase(s))]
