import type { Store } from './types'

/** The same value in two stores? Ids are strings; anything else compares by its JSON. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Older writers stored numeric ids as numbers; ids are strings. */
const asId = <T>(value: unknown): T | null => (typeof value === 'number' ? String(value) : value) as T | null

const present = (value: unknown) => value !== null && value !== undefined && value !== ''

/**
 * Several stores in priority order. Writes go to every store, so a value survives when one
 * store is cleared or breaks; reads take the first store that has the value. Stores never
 * throw, and an in-memory store at the end catches whatever the others could not keep.
 */
export class UniversalStorage {
  /** Repairs already attempted, per store and key: a store that silently drops writes is not retried on every read. */
  private repaired_ = new Map<string, unknown>()

  constructor(public readonly stores: Store[]) {}

  get<T = unknown>(key: string): T | null {
    for (const store of this.stores) {
      const value = store.get<T>(key)
      if (value !== null && value !== undefined) return value
    }
    return null
  }

  set(key: string, value: unknown): void {
    this.stores.forEach((store, i) => {
      this.repaired_.delete(i + key)
      store.set(key, value)
    })
  }

  clear(key: string): void {
    this.stores.forEach((store, i) => {
      this.repaired_.delete(i + key)
      store.remove(key)
    })
  }

  /** First value in priority order, written back to stores that lost or disagree with it. */
  getAndSync<T = unknown>(key: string): T | null {
    return this.sync_<T>(key, false)
  }

  /**
   * Like getAndSync, but a cookie value wins a disagreement: only a cookie is shared across
   * subdomains, so it is the one every page of the site agrees on. Empty strings count as absent.
   */
  getConsistent<T = unknown>(key: string): T | null {
    return this.sync_<T>(key, true)
  }

  private sync_<T>(key: string, cookieWins: boolean): T | null {
    const values = this.stores.map((store) => store.get(key))
    let winner: unknown = null
    for (let i = 0; i < values.length; i++) {
      if (!(cookieWins ? present(values[i]) : values[i] !== null && values[i] !== undefined)) continue
      if (winner === null) winner = values[i]
      if (cookieWins && this.stores[i].type === 'cookie') {
        winner = values[i]
        break
      }
    }
    winner = asId(winner)
    // Write only where the store differs: steady-state reads cost no writes.
    for (let i = 0; i < values.length; i++) {
      const id = i + key
      if (same(values[i], winner) || (this.repaired_.has(id) && same(this.repaired_.get(id), winner))) continue
      this.repaired_.set(id, winner)
      this.stores[i].set(key, winner)
    }
    return winner as T | null
  }
}
