// Fake vendor globals for the call runner: each has exactly the methods the destinations use,
// as own properties, and records every call. Anything else a call reaches fails with a TypeError.

export interface Recorded {
  path: string
  args: unknown[]
}

/** A built object (Amplitude's Identify and Revenue): its ops are recorded on the instance. */
export class Built {
  ops: [string, ...unknown[]][] = []
  constructor(readonly kind: string) {}
}

function builder(kind: string, methods: string[]) {
  const Ctor = function (this: Built) {
    Object.assign(this, new Built(kind))
  } as unknown as new () => Built
  Ctor.prototype = Object.create(Built.prototype)
  for (const m of methods) {
    Object.defineProperty(Ctor.prototype, m, {
      value(this: Built, ...args: unknown[]) {
        this.ops.push([m, ...args])
        return this
      },
    })
  }
  return Ctor
}

export function fakeVendors(): { root: Record<string, unknown>; log: Recorded[] } {
  const log: Recorded[] = []
  const fn =
    (path: string, returns?: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      log.push({ path, args })
      return returns?.(...args)
    }
  const object = (prefix: string, methods: string[], extra: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = { ...extra }
    for (const m of methods) out[m] = fn(prefix + m)
    return out
  }
  const root = {
    gtag: fn('gtag'),
    dataLayer: object('dataLayer.', ['push']),
    fbq: fn('fbq'),
    hj: fn('hj'),
    mixpanel: object('mixpanel.', ['init', 'track', 'track_links', 'track_forms', 'register', 'identify', 'name_tag', 'alias', 'reset', 'set_group'], {
      people: object('mixpanel.people.', ['set', 'union', 'increment', 'track_charge']),
      get_group: fn('mixpanel.get_group', () => object('mixpanel.group.', ['set', 'set_once'])),
    }),
    amplitude: object('amplitude.', ['init', 'track', 'revenue', 'identify', 'groupIdentify', 'setGroup', 'setUserId', 'setDeviceId', 'reset'], {
      Identify: builder('Identify', ['set', 'setOnce', 'add', 'append', 'prepend']),
      Revenue: builder('Revenue', ['setPrice', 'setQuantity', 'setProductId', 'setRevenueType', 'setCurrency', 'setEventProperties']),
    }),
    posthog: object('posthog.', ['init', 'capture', 'identify', 'setPersonProperties', 'group', 'alias', 'reset']),
    Intercom: fn('Intercom'),
    FS: fn('FS'),
    heap: object('heap.', ['track', 'identify', 'addUserProperties', 'resetIdentity']),
    _hsq: object('_hsq.', ['push']),
  }
  return { root, log }
}
