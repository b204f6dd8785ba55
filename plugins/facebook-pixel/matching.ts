// Stored traits → Meta advanced matching parameters (destinations.md §3.5). Pure.
import type { Traits } from '../../src/core/types'
import { compact, isObject, own, str, type Props } from '../shared/values'
import type { FbSettings } from './settings'

const lower = (v: unknown) => (v == null || v === '' ? undefined : str(v).toLowerCase())

/** `YYYYMMDD` from a Date or an ISO-like date string. */
function birthday(v: unknown): string | undefined {
  const iso = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : undefined
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/)
  return m ? m[1] + m[2] + m[3] : undefined
}

export interface Ids {
  userId?: string | null
  anonymousId?: string | null
}

export function advancedMatching(traits: Traits, ids: Ids, s: FbSettings): Props {
  const address: Props = isObject(traits.address) ? traits.address : {}
  const words = typeof traits.name === 'string' ? traits.name.trim().split(/\s+/) : []
  // The trait named by keyForExternalId, else (when asked) the user id or anonymous id.
  const externalId = (s.keyForExternalId && own(traits, s.keyForExternalId)) || (s.userIdAsExternalId ? ids.userId || ids.anonymousId : undefined)
  return compact({
    em: lower(traits.email),
    fn: lower(traits.firstName ?? traits.first_name ?? words[0]),
    ln: lower(traits.lastName ?? traits.last_name ?? (words.length > 1 ? words[words.length - 1] : undefined)),
    ph: traits.phone == null ? undefined : str(traits.phone),
    ge: lower(traits.gender)?.[0],
    db: birthday(traits.birthday),
    ct: lower(address.city)?.replace(/\s/g, ''),
    st: lower(address.state),
    zp: address.postalCode ?? address.postal_code,
    country: lower(address.country),
    external_id: externalId == null ? undefined : str(externalId),
  })
}
