// Every Analytics.js 2.0 InitOptions name is accepted; those Switchboard does not act on are
// reported once, in debug mode.
import type { AnalyticsSettings, InitOptions } from '../core/options'

/** One warning per Analytics.js 2.0 option Switchboard accepts but ignores, saying why. */
export function optionWarnings(options: InitOptions, settings: AnalyticsSettings): string[] {
  const out: string[] = []
  if (options.disableAutoISOConversion !== undefined) {
    out.push('option "disableAutoISOConversion" is not supported: device-mode destinations receive the message as sent')
  }
  if (settings.classicIntegrations?.length) out.push('classicIntegrations are not supported: use device-mode plugins')
  return out
}
