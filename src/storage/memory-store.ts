import type { Store } from './types'

export function createMemoryStore(): Store {
  const values = new Map<string, unknown>()
  return {
    type: 'memory',
    get: <T>(key: string) => (values.get(key) ?? null) as T | null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  }
}
