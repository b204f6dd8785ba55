import type { HighEntropyHint } from '../core/options'

interface UserAgentData {
  toJSON(): Record<string, unknown>
  getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>>
}

const uaData = (): UserAgentData | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator as unknown as { userAgentData?: UserAgentData }).userAgentData

/** Low-entropy client hints (`{brands, mobile, platform}`), or undefined where unsupported. */
export function lowEntropyHints(): Record<string, unknown> | undefined {
  try {
    return uaData()?.toJSON()
  } catch {
    return undefined
  }
}

/** The requested high-entropy hints (which include the low-entropy ones), falling back to low entropy. */
export async function highEntropyHints(hints: HighEntropyHint[]): Promise<Record<string, unknown> | undefined> {
  const data = uaData()
  if (!data) return undefined
  try {
    return await data.getHighEntropyValues(hints)
  } catch {
    return lowEntropyHints()
  }
}
