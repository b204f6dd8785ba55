// The tracking plan (`protocols`) and the privacy guard (`privacy`) load options: their code is a
// file of its own (`<cdn>/plugins/<name>.js`), loaded only when the option is given. Nothing waits
// for it but the deliveries: each event waits inside this plugin, on its way to each destination.
import type { Plugin } from '../core/plugin'
import { destinationPluginURL } from './cdn'
import { loadScript } from './load-script'
import type { PluginSourceOptions } from './destination-source'

export function lazyGuard(name: 'protocols' | 'privacy', settings: unknown, opts: PluginSourceOptions): Plugin {
  let ready: Promise<Plugin | void> | undefined
  const read = () => window.switchboardPlugins?.[name]
  return {
    name,
    type: 'before',
    isLoaded: () => true,
    load(ctx, analytics) {
      ready = Promise.resolve(read() || loadScript(destinationPluginURL(opts.cdnURL, name), { nonce: opts.nonce }).then(read))
        .then((factory) => factory!(settings as never) as Plugin)
        .then(async (p) => (await p.load(ctx, analytics), p))
        .catch((err) => opts.onError?.(name, err))
    },
    // Without its code, the privacy guard withholds every event; a tracking plan lets them through.
    beforeDestination: async (ctx, destination, event) => {
      const p = await ready
      return p ? p.beforeDestination!(ctx, destination, event) : name == 'privacy' ? null : event
    },
  }
}
