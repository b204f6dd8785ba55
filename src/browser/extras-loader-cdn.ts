// Standalone build (rollup swaps this in for extras-loader.ts): the on-demand parts are one small
// script beside the destination plugins, `<cdn>/plugins/extras.js`.
import type { Extras } from '../extras'
import { loadScript } from '../settings/load-script'
import { DEFAULT_CDN } from '../settings/cdn'

// (A file that loaded but did not register fails where it is used, and withExtras reports it.)
export const loadExtras = (cdnURL = DEFAULT_CDN, nonce?: string): Promise<Extras> =>
  loadScript(`${cdnURL.replace(/\/+$/, '')}/plugins/extras.js`, { nonce }).then(() => (window as unknown as { switchboardExtras: Extras }).switchboardExtras)
