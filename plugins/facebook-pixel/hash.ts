// Replaces the Sha256 descriptors payload() built in fbq params with hex digests (blocklisted PII
// set to hash). Only those descriptors: a caller's value of the same shape stays data.
import { isObject } from '../shared/values'
import { isDescriptor, type VendorCall } from '../shared/vendor-call'
import type { Sha256 } from './translate'

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function hashMarkers(calls: VendorCall[]): Promise<VendorCall[]> {
  for (const c of calls) {
    for (const arg of c.args) {
      if (!isObject(arg)) continue
      for (const k of Object.keys(arg)) {
        const v = arg[k]
        // A page without WebCrypto (http:) gets the property dropped rather than sent in clear.
        if (isDescriptor(v, 'sha256')) arg[k] = await sha256((v as Sha256).sha256).catch(() => undefined)
      }
    }
  }
  return calls
}
