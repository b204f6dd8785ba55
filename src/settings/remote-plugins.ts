// `remotePlugins` from CDN settings: scripts that expose a plugin factory on `window[libraryName]`.
import type { CDNSettings, InitOptions, RemotePluginSettings } from '../core/options'
import type { PluginFactory } from '../core/plugin'
import { normalizeCDN } from './cdn'
import { isAllowedByOptions, mergeIntegrations } from './merge'
import { lazyDestination, type LazyDestination } from './lazy-destination'
import { destinationSource, type DestinationSource, type PluginSourceOptions } from './destination-source'

/**
 * How long the first events wait for remote plugins that change events (before, enrichment: a
 * session id, a throttle) to join. Which plugins a bundle holds is known only once it has run, so
 * with any remote plugin in the settings, buffered calls are replayed when every bundle has run
 * and those plugins have loaded, or after this long, whichever comes first. A bundle from the
 * settings CDN takes a few hundred ms; one later than this still joins, for the events after it.
 */
export const REMOTE_PLUGINS_WAIT_MS = 3000

/** Segment-hosted plugin URLs are fetched from the configured CDN instead (proxies, self-hosting). */
export function remotePluginURL(url: string, cdnURL: string): string {
  return url.replace(/^https:\/\/cdn\.segment\.(com|build)/, normalizeCDN(cdnURL))
}

/**
 * `obfuscate`: the same bundle under its folder name in base64 without padding, which ad blockers
 * do not list (`.../amplitude-plugins/<hash>.js` → `.../YW1wbGl0dWRlLXBsdWdpbnM/<hash>.js`). The
 * result passes the script policy like any other URL.
 */
export const obfuscatedURL = (url: string): string =>
  // escape() keeps btoa to Latin-1 (it would throw) and leaves real folder names as they are.
  url.replace(/[^/]+(?=\/[^/]*$)/, (folder) => btoa(escape(folder)).replace(/=/g, ''))

export function enabledRemotePlugins(cdn: CDNSettings, options: InitOptions): RemotePluginSettings[] {
  return (cdn.remotePlugins ?? []).filter(
    (p) => p && typeof p.url === 'string' && typeof p.libraryName === 'string' && isAllowedByOptions(options, p.creationName ?? p.name, p.name),
  )
}

/**
 * Where each remote plugin's code comes from (its download starts now). Its URL is relative to
 * the CDN and must be on the CDN's host or one the site lists in `remotePluginHosts`, and so must
 * its obfuscated copy.
 */
export function remotePluginSources(cdn: CDNSettings, options: InitOptions, opts: PluginSourceOptions): DestinationSource[] {
  const merged = mergeIntegrations(cdn.integrations, options.integrations)
  const hosts_ = Array.isArray(options.remotePluginHosts) ? options.remotePluginHosts : []
  return enabledRemotePlugins(cdn, options).map((remote) => {
    const url = remotePluginURL(remote.url, opts.cdnURL)
    return destinationSource(
      {
        name: remote.creationName ?? remote.name,
        alternativeNames: [remote.name],
        settings: { ...remote.settings, ...merged[remote.name] },
        factoryNames: [remote.name],
        src: options.obfuscate ? [obfuscatedURL(url), url] : [url],
        hosts_,
        base_: opts.cdnURL + '/',
        read: () => (window as unknown as Record<string, PluginFactory | undefined>)[remote.libraryName],
      },
      opts,
    )
  })
}

/** One lazily loaded plugin per remote plugin; a failing one is reported and skipped. */
export const remotePlugins = (cdn: CDNSettings, options: InitOptions, opts: PluginSourceOptions): LazyDestination[] =>
  remotePluginSources(cdn, options, opts).map(lazyDestination)
