// Where a destination's code comes from: a factory the page passed in `plugins` (npm), or a script
// on the CDN whose download starts at once (without consent in play), in parallel with the
// on-demand parts that will run it (lazy-destination.ts, in extras.js). Neither waits for the other.
import type { PluginFactory } from '../core/plugin'
import type { LazyDestinationOptions } from './lazy-destination'
import { loadScript, type LoadScriptOptions } from './load-script'

export interface PluginSourceOptions {
  cdnURL: string
  nonce?: string
  /** Factories the page passed in `plugins` (npm): used instead of downloading. */
  factories?: PluginFactory[]
  onError?: (name: string, err: unknown) => void
  /**
   * Start downloading now, in parallel with the code that runs it; otherwise when the destination
   * loads (behind consent: once the visitor allows it).
   */
  now?: boolean
}

export interface ScriptDestination extends Pick<LoadScriptOptions, 'hosts_' | 'base_'> {
  name: string
  alternativeNames?: string[]
  settings: Record<string, unknown>
  /** Names a factory passed in `plugins` may carry as its `pluginName` to be used instead of the script. */
  factoryNames: string[]
  /**
   * Where the plugin's script is, a later URL tried when the one before fails; `hosts_` and
   * `base_` say where each may come from (load-script.ts).
   */
  src: string[]
  /** Reads the factory the script defined. */
  read: () => PluginFactory | undefined
}

/** A destination whose code is on its way: what a lazy destination is made from. */
export type DestinationSource = LazyDestinationOptions

export function destinationSource(d: ScriptDestination, opts: PluginSourceOptions): DestinationSource {
  const supplied = opts.factories?.find((f) => d.factoryNames.includes(f.pluginName!))
  let code: Promise<PluginFactory | undefined> | undefined
  // Each URL once the one before failed (the first at once); the last one's failure is reported,
  // by the lazy destination, when it asks for the code. A slow CDN only makes this destination late.
  const fetchCode = () =>
    (code ??= d.src.reduce((tried: Promise<unknown>, src) => tried.catch(() => loadScript(src, { ...d, nonce: opts.nonce })), Promise.reject()).then(d.read))
  if (!supplied && opts.now) fetchCode().catch(() => {})
  return {
    name: d.name,
    alternativeNames: d.alternativeNames,
    settings: d.settings,
    factory: () => supplied ?? fetchCode(),
    onError: (err) => opts.onError?.(d.name, err),
  }
}
