// npm build: the on-demand parts come as a separate chunk through the bundler.
import type { Extras } from '../extras'

export const loadExtras = (_cdnURL?: string, _nonce?: string): Promise<Extras> => import('../extras').then((m) => m.extras)
