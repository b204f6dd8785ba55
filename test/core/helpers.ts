import { Analytics } from '../../src/core/analytics'
import type { Context } from '../../src/core/context'
import type { Plugin } from '../../src/core/plugin'
import type { InitOptions } from '../../src/core/options'
import type { GroupLike, UserLike } from '../../src/identity/types'

/** In-memory identity with the merge rules the core relies on; keeps core tests independent of storage. */
export function memoryIdentity(anonymousId = 'anon-1'): { user: UserLike; group: GroupLike } {
  let uid: string | null = null
  let aid: string | null = anonymousId
  let traits: Record<string, any> = {}
  let gid: string | null = null
  let gtraits: Record<string, any> = {}
  const user: UserLike = {
    id(id?: string | null) {
      if (id !== undefined) {
        if (uid !== null && id !== null && id !== uid) aid = null
        uid = id
      }
      return uid
    },
    anonymousId(id?: string | null) {
      if (id !== undefined) aid = id
      if (aid === null) aid = 'anon-regenerated'
      return aid
    },
    traits(t?: Record<string, any> | null) {
      if (t !== undefined) traits = t ?? {}
      return traits
    },
    identify(id, t) {
      const prev = uid
      if (id !== undefined && id !== null) user.id(id)
      traits = prev === null || prev === uid ? { ...traits, ...(t ?? {}) } : { ...(t ?? {}) }
    },
    logout() {
      uid = null
      aid = null
      traits = {}
    },
    reset() {
      user.logout()
    },
  }
  const group: GroupLike = {
    id(id?: string | null) {
      if (id !== undefined) gid = id
      return gid
    },
    anonymousId: () => undefined,
    traits(t?: Record<string, any> | null) {
      if (t !== undefined) gtraits = t ?? {}
      return gtraits
    },
    identify(id, t) {
      if (id !== undefined && id !== null) gid = id
      gtraits = { ...gtraits, ...(t ?? {}) }
    },
    logout() {
      gid = null
      gtraits = {}
    },
    reset() {
      group.logout()
    },
  }
  return { user, group }
}

export function makeAnalytics(options: InitOptions = {}): Analytics {
  return new Analytics({ writeKey: 'WK' }, options, memoryIdentity())
}

export interface Recorder extends Plugin {
  events: Context[]
}

/** A destination plugin that records what it receives. */
export function recorder(name = 'Recorder', extra: Partial<Plugin> = {}): Recorder {
  const events: Context[] = []
  const record = (ctx: Context) => {
    events.push(ctx)
    return ctx
  }
  return {
    name,
    type: 'destination',
    version: '1.0.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: record,
    page: record,
    identify: record,
    group: record,
    alias: record,
    screen: record,
    events,
    ...extra,
  }
}
