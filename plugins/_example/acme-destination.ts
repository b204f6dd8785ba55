// A device-mode destination for "Acme Analytics", a vendor whose snippet defines
// `window.acme` as a queue: acme(...) calls wait in acme.q until acme.js loads.
import type { Context, Plugin, SegmentEvent } from '../../src/types'

export interface AcmeSettings {
  siteKey: string
  /** Where acme.js comes from (tests, self-hosting). */
  scriptUrl?: string
}

/** Pure: one spec message → the arguments of each `acme(...)` call. Tested without a browser. */
export function translate(msg: SegmentEvent): unknown[][] {
  const props = msg.properties ?? {}
  switch (msg.type) {
    case 'page':
      return [['pageview', props.url]]
    case 'identify':
      return msg.userId ? [['user', msg.userId, msg.traits ?? {}]] : []
    case 'track':
      if (msg.event === 'Order Completed') return [['purchase', props.order_id, Number(props.total ?? props.revenue ?? 0)]]
      return [['event', msg.event, props]]
    default:
      return [] // group, alias, screen: Acme has no such calls
  }
}

/** The plugin factory: its own settings in, one plugin out. */
export function acmeDestination(settings: AcmeSettings): Plugin {
  const { siteKey, scriptUrl } = settings
  const w = window as any
  let loaded = false

  // Never throws: a vendor that is not there makes the event a logged no-op.
  const send = (ctx: Context) => {
    if (!loaded) ctx.log('warn', 'Acme Analytics is not loaded')
    else for (const args of translate(ctx.event)) w.acme(...args)
    return ctx
  }

  return {
    name: 'Acme Analytics', // the `integrations` key that turns it off: { 'Acme Analytics': false }
    alternativeNames: ['Acme'],
    type: 'destination',
    version: '1.0.0',
    isLoaded: () => loaded,
    load() {
      // 1. The vendor's own queue, at once, so calls made before acme.js arrives are kept.
      w.acme =
        w.acme ||
        function (...args: unknown[]) {
          ;(w.acme.q = w.acme.q || []).push(args)
        }
      w.acme('init', siteKey)
      loaded = true
      // 2. The script, without waiting for it. If it 404s or is blocked, stand down quietly.
      const script = document.createElement('script')
      script.async = true
      script.src = scriptUrl || `https://cdn.acme.example/acme.js?key=${encodeURIComponent(siteKey)}`
      script.onerror = () => (loaded = false)
      document.head.appendChild(script)
    },
    page: send,
    identify: send,
    track: send,
    reset: () => w.acme('logout'),
  }
}
