// The on-demand parts (trackLink/trackForm, the ajs_ query string, SPA page views, debug
// warnings): those the page already has — `import 'switchboard-analytics/extras'` in an npm app,
// or extras.js loaded earlier — else `<cdn>/plugins/extras.js`, beside the destination plugins.
// Never a bundler chunk: a dynamic import would cost every npm app its bundler's chunk-loading
// runtime (about 1 KB brotli with webpack or Vite), used or not.
import type { Extras } from '../extras'
import { loadScript } from '../settings/load-script'
import { DEFAULT_CDN } from '../settings/cdn'

const registered = () => (globalThis as { switchboardExtras?: Extras }).switchboardExtras

// (A file that loaded but did not register fails where it is used, and withExtras reports it.)
export const loadExtras = (cdnURL = DEFAULT_CDN, nonce?: string): Promise<Extras> =>
  Promise.resolve(registered() || loadScript(`${cdnURL.replace(/\/+$/, '')}/plugins/extras.js`, { nonce }).then(registered as () => Extras))
