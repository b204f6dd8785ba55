// Runs just before the calls: an alias is dropped when the loaded SDK already uses that id as
// its distinct_id (or as the People distinct id), so Mixpanel never aliases a user to itself.
import type { VendorCall } from '../shared/vendor-call'

export function guardAlias(calls: VendorCall[]): Promise<VendorCall[]> {
  const mp = (window as any).mixpanel
  const known = (id: unknown) => {
    try {
      return (mp?.get_distinct_id && mp.get_distinct_id() === id) || (mp?.get_property && mp.get_property('$people_distinct_id') === id)
    } catch {
      return false
    }
  }
  return Promise.resolve(calls.filter((c) => c.fn !== 'mixpanel.alias' || !known(c.args[0])))
}
