// `remotePlugins` from CDN settings: scripts that expose a plugin factory on `window[libraryName]`.
import type { CDNSettings, InitOptions, RemotePluginSettings } from '../core/options'
import type { Plugin, PluginFactory } from '../core/plugin'
import { normalizeCDN } from './cdn'
import { isAllowedByOptions, mergeIntegrations } from './merge'
import { loadScript } from './load-script'
import { lazyDestination } from './lazy-destination'
import { findFactory, type PluginSourceOptions } from './destinations'

/** Segment-hosted plugin URLs are fetched from the configured CDN instead (proxies, self-hosting). */
export function remotePluginURL(url: string, cdnURL: string): string {
  return url.replace(/^https:\/\/cdn\.segment\.(com|build)/, normalizeCDN(cdnURL))
}

export function enabledRemotePlugins(cdn: CDNSettings, options: InitOptions): RemotePluginSettings[] {
  return (cdn.remotePlugins ?? []).filter(
    (p) => p && typeof p.url === 'string' && typeof p.libraryName === 'string' && isAllowedByOptions(options, p.creationName ?? p.name, p.name),
  )
}

/** One lazily loaded plugin per remote plugin; a failing one is reported and skipped. */
export function remotePlugins(cdn: CDNSettings, options: InitOptions, opts: PluginSourceOptions): Plugin[] {
  const merged = mergeIntegrations(cdn.integrations, options.integrations)
  return enabledRemotePlugins(cdn, options).map((remote) => {
    const supplied = findFactory(opts.factories, remote.name)
    const name = remote.creationName ?? remote.name
    return lazyDestination({
      name,
      alternativeNames: remote.creationName && remote.creationName !== remote.name ? [remote.name] : [],
      settings: { ...remote.settings, ...merged[remote.name] },
      factory: supplied
        ? () => supplied
        : async () => {
            await loadScript(remotePluginURL(remote.url, opts.cdnURL), { nonce: opts.nonce })
            return (window as unknown as Record<string, PluginFactory | undefined>)[remote.libraryName]
          },
      onError: (err) => opts.onError?.(name, err),
    })
  })
}
