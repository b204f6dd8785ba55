import type { Context } from './context'
import type { Analytics } from './analytics'

export type PluginType = 'before' | 'enrichment' | 'destination' | 'after' | 'utility'

type EventHook = (ctx: Context) => Context | void | Promise<Context | void>

/** The Analytics.js 2.0 plugin contract. */
export interface Plugin {
  name: string
  type: PluginType
  version?: string
  alternativeNames?: string[]
  isLoaded(): boolean
  load(ctx: Context, analytics: Analytics, settings?: unknown): Promise<unknown> | unknown
  unload?(ctx: Context, analytics: Analytics): Promise<unknown> | unknown
  ready?(): Promise<unknown> | unknown
  track?: EventHook
  identify?: EventHook
  page?: EventHook
  group?: EventHook
  alias?: EventHook
  screen?: EventHook
  /** Optional: device-mode destinations may expose what to do on `analytics.reset()`. */
  reset?(): void
  [key: string]: unknown
}

/** A plugin factory, as remote plugins and npm destination packages export it. */
export type PluginFactory = ((settings: Record<string, unknown>) => Plugin | Plugin[] | Promise<Plugin | Plugin[]>) & {
  pluginName?: string
}
