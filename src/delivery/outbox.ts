// The write-ahead outbox: every accepted event, in memory and mirrored to localStorage as a
// segmented log. The task that accepts events writes one new key holding just those events;
// newer forms of stored events, and segments emptied by acks, are written in a later task (in
// passes of bounded size) or when the page hides, so no write in the task of an input handler
// grows with the length of the queue.
import type { Entry, OutboxHooks, Segment, StoredRow } from './types'
import { byteLength } from './batcher'

export type { Entry, OutboxHooks }

/** One segment stays below this many chars, so a rewrite is bounded and a burst is a handful of writes. */
const SEGMENT_CHARS = 1_000_000
/** A lazy pass writes about this much, then yields: catching up after a burst makes no long task. */
const LAZY_CHARS = 256_000
/** Changes that are not new events (wire form, acks) are written at most this often. */
const LAZY_MS = 1000

export interface Outbox {
  readonly items_: Map<string, Entry>
  readonly storage_: Storage | undefined
  /** A new event: in storage by the end of the current task (one microtask write for a whole burst, holding only that burst). */
  add_(e: Entry): void
  /** An entry changed (now in wire form): its older stored form keeps it safe until the lazy write. */
  update_(e: Entry): void
  remove_(e: Entry): void
  /**
   * Writes what changed, now (also called on page hide). A `lazy` pass writes about LAZY_CHARS
   * and leaves the rest to the next task, so catching up after a burst is no long task.
   */
  persist_(lazy?: boolean): void
  /**
   * Makes rows other tabs (or Analytics.js 2.0) left this tab's: added and written at once under
   * this tab's keys. `forget` removes the old copy, once each row is stored here or gone (dropped,
   * as any event may be); until then it stays, safe, where it was. Returns how many were new here.
   */
  take_(rows: StoredRow[], forget: () => void): number
  /** Ensures an entry in wire form has its JSON and size; '' when it was dropped instead (cannot be serialised). */
  wireJson_(e: Entry): string
  stop_(): void
}

