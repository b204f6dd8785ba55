// The write-ahead outbox: every accepted event, in memory and mirrored to localStorage as a
// segmented log. A flush writes one new key holding just the events that changed; a segment
// whose events are all gone is removed, a partly emptied one is rewritten later, so no write
// grows with the length of the queue.
import type { Context } from '../core/context'
import type { SegmentEvent } from '../core/types'
import { byteLength } from './batcher'

export interface Entry {
  /** Context id: the key while the event moves through the pipeline. */
  id: string
  /** The message as accepted, or its wire form once `f` is set. */
  ev: SegmentEvent
  /** Accepted at (epoch ms). */
  t: number
  f?: boolean
  /** Wire JSON (without sentAt) and its UTF-8 size, once in wire form. */
  j?: string
  b?: number
  /** Chars it takes in storage. */
  s?: number
  /** Still in this tab's pipeline: the Segment.io stage will hand over its final form. */
  live?: boolean
  busy?: boolean
  seg?: Segment
  ctx?: Context
  /** Already counted as not persisted. */
  np?: boolean
}

interface Segment {
  key: string
  entries: Entry[]
}

export interface OutboxHooks {
  drop(e: Entry, reason: string, stat: string): void
  count(stat: string, n?: number): void
}

/** One segment stays below this many chars, so a rewrite is bounded and a burst is a handful of writes. */
const SEGMENT_CHARS = 1_000_000
/** Changes that are not new events (wire form, acks) are written at most this often. */
const LAZY_MS = 1000

export class Outbox {
  readonly items = new Map<string, Entry>()
  /** Chars held in storage. */
  bytes = 0
  private fresh = new Set<Entry>()
  private dirty = new Set<Segment>()
  private unsaved = new Set<Entry>()
  private seq = 0
  private queued = false
  private timer?: ReturnType<typeof setTimeout>

  constructor(
    readonly ls: Storage | undefined,
    readonly prefix: string,
    readonly tab: string,
    private limits: { maxEvents: number; maxBytes: number },
    private hooks: OutboxHooks,
  ) {}

  /** A new event: in storage by the end of the current task (one microtask write for a whole burst). */
  add(e: Entry): void {
    this.items.set(e.id, e)
    this.fresh.add(e)
    this.schedule(true)
  }

  /** An entry changed (now in wire form): its older stored form keeps it safe until the lazy write. */
  update(e: Entry): void {
    if (this.items.get(e.id) !== e) return
    this.fresh.add(e)
    this.schedule(!e.seg)
  }

  remove(e: Entry): void {
    if (this.items.get(e.id) !== e) return
    this.items.delete(e.id)
    this.fresh.delete(e)
    this.unsaved.delete(e)
    this.bytes -= e.s ?? 0
    if (e.seg) this.dirty.add(e.seg)
    // Space was freed: retry what did not fit before.
    for (const u of this.unsaved) this.fresh.add(u)
    this.unsaved.clear()
    if (e.seg || this.fresh.size) this.schedule(false)
  }

  private schedule(soon: boolean, ms = LAZY_MS): void {
    if (!soon) this.timer ??= setTimeout(() => this.persist(true), ms)
    else if (!this.queued) {
      this.queued = true
      queueMicrotask(() => {
        this.queued = false
        this.persist()
      })
    }
  }

