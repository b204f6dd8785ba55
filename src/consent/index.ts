// The consent part (dist/plugins/consent.js, `switchboard-analytics/consent`): loaded only when
// the site passes `consent` or the settings carry `consentSettings`, before the instance exists.
//
// Order of things: the model and the preferences known at load are read; in opt-in the part
// waits for the visitor's decision, and the calls made meanwhile stay in the load buffer (with
// the page they were made on), so nothing is stored or sent and no vendor script loads. With the
// decision, identity is given memory or persistent storage, then the instance is built and
// attached: each event is stamped with `context.consent.categoryPreferences` when it is made,
// each destination sits behind a gate that loads it once allowed, and later changes move storage,
// load or stop destinations and send `Segment Consent Preference Updated`.
import type { Analytics } from '../core/analytics'
import type { Context } from '../core/context'
import type { CDNSettings, InitOptions } from '../core/options'
import type { Plugin } from '../core/plugin'
import { isPlainObject } from '../core/arguments'
import { replayCall } from '../browser/buffer'
import { timeBox } from '../lib/time-box'
import { gate, type Gate } from './gate'
import { moveIdentity } from './identity-storage'
import { heldKey, keepHeldOverPages, restoreHeld } from './session-hold'
import { SEGMENT_IO, allowsStorage, consentSettingsOf, isAllowed, isSegmentDisabled, sameCategories, stampedCategories, validCategories } from './rules'
import type { CallBuffer, Categories, ConsentController, ConsentModel, ConsentOptions, ConsentStats } from './types'

export type { Categories, ConsentController, ConsentModel, ConsentOptions, ConsentStats, ConsentExtension, ConsentSettings } from './types'

/** Segment's event for a change of preferences; it carries only the consent object. */
export const CONSENT_CHANGED_EVENT = 'Segment Consent Preference Updated'
/** In opt-out, events never wait longer than this for the consent manager's first answer. */
export const OPT_OUT_WAIT_MS = 1000

/** Calls the loader replays itself, before or around plugin registration; the rest waits for consent. */
const LOADER_CALLS = ['setAnonymousId', 'on', 'once', 'off', 'debug', 'register', 'deregister', 'addSourceMiddleware', 'addDestinationMiddleware']

const warn = (message: string, err?: unknown) => console.warn(`[switchboard] consent: ${message}`, err ?? '')

/** The site's function, or a value: its result, with a throw or rejection reported as `undefined`. */
async function ask<T>(fn: unknown, what: string): Promise<T | undefined> {
  try {
    return typeof fn === 'function' ? await fn() : (fn as T)
  } catch (err) {
    warn(`${what} failed`, err)
    return undefined
  }
}

const preferencesOf = (ctx: Context): Categories | undefined => validCategories((ctx.event?.context as any)?.consent?.categoryPreferences)

