// Standalone build (rollup swaps this in for extras-loader.ts): the on-demand parts are one small
// script beside the destination plugins, `<cdn>/plugins/extras.js`.
import type { Extras } from '../extras'
import { loadScript } from '../settings/load-script'
import { DEFAULT_CDN } from '../settings/cdn'

export const loadExtras = (cdnURL = DEFAULT_CDN, nonce?: string): Promise<Extras> =>
  loadScript(`${cdnURL.replace(/\/+$/, '')}/plugins/extras.js`, { nonce }).then(() => {
    const extras = (window as unknown as { switchboardExtras?: Extras }).switchboardExtras
    if (!extras) throw new Error('extras.js loaded but did not register')
    return extras
  })
