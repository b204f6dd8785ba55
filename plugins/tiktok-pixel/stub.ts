// TikTok's pixel snippet, without the script tag (the plugin shell injects events.js): `ttq` is an
// array whose methods queue `[method, ...args]`, and each pixel loaded with `ttq.load(id)` has its
// own queue, `ttq._i[id]`, reached through `ttq.instance(id)`.
const METHODS = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie']
export const TIKTOK_SDK = 'https://analytics.tiktok.com/i18n/pixel/events.js'

export function installTikTokStub(): void {
  const w = window as any
  if (w.ttq) return
  w.TiktokAnalyticsObject = 'ttq'
  const ttq: any = (w.ttq = [])
  const defer = (target: any, method: string) => {
    target[method] = function () {
      // eslint-disable-next-line prefer-rest-params
      target.push([method, ...arguments])
    }
  }
  ttq.methods = METHODS
  ttq.setAndDefer = defer
  for (const m of METHODS) defer(ttq, m)
  ttq.instance = (id: string) => {
    const queue = ttq._i[id] || []
    for (const m of METHODS) defer(queue, m)
    return queue
  }
  ttq.load = (id: string, options?: object) => {
    ttq._i = ttq._i || {}
    ttq._i[id] = []
    ttq._i[id]._u = TIKTOK_SDK
    ;(ttq._t = ttq._t || {})[id] = +new Date()
    ;(ttq._o = ttq._o || {})[id] = options || {}
    // The partner TikTok attributes the pixel's events to, as Segment's destination sets it.
    ttq._partner = ttq._partner || 'Segment'
  }
}
