// `remotePlugins` from CDN settings: scripts that expose a plugin factory on `window[libraryName]`.
import type { CDNSettings, InitOptions, RemotePluginSettings } from '../core/options'
import type { Plugin, PluginFactory } from '../core/plugin'
import { normalizeCDN } from './cdn'
import { isAllowedByOptions, mergeIntegrations } from './merge'
import { scriptDestination, type PluginSourceOptions } from './lazy-destination'

/** Segment-hosted plugin URLs are fetched from the configured CDN instead (proxies, self-hosting). */
export function remotePluginURL(url: string, cdnURL: string): string {
  return url.replace(/^https:\/\/cdn\.segment\.(com|build)/, normalizeCDN(cdnURL))
}

export function enabledRemotePlugins(cdn: CDNSettings, options: InitOptions): RemotePluginSettings[] {
  return (cdn.remotePlugins ?? []).filter(
    (p) => p && typeof p.url === 'string' && typeof p.libraryName === 'string' && isAllowedByOptions(options, p.creationName ?? p.name, p.name),
  )
}

/**
 * One lazily loaded plugin per remote plugin; a failing one is reported and skipped. Its URL is
 * relative to the CDN and must be on the CDN's host or one the site lists in `remotePluginHosts`.
 */
export function remotePlugins(cdn: CDNSettings, options: InitOptions, opts: PluginSourceOptions): Plugin[] {
  const merged = mergeIntegrations(cdn.integrations, options.integrations)
  const hosts_ = Array.isArray(options.remotePluginHosts) ? options.remotePluginHosts : []
  return enabledRemotePlugins(cdn, options).map((remote) =>
    scriptDestination(
      {
        name: remote.creationName ?? remote.name,
        alternativeNames: remote.creationName && remote.creationName !== remote.name ? [remote.name] : [],
        settings: { ...remote.settings, ...merged[remote.name] },
        factoryNames: [remote.name],
        src: remotePluginURL(remote.url, opts.cdnURL),
        hosts_,
        base_: opts.cdnURL + '/',
        read: () => (window as unknown as Record<string, PluginFactory | undefined>)[remote.libraryName],
      },
      opts,
    ),
  )
}
