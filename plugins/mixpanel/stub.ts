// The mixpanel-js snippet's queue: `window.mixpanel` is an array that records
// `[method, ...args]` until the SDK loads and replays it (with `_i` holding init calls).
const METHODS =
  'disable time_event track track_pageview track_links track_forms register register_once alias unregister identify name_tag set_config reset opt_in_tracking opt_out_tracking has_opted_in_tracking has_opted_out_tracking clear_opt_in_out_tracking start_batch_senders set_group add_group remove_group track_with_groups people.set people.set_once people.unset people.increment people.append people.union people.track_charge people.clear_charges people.delete_user people.remove'
const GROUP_METHODS = ['set', 'set_once', 'union', 'unset', 'remove', 'delete']

export function installMixpanelStub(): void {
  const w = window as any
  if (w.mixpanel?.__SV) return
  const mp: any = (w.mixpanel = [])
  mp._i = []
  mp.__SV = 1.2
  mp.init = (token: string, config: unknown, name?: string) => {
    const target: any = name ? (mp[name] = []) : mp
    target.people = target.people || []
    for (const path of METHODS.split(' ')) {
      const [head, tail] = path.split('.')
      const owner = tail ? target[head] : target
      const method = tail || head
      owner[method] = (...args: unknown[]) => owner.push([method, ...args])
    }
    target.get_group = (...groupArgs: unknown[]) => {
      const group: any = {}
      for (const m of GROUP_METHODS) group[m] = (...args: unknown[]) => target.push([['get_group', ...groupArgs], [m, ...args]])
      return group
    }
    mp._i.push([token, config, name])
  }
}
