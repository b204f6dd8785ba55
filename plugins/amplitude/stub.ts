// The Browser SDK 2 snippet's queue: every call is kept as `{ name, args }` on `amplitude._q`
// (async ones with a promise that settles after replay) until the SDK loads and replays it.
const ASYNC = ['init', 'add', 'remove', 'track', 'logEvent', 'identify', 'groupIdentify', 'setGroup', 'revenue', 'flush']
const SYNC = ['getDeviceId', 'setDeviceId', 'getSessionId', 'setSessionId', 'getUserId', 'setUserId', 'setOptOut', 'setTransport', 'reset', 'extendSession']
const IDENTIFY = ['add', 'append', 'clearAll', 'prepend', 'set', 'setOnce', 'unset', 'preInsert', 'postInsert', 'remove', 'getUserProperties']
const REVENUE = ['getEventProperties', 'setProductId', 'setQuantity', 'setPrice', 'setRevenue', 'setRevenueType', 'setReceipt', 'setReceiptSig', 'setCurrency', 'setEventProperties']

/** A class whose chainable methods record themselves on `this._q`. */
function recorder(methods: string[]) {
  const Ctor: any = function (this: any) {
    this._q = []
  }
  for (const name of methods) {
    Ctor.prototype[name] = function (...args: unknown[]) {
      this._q.push({ name, args })
      return this
    }
  }
  return Ctor
}

export function installAmplitudeStub(): void {
  const w = window as any
  if (w.amplitude?.invoked) return
  const amp: any = (w.amplitude = w.amplitude || { _q: [], _iq: {} })
  amp.invoked = true
  for (const name of ASYNC) {
    amp[name] = (...args: unknown[]) => ({
      promise: new Promise((resolve) => amp._q.push({ name, args, resolve })),
    })
  }
  for (const name of SYNC) amp[name] = (...args: unknown[]) => void amp._q.push({ name, args })
  amp.Identify = recorder(IDENTIFY)
  amp.Revenue = recorder(REVENUE)
}
