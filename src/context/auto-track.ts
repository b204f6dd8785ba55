import type { Context } from '../core/context'
import { DEFAULT_TIMEOUT_MS, SEGMENT_IO } from '../core/constants'

/** What trackLink/trackForm need from the analytics instance. */
export interface AutoTrackTarget {
  settings: { timeout?: number }
  track(...args: unknown[]): Promise<Context>
  plugins?: { name: string; flush?: () => unknown }[]
  on?(event: string, fn: (...args: any[]) => void): unknown
  off?(event: string, fn: (...args: any[]) => void): unknown
}

export type PerElement<T> = T | ((el: Element) => T)
export type Elements = Element | ArrayLike<Element> | { toArray(): Element[] } | null | undefined

const XLINK = 'http://www.w3.org/1999/xlink'

function warn(message: string, detail?: unknown): void {
  console.warn(`[switchboard] ${message}`, detail ?? '')
}

/** An Element, a list of them (array, NodeList) or a jQuery-like object with `toArray()`. */
function toElements(input: Elements, method: string): Element[] {
  if (!input) return []
  let list: unknown[]
  if (typeof Element !== 'undefined' && input instanceof Element) list = [input]
  else if (typeof (input as { toArray?: unknown }).toArray === 'function') list = (input as { toArray(): Element[] }).toArray()
  else if (typeof (input as ArrayLike<Element>).length === 'number') list = Array.from(input as ArrayLike<Element>)
  else list = [input]
  return list.filter((el): el is Element => {
    const ok = typeof Element !== 'undefined' && el instanceof Element
    if (!ok) warn(`${method}: expected an Element, got`, el)
    return ok
  })
}

function resolve<T>(value: PerElement<T>, el: Element): T {
  return typeof value === 'function' ? (value as (el: Element) => T)(el) : value
}

/**
 * Resolves once the uploader reports this event delivered (`delivery_success`). The uploader
 * batches, so it is asked to send now: the page is about to go.
 */
function delivered(analytics: AutoTrackTarget, ctx: Context | undefined): Promise<unknown> {
  const uploader = analytics.plugins?.find((p) => p.name === SEGMENT_IO && typeof p.flush === 'function')
  if (!uploader || !ctx || typeof analytics.on !== 'function') return Promise.resolve()
  return new Promise((resolve) => {
    const done = (c?: Context | { ctx?: Context }) => {
      const id = c && ('ctx' in c && c.ctx ? c.ctx.id : (c as Context).id)
      if (id !== ctx.id) return
      analytics.off?.('delivery_success', done)
      resolve(undefined)
    }
    analytics.on!('delivery_success', done)
    uploader.flush!()
    // Nothing may wait on this forever: the caller races it against the timeout.
    setTimeout(() => analytics.off?.('delivery_success', done), 10_000)
  })
}

/** Sends the event, then resolves once it is delivered or `timeout` ms have passed. Never rejects. */
function trackWithin(analytics: AutoTrackTarget, el: Element, event: PerElement<string>, properties: unknown, options: unknown): Promise<unknown> {
  let sent: Promise<unknown>
  try {
    sent = analytics.track(resolve(event, el), resolve(properties as PerElement<unknown>, el), options ?? {})
    sent = sent.then((ctx) => delivered(analytics, ctx as Context))
  } catch (err) {
    sent = Promise.resolve(err)
  }
  const timeout = analytics.settings.timeout ?? DEFAULT_TIMEOUT_MS
  return Promise.race([sent, new Promise((r) => setTimeout(r, timeout))]).catch(() => undefined)
}

/**
 * Holds the browser's default action, and tells whether a later handler (a single-page-app
 * router, form validation) also cancelled it — then the page handles it and we must not.
 */
function hold(e: Event): () => boolean {
  let cancelledByOthers = false
  const prevent = e.preventDefault
  e.preventDefault = function (this: Event) {
    cancelledByOthers = true
    return prevent.call(this)
  }
  prevent.call(e)
  return () => cancelledByOthers
}

function linkHref(el: Element): string | null {
  return (
    el.getAttribute('href') ||
    el.getAttributeNS(XLINK, 'href') ||
    el.getAttribute('xlink:href') ||
    el.getElementsByTagName('a')[0]?.getAttribute('href') ||
    null
  )
}

/** Ctrl/meta/shift-click or a middle click opens elsewhere: the page stays, so nothing needs delaying. */
function opensElsewhere(el: Element, e: MouseEvent): boolean {
  return (el as HTMLAnchorElement).target === '_blank' || e.ctrlKey || e.metaKey || e.shiftKey || e.button === 1
}

/**
 * Tracks clicks on links. A click that would navigate this page is held (default prevented)
 * until the event is delivered or `settings.timeout` (300 ms) passes, then the browser follows
 * the link. New-tab clicks are tracked without delaying anything.
 */
export function trackLink<T extends AutoTrackTarget>(
  analytics: T,
  links: Elements,
  event: PerElement<string>,
  properties?: PerElement<Record<string, unknown>>,
  options?: Record<string, unknown>,
): T {
  try {
    for (const el of toElements(links, 'trackLink')) {
      el.addEventListener('click', (e) => {
        const tracked = trackWithin(analytics, el, event, properties, options)
        const href = linkHref(el)
        if (!href || e.defaultPrevented || opensElsewhere(el, e as MouseEvent)) return
        const cancelled = hold(e)
        void tracked.then(() => {
          if (!cancelled()) window.location.href = href
        })
      })
    }
  } catch (err) {
    warn('trackLink failed', err)
  }
  return analytics
}

/** Keeps the clicked submit button's name/value, which `form.submit()` would otherwise drop. */
function keepSubmitter(form: HTMLFormElement, submitter: HTMLElement | null | undefined): void {
  const name = submitter?.getAttribute('name')
  if (!submitter || !name || submitter === form) return
  const input = document.createElement('input')
  input.type = 'hidden'
  input.name = name
  input.value = (submitter as HTMLButtonElement).value ?? ''
  form.appendChild(input)
}

/**
 * Tracks form submissions: the submission is held until the event is delivered or
 * `settings.timeout` passes, then the form is submitted. A submission some other handler
 * already cancelled (client-side validation, a single-page app) is tracked but not forced.
 */
export function trackForm<T extends AutoTrackTarget>(
  analytics: T,
  forms: Elements,
  event: PerElement<string>,
  properties?: PerElement<Record<string, unknown>>,
  options?: Record<string, unknown>,
): T {
  try {
    for (const el of toElements(forms, 'trackForm')) {
      const handler = (e: Event) => {
        const tracked = trackWithin(analytics, el, event, properties, options)
        if (e.defaultPrevented) return
        const cancelled = hold(e)
        void tracked.then(() => {
          const form = el as HTMLFormElement
          if (cancelled() || typeof form.submit !== 'function') return
          keepSubmitter(form, (e as SubmitEvent).submitter ?? (e as { originalEvent?: SubmitEvent }).originalEvent?.submitter)
          form.submit()
        })
      }
      // Submissions triggered through jQuery/Zepto reach only handlers bound through them.
      const $ = (window as unknown as { jQuery?: any; Zepto?: any }).jQuery || (window as unknown as { Zepto?: any }).Zepto
      if (typeof $ === 'function') $(el).submit(handler)
      else el.addEventListener('submit', handler)
    }
  } catch (err) {
    warn('trackForm failed', err)
  }
  return analytics
}

export { trackLink as trackClick, trackLink as asLink, trackForm as trackSubmit, trackForm as asForm }