  /**
   * Writes what changed, now (also called on page hide). A `lazy` pass writes at most one new
   * segment and leaves the rest to the next task, so catching up after a burst is no long task.
   */
  persist(lazy = false): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.bound()
    if (!this.ls) {
      // Memory only (storage unavailable or disabled): count once what could not be persisted.
      for (const e of this.fresh) if (!e.np) (e.np = true), this.hooks.count('notPersisted', 1)
      return this.fresh.clear()
    }
    let rows: string[] = []
    let group: Entry[] = []
    let chars = 0
    const flush = () => {
      if (!group.length) return
      const seg: Segment = { key: `${this.prefix}:${this.tab}:${++this.seq}`, entries: group }
      const ok = this.write(seg.key, `[${rows.join(',')}]`)
      for (const e of group) {
        if (ok) {
          if (e.seg) this.dirty.add(e.seg)
          e.seg = seg
        } else if (!e.seg) {
          this.unsaved.add(e)
          if (!e.np) this.hooks.count('notPersisted', 1)
          e.np = true
        }
      }
      rows = []
      group = []
      chars = 0
    }
    for (const e of this.fresh) {
      const row = this.encode(e)
      rows.push(row)
      group.push(e)
      this.fresh.delete(e)
      if ((chars += row.length) > SEGMENT_CHARS) {
        flush()
        if (lazy && this.fresh.size) {
          this.schedule(false, 0)
          break
        }
      }
    }
    flush()
    for (const seg of this.dirty) {
      seg.entries = seg.entries.filter((e) => e.seg === seg && this.items.get(e.id) === e)
      if (!seg.entries.length) this.erase(seg.key)
      else if (!this.write(seg.key, `[${seg.entries.map((e) => this.encode(e)).join(',')}]`)) continue
      this.dirty.delete(seg)
    }
  }

  /** Takes over segments left by tabs that are gone: re-keys them as this tab's (one copy each). */
  adopt(keys: string[]): Entry[] {
    const added: Entry[] = []
    for (const key of keys) {
      let raw: string | null = null
      let rows: [string, number, number, SegmentEvent][] = []
      try {
        raw = this.ls!.getItem(key)
        rows = JSON.parse(raw ?? '[]')
      } catch {
        this.hooks.count('unreadable', 1)
      }
      const seg: Segment = { key: `${this.prefix}:${this.tab}:${++this.seq}`, entries: [] }
      for (const [id, t, f, ev] of Array.isArray(rows) ? rows : []) {
        if (!ev || typeof ev !== 'object' || this.items.has(id)) continue
        const e: Entry = { id, t, f: !!f, ev, seg }
        this.items.set(id, e)
        seg.entries.push(e)
        added.push(e)
      }
      if (raw && seg.entries.length && !this.write(seg.key, raw)) {
        // Could not copy: keep the old key (still safe there) and mark the entries for a fresh write.
        for (const e of seg.entries) (e.seg = undefined), this.fresh.add(e)
        continue
      }
      const share = Math.ceil((raw?.length ?? 0) / (rows.length || 1))
      for (const e of seg.entries) this.bytes += e.s = share
      this.erase(key)
    }
    return added
  }

  /** Segment keys in storage written by tabs not in `live`. */
  foreignKeys(live: Set<string>): string[] {
    const out: string[] = []
    const ls = this.ls
    const head = `${this.prefix}:`
    try {
      for (let i = 0; ls && i < ls.length; i++) {
        const key = ls.key(i)
        if (!key?.startsWith(head)) continue
        const owner = key.slice(head.length, key.lastIndexOf(':'))
        if (!live.has(owner)) out.push(key)
      }
    } catch {
      /* storage went away */
    }
    return out
  }

  /** Ensures an entry in wire form has its JSON and size. */
  json(e: Entry): string {
    if (!e.j) {
      e.j = JSON.stringify(e.ev)
      e.b = byteLength(e.j)
    }
    return e.j
  }

  stop(): void {
    clearTimeout(this.timer)
  }

  private encode(e: Entry): string {
    const row = `[${JSON.stringify(e.id)},${e.t},${e.f ? 1 : 0},${e.f ? this.json(e) : JSON.stringify(e.ev)}]`
    this.bytes += row.length - (e.s ?? 0)
    e.s = row.length
    return row
  }

  /** Bounds: beyond maxEvents / maxBytes the oldest events not in a request go, each counted. */
  private bound(): void {
    const { maxEvents, maxBytes } = this.limits
    for (const e of this.items.values()) {
      if (this.items.size <= maxEvents && this.bytes <= maxBytes) return
      if (!e.busy) this.hooks.drop(e, 'outbox full: oldest event dropped', 'overflow')
    }
  }

  private write(key: string, value: string): boolean {
    if (!this.ls) return false
    try {
      this.ls.setItem(key, value)
      this.hooks.count('storageWrites', 1)
      return true
    } catch {
      return false
    }
  }

  private erase(key: string): void {
    try {
      this.ls?.removeItem(key)
      this.hooks.count('storageWrites', 1)
    } catch {
      /* gone already */
    }
  }
}