export async function startConsent(options: InitOptions, settings: CDNSettings, buffer: CallBuffer): Promise<(analytics: Analytics) => void> {
  // Settings alone (no `consent` option): opt-out, with preferences from the site's update() or each call's own.
  const co: ConsentOptions = isPlainObject(options.consent) ? (options.consent as ConsentOptions) : {}
  const model: ConsentModel = isPlainObject(options.consent) ? ((await ask<ConsentModel>(co.model, 'model')) === 'opt-out' ? 'opt-out' : 'opt-in') : 'opt-out'
  const optOut = model === 'opt-out'
  const cs = consentSettingsOf(settings, co.categoryMappings)
  const sitePersists = !options.disableClientPersistence
  const stats: ConsentStats = { dropped: 0, kept: {} }
  const gates: Gate[] = []
  /** Ids of events held before the decision, while they may still go to destinations allowed later. */
  const held = new Set<string>()
  let current: Categories | undefined
  let analytics: Analytics | undefined
  let decide: ((c: Categories) => void) | undefined
  /** A change reported while the part was starting: announced once it has. */
  let early: Categories | undefined
  let started = false
  let releasing = false

  const decider = { settings, options: co, cs, onError: (err: unknown) => warn('shouldEnableIntegration failed', err) }
  const allows = (name: string, preferences = current) => isAllowed(name, preferences, decider)
  const storageAllowed = () => allowsStorage(current, { optOut, storageCategory: co.storageCategory, sitePersists, cs })

  const extensions = (Array.isArray(co.extensions) ? co.extensions : []).filter((x) => x && typeof x.update === 'function')
  const tellExtensions = (c: Categories) => {
    for (const x of extensions) {
      try {
        x.update({ ...c })
      } catch (err) {
        warn('extension failed', err)
      }
    }
  }

  /** The preference-updated event, made now: on the instance, or queued behind the calls made so far. */
  const sendChanged = (c: Categories) => {
    if (co.disableConsentChangedEvent) return
    const args = [CONSENT_CHANGED_EVENT, {}, { consent: { categoryPreferences: stampedCategories(c, cs, co.pruneUnmappedCategories) } }]
    if (analytics) void analytics.track(...(args as [string]))
    else void buffer.add('track', args)
  }

  /** New preferences in force: extensions told, storage moved, destinations loaded or stopped. */
  const apply = (next: Categories, announce: boolean) => {
    current = next
    if (announce) sendChanged(next)
    tellExtensions(next)
    if (!analytics) return
    moveIdentity(analytics, storageAllowed())
    for (const g of gates) g.refresh()
  }

  /** A decision or a change from the consent manager or the site. Until the part has started, only noted. */
  const change = (input: unknown) => {
    const next = validCategories(input)
    if (!next) return warn('preferences must be an object of category ids to booleans', input)
    if (sameCategories(next, current)) return
    if (decide) return decide(next)
    if (!started) return void (current = early = next)
    apply(next, true)
  }

  const controller: ConsentController = {
    model,
    categories: () => current && { ...current },
    update: change,
    allows: (name) => allows(String(name)),
    stats,
  }
  // A snippet page can reach the controller before the instance replaces the stub.
  const stub: any = (globalThis as Record<string, any>)[options.globalAnalyticsKey || 'analytics']
  if (Array.isArray(stub)) (stub as { consent?: ConsentController }).consent = controller

  try {
    if (typeof co.onChange === 'function') co.onChange((c) => change(c))
  } catch (err) {
    warn('onChange failed', err)
  }
  // Opt-out never holds events up for long; opt-in has nothing to send until the visitor decides.
  const initial = ask<Categories>(co.getCategories?.bind(co), 'getCategories')
  const known = validCategories(await (optOut ? timeBox(initial, OPT_OUT_WAIT_MS, undefined) : initial))
  if (known && !early) current = known
  // A late first answer is the state at load, not a change: applied without the preference event.
  if (optOut && !known) void initial.then((c) => validCategories(c) && !current && apply(validCategories(c)!, false))

  for (const x of extensions) {
    try {
      x.setup?.(settings, known && { ...known }, model)
    } catch (err) {
      warn('extension failed', err)
    }
  }

  // What an earlier page of this tab held, when the site lets held calls live in sessionStorage.
  const holdKey = heldKey(String(settings.integrations?.[SEGMENT_IO]?.apiKey ?? ''))
  let heldCalls: ReturnType<CallBuffer['take']> = co.holdIn === 'sessionStorage' ? restoreHeld(holdKey) : []
  // Opt-in with nothing decided at load: everything waits for the visitor, and the calls made
  // until the decision are held in order.
  if (!optOut && !known) {
    const stopKeeping =
      co.holdIn === 'sessionStorage' ? keepHeldOverPages(holdKey, buffer, () => heldCalls, () => !!decide, () => (heldCalls = [])) : () => {}
    if (!current) current = await new Promise<Categories>((resolve) => (decide = resolve))
    decide = undefined
    stopKeeping()
    heldCalls = [...heldCalls, ...buffer.take((method) => !LOADER_CALLS.includes(method))]
    early = current
  }
  started = true
  if (early) apply(early, true)
  // Decided on (or opt-out): identity starts where the preferences allow.
  options.disableClientPersistence = !storageAllowed()

  return (instance) => {
    analytics = instance
    instance.consent = controller
    // A change that came while the instance was being built.
    moveIdentity(instance, storageAllowed())

    // Stamped when made, before the Segment.io destination stores it: the preferences in force then.
    instance.on('dispatch_start', (ctx: Context) => {
      const event = ctx.event
      if (!event?.context || ctx.failedDelivery()) return
      if (current) event.context.consent = { ...(event.context.consent as object), categoryPreferences: stampedCategories(current, cs, co.pruneUnmappedCategories) }
      if (releasing) held.add(ctx.id)
      // Segment disabled by these preferences: the event goes nowhere, not even into the outbox.
      if (isSegmentDisabled(preferencesOf(ctx), cs) || !allows(SEGMENT_IO)) {
        event.integrations = { ...event.integrations, [SEGMENT_IO]: false }
        stats.dropped++
        held.delete(ctx.id)
        ctx.log('info', 'consent: kept from every destination')
      }
    })
    // Forgotten once it is through and every destination has it: those whose code comes on demand
    // get it when they are registered, after the event is through (ready() waits for them).
    instance.on('dispatch_end', (ctx: Context) => held.has(ctx.id) && void instance.ready().then(() => held.delete(ctx.id)))

    const env = {
      allows: (name: string, ctx?: Context) => allows(name) && (!ctx || allows(name, preferencesOf(ctx))),
      wasHeld: (ctx: Context) => held.has(ctx.id),
      kept(name: string, ctx: Context) {
        stats.kept[name] = (stats.kept[name] ?? 0) + 1
        ctx.log('info', `consent: kept from "${name}"`)
        ctx.stats.increment('consent_kept', 1, [`plugin:${name}`])
      },
    }
    // Every destination registered from now on (settings, npm plugins, the site's register calls) is gated.
    const register = instance.register
    instance.register = (...plugins: Plugin[]) =>
      register(
        ...plugins.map((p) => {
          if (!p || typeof p !== 'object' || p.type !== 'destination' || typeof p.name !== 'string') return p
          const g = gate(p, env)
          gates.push(g)
          return g.plugin
        }),
      )

    // The held calls go first, once plugins are registered; as stamped then, they are the visitor's decision.
    instance.once('initialize', () => {
      releasing = true
      try {
        for (const call of heldCalls) void replayCall(instance, call)
      } finally {
        releasing = false
        heldCalls = []
      }
    })
  }
}
