// Every Analytics.js 2.0 InitOptions name is accepted; those Switchboard does not act on are
// reported once, in debug mode.
import type { AnalyticsSettings, InitOptions } from '../core/options'

/** Analytics.js 2.0 names Switchboard accepts but ignores, and why. */
const IGNORED: Partial<Record<keyof InitOptions, string>> = {
  obfuscate: 'plugin URLs are never obfuscated',
  disableAutoISOConversion: 'device-mode destinations receive the message as sent',
}

/** One warning per ignored option that was given. */
export function optionWarnings(options: InitOptions, settings: AnalyticsSettings): string[] {
  const out = (Object.keys(IGNORED) as (keyof InitOptions)[])
    .filter((key) => options[key] !== undefined)
    .map((key) => `option "${key}" is not supported: ${IGNORED[key]}`)
  if (settings.classicIntegrations?.length) out.push('classicIntegrations are not supported: use device-mode plugins')
  return out
}
