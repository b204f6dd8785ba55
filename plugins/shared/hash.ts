// SHA-256 values in vendor calls: a translator puts sha256(text) where a hex digest belongs, and the
// destination's `prepare` (hashMarkers) replaces each before the call runs (WebCrypto is async,
// translate() is pure). Only those descriptors: a caller's value of the same shape stays data.
import { isObject } from './values'
import { isDescriptor, markDescriptor, type VendorCall } from './vendor-call'

/** A value to be replaced by the SHA-256 hex digest of `sha256`. */
export interface Sha256 {
  readonly sha256: string
}

export const sha256 = (text: string): Sha256 => markDescriptor('sha256', { sha256: text })

async function digest(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Replaces the sha256() values in the calls' object arguments (and their chained calls') with digests. */
export async function hashMarkers(calls: VendorCall[]): Promise<VendorCall[]> {
  for (let c of calls as (VendorCall | undefined)[]) {
    for (; c; c = c.then) {
      for (const arg of c.args) {
        if (!isObject(arg)) continue
        for (const k of Object.keys(arg)) {
          const v = arg[k]
          // A page without WebCrypto (http:) gets the property dropped rather than sent in clear.
          if (isDescriptor(v, 'sha256')) arg[k] = await digest((v as Sha256).sha256).catch(() => undefined)
        }
      }
    }
  }
  return calls
}
