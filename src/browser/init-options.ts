// Checking InitOptions names: every Analytics.js 2.0 name is accepted; those Switchboard does
// not act on are reported once, in debug mode.
import type { InitOptions } from '../core/options'

/** Analytics.js 2.0 names Switchboard accepts but ignores, and why. */
const IGNORED: Record<string, string> = {
  obfuscate: 'plugin URLs are never obfuscated',
  disableAutoISOConversion: 'device-mode destinations receive the message as sent',
}

const KNOWN = new Set([
  'disableClientPersistence', 'disableAutoISOConversion', 'initialPageview', 'cookie', 'storage', 'user', 'group',
  'integrations', 'plan', 'retryQueue', 'obfuscate', 'updateCDNSettings', 'useQueryString',
  'highEntropyValuesClientHints', 'globalAnalyticsKey', 'disable',
  // Switchboard's own
  'nonce', 'trackPageChanges', 'settingsTimeout', 'delivery',
])

/** Warnings for the options given: ignored Analytics.js 2.0 options and unknown names. */
export function optionWarnings(options: InitOptions, ignored: Record<string, string> = IGNORED): string[] {
  const out: string[] = []
  for (const key of Object.keys(options)) {
    if (options[key] === undefined) continue
    if (key in ignored) out.push(`option "${key}" is not supported: ${ignored[key]}`)
    else if (!KNOWN.has(key)) out.push(`unknown option "${key}" ignored`)
  }
  return out
}
