// Replaces `{ $sha256 }` markers in fbq params with hex digests (blocklisted PII set to hash).
import { isObject } from '../shared/values'
import type { VendorCall } from '../shared/vendor-call'

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function hashMarkers(calls: VendorCall[]): Promise<VendorCall[]> {
  for (const c of calls) {
    for (const arg of c.args) {
      if (!isObject(arg)) continue
      for (const k in arg) {
        const v = arg[k]
        // A page without WebCrypto (http:) gets the property dropped rather than sent in clear.
        if (isObject(v) && '$sha256' in v) arg[k] = await sha256(v.$sha256).catch(() => undefined)
      }
    }
  }
  return calls
}
