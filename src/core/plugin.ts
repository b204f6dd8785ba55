import type { Context } from './context'
import type { Analytics } from './analytics'
import type { SegmentEvent } from './types'

export type PluginType = 'before' | 'enrichment' | 'destination' | 'after' | 'utility'

/** What a plugin does with one event: return the Context (changed or not), or nothing. */
export type EventHook = (ctx: Context) => Context | void | Promise<Context | void>

/** The Analytics.js 2.0 plugin contract. */
export interface Plugin {
  /** For a destination, its display name: the `integrations` key that turns it off. */
  name: string
  type: PluginType
  version?: string
  /** Other `integrations` keys that name this destination. */
  alternativeNames?: string[]
  isLoaded(): boolean
  /** Runs once, at registration; `before` plugins are awaited, others are not waited on by events. */
  load(ctx: Context, analytics: Analytics, settings?: unknown): Promise<unknown> | unknown
  unload?(ctx: Context, analytics: Analytics): Promise<unknown> | unknown
  ready?(): Promise<unknown> | unknown
  track?: EventHook
  identify?: EventHook
  page?: EventHook
  group?: EventHook
  alias?: EventHook
  screen?: EventHook
  /**
   * `before` plugins only: the event as one destination (by name) is to receive it, called for
   * every destination, Segment.io included, after enrichment. Return it, a changed copy, or null
   * to withhold it from that destination; a throw withholds it too.
   */
  beforeDestination?(ctx: Context, destination: string, event: SegmentEvent): SegmentEvent | null | Promise<SegmentEvent | null>
  /** Optional: device-mode destinations may expose what to do on `analytics.reset()`. */
  reset?(): void
}

/**
 * A plugin factory, as remote plugins and npm destination packages export it: called with the
 * destination's settings from the CDN settings merged with the `integrations` option.
 */
export interface PluginFactory<S = Record<string, any>> {
  (settings: S): Plugin | Plugin[] | Promise<Plugin | Plugin[]>
  /** The remote plugin name this factory stands in for (so its script is not loaded). */
  pluginName?: string
}

/** A device-mode destination's factory: its own settings in, one plugin out. */
export interface DestinationFactory<S> {
  (settings: S): Plugin
  readonly pluginName: string
  /** The destination's other names (another catalog name, its Actions name): its plugin file answers to each. */
  readonly alternativeNames: readonly string[]
}