export function createOutbox(
  ls: Storage | undefined,
  prefix: string,
  tab: string,
  limits: { maxEvents_: number; maxBytes_: number },
  hooks: OutboxHooks,
): Outbox {
  const items = new Map<string, Entry>()
  /** Accepted in this task: the write-ahead stores exactly these, however much else is pending. */
  const accepted = new Set<Entry>()
  /** Stored in an older form, or not stored yet for want of space: left to the lazy write. */
  const fresh = new Set<Entry>()
  const dirty = new Set<Segment>()
  const unsaved = new Set<Entry>()
  /** Chars held in storage. */
  let bytes = 0
  let seq = 0
  let queued = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const newKey = () => `${prefix}:${tab}:${++seq}`

  const schedule = (soon: boolean, ms = LAZY_MS) => {
    if (!soon) timer ??= setTimeout(() => persist(true), ms)
    else if (!queued) {
      queued = true
      queueMicrotask(() => {
        queued = false
        persist(false, true)
      })
    }
  }

  const write = (key: string, value: string): boolean => {
    try {
      ls!.setItem(key, value)
      hooks.count_('storageWrites')
      return true
    } catch {
      return false
    }
  }

  const erase = (key: string) => {
    try {
      ls?.removeItem(key)
      hooks.count_('storageWrites')
    } catch {
      /* gone already */
    }
  }

  /**
   * The JSON of an entry's message, kept until its form changes; '' when it cannot be serialised
   * (a middleware or plugin made it circular or gave it a BigInt after it was accepted): that event
   * alone is dropped, with the reason.
   */
  const json = (e: Entry): string => {
    if (!e.json_) {
      try {
        e.json_ = JSON.stringify(e.event_)
      } catch (err) {
        hooks.drop_(e, `message cannot be serialised: ${err}`, 'unserializable')
        return ''
      }
      e.bytes_ = byteLength(e.json_)
    }
    return e.json_
  }

  const encode = (e: Entry): string => {
    const j = json(e)
    if (!j) return ''
    const row = `[${JSON.stringify(e.id)},${e.acceptedAt_},${e.wireForm_ ? 1 : 0},${j}]`
    bytes += row.length - (e.storedChars_ ?? 0)
    e.storedChars_ = row.length
    return row
  }

  const rows = (list: Entry[]) => `[${list.map(encode).filter(Boolean).join(',')}]`

  /** Rows of a new segment: new events in one native call (the burst case), wire JSON by concatenation. */
  const rowsOf = (group: Entry[]): string => {
    if (!group.some((e) => e.json_))
      try {
        const value = JSON.stringify(group.map((e) => [e.id, e.acceptedAt_, e.wireForm_ ? 1 : 0, e.event_]))
        const share = value.length / group.length
        for (const e of group) (bytes += share - (e.storedChars_ ?? 0)), (e.storedChars_ = share)
        return value
      } catch {
        // One of them cannot be serialised: row by row, so only that one is dropped.
      }
    return rows(group)
  }

  /** Bounds: beyond maxEvents / maxBytes the oldest events not in a request go, each counted. */
  const bound = () => {
    for (const e of items.values()) {
      if (items.size <= limits.maxEvents_ && bytes <= limits.maxBytes_) return
      if (!e.sending_) hooks.drop_(e, 'outbox full: oldest event dropped', 'overflow')
    }
  }

  /** `ahead`: the write-ahead, at the end of the task that accepted events; it writes those and nothing else. */
  const persist = (lazy = false, ahead = false): void => {
    if (!ahead) {
      clearTimeout(timer)
      timer = undefined
      for (const e of accepted) fresh.add(e)
      accepted.clear()
    }
    const src = ahead ? accepted : fresh
    bound()
    if (!ls) {
      // Memory only (storage unavailable or disabled): count once what could not be persisted.
      for (const e of src) if (!e.notPersistedCounted_) (e.notPersistedCounted_ = true), hooks.count_('notPersisted')
      return src.clear()
    }
    const limit = lazy ? LAZY_CHARS : SEGMENT_CHARS
    let budget = lazy ? LAZY_CHARS : Infinity
    let group: Entry[] = []
    let chars = 0
    const flush = () => {
      if (!group.length) return
      const seg: Segment = { key_: newKey(), entries_: group }
      const value = rowsOf(group)
      const ok = write(seg.key_, value)
      for (const e of group) {
        if (items.get(e.id) !== e) continue
        if (ok) {
          if (e.segment_) dirty.add(e.segment_)
          e.segment_ = seg
        } else if (!e.segment_) {
          unsaved.add(e)
          if (!e.notPersistedCounted_) hooks.count_('notPersisted')
          e.notPersistedCounted_ = true
        }
      }
      budget -= value.length
      group = []
      chars = 0
    }
    for (const e of src) {
      group.push(e)
      src.delete(e)
      // New events' size is not known before they are serialised: count a typical one.
      if ((chars += e.json_ ? e.json_.length : 600) > limit) {
        flush()
        if (budget <= 0) break
      }
    }
    flush()
    // Rewrites and clean-up never run in the task that accepted events.
    for (const seg of dirty) {
      if (ahead || budget <= 0) break
      seg.entries_ = seg.entries_.filter((e) => e.segment_ === seg && items.get(e.id) === e)
      if (!seg.entries_.length) erase(seg.key_)
      else {
        const value = rows(seg.entries_)
        budget -= value.length
        if (!write(seg.key_, value)) continue
      }
      dirty.delete(seg)
    }
    bound()
    if (fresh.size || dirty.size) schedule(false, budget <= 0 ? 0 : LAZY_MS)
  }

  return {
    items_: items,
    storage_: ls,
    add_(e) {
      items.set(e.id, e)
      accepted.add(e)
      schedule(true)
    },
    update_(e) {
      // Not stored yet: the write-ahead takes its newest form anyway.
      if (items.get(e.id) !== e || accepted.has(e)) return
      fresh.add(e)
      schedule(false)
    },
    remove_(e) {
      if (items.get(e.id) !== e) return
      items.delete(e.id)
      accepted.delete(e)
      fresh.delete(e)
      unsaved.delete(e)
      bytes -= e.storedChars_ ?? 0
      if (e.segment_) dirty.add(e.segment_)
      // Space was freed: retry what did not fit before.
      for (const u of unsaved) fresh.add(u)
      unsaved.clear()
      if (e.segment_ || fresh.size) schedule(false)
    },
    persist_: persist,
    take_(rows, forget) {
      const taken: Entry[] = []
      for (const row of rows) {
        // What others left is data we don't control: anything but a well-formed row is skipped.
        const [id, t, f, ev] = Array.isArray(row) ? row : []
        if (!ev || typeof ev !== 'object' || typeof id !== 'string' || items.has(id)) continue
        const e: Entry = { id, acceptedAt_: Number(t) || Date.now(), wireForm_: !!f, event_: ev }
        items.set(id, e)
        fresh.add(e)
        taken.push(e)
      }
      persist()
      if (taken.every((e) => e.segment_ || items.get(e.id) !== e)) forget()
      return taken.length
    },
    wireJson_: json,
    stop_: () => clearTimeout(timer),
  }
}
