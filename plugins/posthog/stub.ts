// The posthog-js snippet's queue: `window.posthog` is an array recording `[method, ...args]`
// (with `_i` holding init calls) until array.js loads and replays it.
const METHODS =
  'capture identify alias group reset register register_once register_for_session unregister opt_out_capturing has_opted_out_capturing opt_in_capturing setPersonProperties setPersonPropertiesForFlags resetPersonPropertiesForFlags setGroupPropertiesForFlags resetGroupPropertiesForFlags resetGroups isFeatureEnabled getFeatureFlag getFeatureFlagPayload reloadFeatureFlags onFeatureFlags onSessionId people.set people.set_once'

export function installPostHogStub(): void {
  const w = window as any
  if (w.posthog?.__SV) return
  const ph: any = (w.posthog = [])
  ph._i = []
  ph.__SV = 1
  ph.init = (token: string, config: unknown, name?: string) => {
    const target: any = name ? (ph[name] = []) : ph
    target.people = target.people || []
    for (const path of METHODS.split(' ')) {
      const [head, tail] = path.split('.')
      const owner = tail ? target.people : target
      const method = tail || head
      // Like the snippet: people methods are queued on the instance as `people.set`.
      owner[method] = (...args: unknown[]) => target.push([path, ...args])
    }
    ph._i.push([token, config, name])
  }
}
