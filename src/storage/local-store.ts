import type { Store } from './types'
import { decodeStored } from './decode'
import { warnStore } from './warn'

/**
 * localStorage, JSON-encoded as Analytics.js 2.0 writes it (`"\"abc\""`, `null` as `"null"`).
 * Accessing `localStorage` itself can throw (disabled storage, sandboxed frames), so every
 * touch is guarded.
 */
export function createLocalStore(): Store {
  return {
    type: 'localStorage',
    get<T>(key: string): T | null {
      try {
        const raw = localStorage.getItem(key)
        return raw === null ? null : (decodeStored(raw) as T | null)
      } catch (err) {
        warnStore('localStorage', 'read', err)
        return null
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value))
      } catch (err) {
        warnStore('localStorage', 'write', err)
      }
    },
    remove(key) {
      try {
        localStorage.removeItem(key)
      } catch (err) {
        warnStore('localStorage', 'remove', err)
      }
    },
  }
}
