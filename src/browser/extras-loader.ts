// The on-demand parts: extras (trackLink/trackForm, the ajs_ query string, SPA page views, debug
// warnings) and consent. Each is the copy the page already has — `import
// 'switchboard-analytics/extras'` in an npm app, or the file loaded earlier — else
// `<cdn>/plugins/<file>.js`, beside the destination plugins. Never a bundler chunk: a dynamic
// import would cost every npm app its bundler's chunk-loading runtime (about 1 KB brotli with
// webpack or Vite), used or not.
import type { Extras } from '../extras'
import type { ConsentStart } from '../consent/types'
import { loadScript } from '../settings/load-script'
import { DEFAULT_CDN } from '../settings/cdn'

// (A file that loaded but did not register fails where it is used, and its user reports it.)
const part =
  <T>(global: string, file: string) =>
  (cdnURL = DEFAULT_CDN, nonce?: string): Promise<T> => {
    const registered = () => (globalThis as Record<string, any>)[global] as T
    return Promise.resolve(registered() || loadScript(`${cdnURL.replace(/\/+$/, '')}/plugins/${file}.js`, { nonce }).then(registered))
  }

export const loadExtras = part<Extras>('switchboardExtras', 'extras')
export const loadConsent = part<ConsentStart>('switchboardConsent', 'consent')
