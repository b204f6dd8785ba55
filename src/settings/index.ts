// CDN settings, plan rules, and loading code from the CDN (remote plugins, device-mode destinations).
export { DEFAULT_CDN, normalizeCDN, settingsURL, destinationSlug, destinationPluginURL } from './cdn'
export { fetchCDNSettings, SETTINGS_TIMEOUT_MS, SETTINGS_MAX_AGE_MS, REVALIDATE_DELAY_MS, type KeptSettings } from './fetch-settings'
export { defaultCDNSettings, normalizeCDNSettings, mergeIntegrations, segmentioSettings, isSegmentioEnabled, isAllowedByOptions } from './merge'
export { schemaFilter, planIntegrations, trackPlan, isPlanEventEnabled } from './plan'
export { loadScript, pageNonce, SCRIPT_TIMEOUT_MS } from './load-script'
export { lazyDestination } from './lazy-destination'
export { deviceModeDestinations, deviceModePlugins, isDeviceMode, type DeviceModeEntry } from './destinations'
export { remotePlugins, enabledRemotePlugins, remotePluginURL } from './remote-plugins'
