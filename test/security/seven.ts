// All seven device-mode destinations on a real Analytics instance in jsdom, their vendors' own
// stubs on window (the scripts never load here), and traps that record any attempt to run code.
import { Analytics } from '../../src/core/analytics'
import type { Context } from '../../src/core/context'
import type { Plugin } from '../../src/core/plugin'
import ga4 from '../../plugins/google-analytics-4-web'
import gtm from '../../plugins/google-tag-manager'
import facebookPixel from '../../plugins/facebook-pixel'
import mixpanel from '../../plugins/mixpanel'
import amplitude from '../../plugins/amplitude'
import hotjar from '../../plugins/hotjar'
import posthog from '../../plugins/posthog'

const w = window as any
export const VENDOR_GLOBALS = ['dataLayer', 'gtag', 'fbq', '_fbq', 'mixpanel', 'amplitude', 'hj', '_hjSettings', 'posthog']

/** The classic attack: `new Function()`, then `.constructor(code)` and a call of what it returns. */
export const CODE = 'window.__pwned = 1'
export const PAYLOAD = { $new: 'Function', ops: [['constructor', CODE], ['call']] }

export async function allSeven(): Promise<Analytics> {
  const analytics = new Analytics({ writeKey: 'WK' })
  analytics.debug(true)
  const plugins = [
    ga4({ measurementID: 'G-1' }),
    gtm({ containerId: 'GTM-1' }),
    // Settings maps are plain objects: looking an event name up in them must not reach Object.prototype.
    facebookPixel({ pixelId: '42', initWithExistingTraits: true, blacklistPiiProperties: [{ propertyName: 'member', hashProperty: true }], standardEvents: { 'Signed Up': 'CompleteRegistration' } }),
    mixpanel({ token: 'tok', people: true }),
    amplitude({ apiKey: 'key' }),
    hotjar({ hjid: 1 }),
    posthog({ apiKey: 'phc' }),
  ] as Plugin[]
  await analytics.register(...plugins)
  return analytics
}

/** Vendor globals, scripts, the attack's flag and the stored identity (traits would carry over). */
export function clearVendors(): void {
  localStorage.clear()
  for (const c of document.cookie.split(';')) document.cookie = c.split('=')[0].trim() + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  for (const g of VENDOR_GLOBALS) delete w[g]
  document.querySelectorAll('script').forEach((s) => s.remove())
  delete w.__pwned
}

/** Every vendor queue as JSON (`arguments` objects as arrays), to find what each vendor was given. */
export function vendorQueues(): Record<string, string> {
  const json = (v: unknown) => JSON.stringify(v, (_k, x) => (Object.prototype.toString.call(x) === '[object Arguments]' ? Array.from(x) : x))
  return {
    'dataLayer (GA4, GTM)': json(w.dataLayer),
    fbq: json(w.fbq?.queue),
    mixpanel: json([...Array.from(w.mixpanel ?? []), ...Array.from(w.mixpanel?.people ?? [], (c: unknown[]) => ['people.' + c[0], ...c.slice(1)])]),
    amplitude: json(w.amplitude?._q),
    hj: json(w.hj?.q ?? []),
    posthog: json(Array.from(w.posthog ?? [])),
  }
}

/** Warnings the destinations left on a Context: a vendor call that failed, a plugin that threw. */
export const destinationFailures = (ctx: Context): string[] =>
  ctx
    .logs()
    .map((l) => l.message)
    .filter((m) => /vendor call failed|failed on|did not finish/.test(m))

/**
 * Replaces the ways to turn a string into code with recorders: `Function` (the global and
 * `Function.prototype.constructor`, which `fn.constructor(code)` reaches) and `eval`.
 * `reached` lists what got to them; `restore()` puts the real ones back.
 */
export function installCodeTraps(): { reached: string[]; restore: () => void } {
  const reached: string[] = []
  const RealFunction = Function
  const realEval = globalThis.eval
  const fake = new Proxy(RealFunction, {
    apply: (_t, _this, args) => (reached.push(`Function(${args.join(', ')})`), () => undefined),
    construct: (_t, args) => (reached.push(`new Function(${args.join(', ')})`), () => undefined),
  })
  const fakeEval = (code: unknown) => void reached.push(`eval(${String(code)})`)
  const targets = [globalThis as any, w].filter((t, i, all) => all.indexOf(t) === i)
  for (const t of targets) {
    t.Function = fake
    t.eval = fakeEval
  }
  Object.defineProperty(RealFunction.prototype, 'constructor', { value: fake, configurable: true, writable: true })
  const restore = () => {
    Object.defineProperty(RealFunction.prototype, 'constructor', { value: RealFunction, configurable: true, writable: true })
    for (const t of targets) {
      t.Function = RealFunction
      t.eval = realEval
    }
  }
  return { reached, restore }
}

/** Runs `fn` under installCodeTraps(); returns its result and what reached the traps. */
export async function trapCode<T>(fn: () => Promise<T>): Promise<{ result: T; reached: string[] }> {
  const { reached, restore } = installCodeTraps()
  try {
    return { result: await fn(), reached }
  } finally {
    restore()
  }
}
