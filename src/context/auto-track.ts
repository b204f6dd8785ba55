import type { Context } from '../core/context'
import { DEFAULT_TIMEOUT_MS, SEGMENT_IO } from '../core/constants'

/** What trackLink/trackForm need from the analytics instance. */
export interface AutoTrackTarget {
  settings: { timeout?: number }
  track(...args: unknown[]): Promise<Context>
  plugins?: { name: string; flush?: () => unknown; stats?: { notPersisted?: number } }[]
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

/** The Segment.io destination, when it runs on this page. */
function uploaderOf(analytics: AutoTrackTarget) {
  return analytics.plugins?.find((p) => p.name === SEGMENT_IO && p.stats)
}

/**
 * Runs `fn` once every handler has seen the event: a listener added to window during the dispatch
 * runs after all the others, and a microtask after it runs after the write-ahead of whatever the
 * handlers tracked (and, for a real click, after the pipeline). A handler that stops the event short
 * of window leaves it to the next task.
 */
function afterHandlers(e: Event, fn: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    removeEventListener(e.type, last)
    fn()
  }
  const last = () => queueMicrotask(once)
  addEventListener(e.type, last)
  setTimeout(once)
}

/**
 * Tracks the event and, when the page is to move on (`leave`), runs `next` as soon as the event
 * is safe: once every handler has seen the event `e` (a later one may still cancel the navigation)
 * the write-ahead has stored it, and ready events are handed to a keepalive request; the next page
 * sends whatever did not arrive. Only an event that could not be stored (storage off, blocked or
 * full) waits for its delivery to be known (`delivery_success` / `delivery_failure`), and never
 * longer than `settings.timeout` after the click. Never throws.
 */
function trackThen(
  analytics: AutoTrackTarget,
  el: Element,
  event: PerElement<string>,
  properties: unknown,
  options: unknown,
  leave?: { e: Event; next: () => void },
): void {
  const uploader = uploaderOf(analytics)
  const unstored = uploader?.stats?.notPersisted
  let id: string | undefined
  const accepted = (ctx: Context) => (id ??= ctx.id)
  try {
    analytics.on?.('dispatch_start', accepted)
    void analytics.track(resolve(event, el), resolve(properties as PerElement<unknown>, el), options ?? {})
  } catch (err) {
    warn('track failed', err)
  } finally {
    analytics.off?.('dispatch_start', accepted)
  }
  if (!leave) return
  const timeout = analytics.settings.timeout ?? DEFAULT_TIMEOUT_MS
  let done = false
  const go = () => {
    if (done) return
    done = true
    analytics.off?.('delivery_success', settled)
    analytics.off?.('delivery_failure', settled)
    leave.next()
  }
  const settled = (c?: Context | { ctx?: Context }) => {
    if ((c && 'ctx' in c && c.ctx ? c.ctx.id : (c as Context)?.id) === id) go()
  }
  const start = Date.now()
  afterHandlers(leave.e, () => {
    if (!id || !uploader || uploader.stats?.notPersisted === unstored) go()
    else {
      analytics.on?.('delivery_success', settled)
      analytics.on?.('delivery_failure', settled)
      setTimeout(go, timeout - (Date.now() - start))
    }
    // What is ready leaves now, with keepalive, once the navigation has started: a form's
    // navigation begins a task later, too late for the page to know it is leaving before its
    // next request.
    uploader?.flush?.()
  })
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
 * Tracks clicks on links. A click that would navigate this page is taken over (default
 * prevented, as Analytics.js 2.0 does) and the page follows the link as soon as every handler has
 * seen the click and the event is stored; only an event that cannot be stored waits for its
 * delivery, at most `settings.timeout` (300 ms). New-tab clicks, clicks without an href and clicks an earlier
 * handler cancelled are tracked and left to the browser; one a later handler cancels (a
 * single-page-app router) is not turned into a navigation.
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
        const href = linkHref(el)
        if (!href || e.defaultPrevented || opensElsewhere(el, e as MouseEvent)) return trackThen(analytics, el, event, properties, options)
        const cancelled = hold(e)
        trackThen(analytics, el, event, properties, options, {
          e,
          next: () => {
            if (!cancelled()) window.location.href = href
          },
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
 * Tracks form submissions: the submission is taken over and the form submitted as soon as every
 * handler has seen it and the event is stored (as for links). A submission some other handler cancelled
 * (client-side validation, a single-page app) is tracked but not forced.
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
        if (e.defaultPrevented) return trackThen(analytics, el, event, properties, options)
        const cancelled = hold(e)
        trackThen(analytics, el, event, properties, options, {
          e,
          next: () => {
            const form = el as HTMLFormElement
            if (cancelled() || typeof form.submit !== 'function') return
            keepSubmitter(form, (e as SubmitEvent).submitter ?? (e as { originalEvent?: SubmitEvent }).originalEvent?.submitter)
            form.submit()
          },
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
