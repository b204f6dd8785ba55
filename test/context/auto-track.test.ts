import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { asForm, asLink, trackForm, trackLink } from '../../src/context'
import { setup, storedRows } from '../delivery/helpers'

/** A fake analytics whose track() never resolves (a slow pipeline or API must not matter). */
function fakeAnalytics() {
  const calls: unknown[][] = []
  const analytics = {
    settings: {} as { timeout?: number },
    track: vi.fn((...args: unknown[]) => {
      calls.push(args)
      return new Promise<never>(() => {})
    }),
  }
  return { analytics, calls }
}

const link = (href = '#next', attrs: Record<string, string> = {}) => {
  const a = document.createElement('a')
  a.setAttribute('href', href)
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v)
  document.body.appendChild(a)
  return a
}

const click = (el: Element, init: MouseEventInit = {}) => {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

beforeEach(() => {
  vi.useFakeTimers()
  history.replaceState(null, '', '/')
  document.body.innerHTML = ''
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('trackLink', () => {
  it('follows the link once every handler has seen the click, without waiting for track() or its delivery', async () => {
    const { analytics, calls } = fakeAnalytics()
    const a = link('#next')
    trackLink(analytics, a, 'Clicked', { x: 1 })
    const e = click(a)
    expect(e.defaultPrevented).toBe(true)
    expect(calls).toEqual([['Clicked', { x: 1 }, {}]])
    expect(location.hash).toBe('') // the write-ahead runs first, at the end of the task
    await Promise.resolve()
    expect(location.hash).toBe('#next') // no timer needed
  })

  it('a handler that stops the click short of window delays the navigation by one task only', async () => {
    const { analytics } = fakeAnalytics()
    const wrapper = document.createElement('div')
    const a = link('#stopped')
    wrapper.appendChild(a)
    document.body.appendChild(wrapper)
    trackLink(analytics, a, 'Clicked')
    wrapper.addEventListener('click', (e) => e.stopPropagation())
    click(a)
    await Promise.resolve()
    expect(location.hash).toBe('')
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#stopped')
  })

  it('new-tab clicks (target=_blank, ctrl/meta/shift, middle button) are tracked but not delayed', () => {
    const { analytics, calls } = fakeAnalytics()
    const blank = link('#b', { target: '_blank' })
    const a = link('#m')
    trackLink(analytics, [blank, a], 'Clicked')
    const events = [click(blank), click(a, { ctrlKey: true }), click(a, { metaKey: true }), click(a, { shiftKey: true }), click(a, { button: 1 })]
    expect(events.map((e) => e.defaultPrevented)).toEqual([false, false, false, false, false])
    expect(calls).toHaveLength(5)
  })

  it('event name and properties may be functions of the element; href from a child <a> or xlink:href', async () => {
    const { analytics, calls } = fakeAnalytics()
    const div = document.createElement('div')
    div.dataset.name = 'Promo'
    div.innerHTML = '<a href="#child">x</a>'
    document.body.appendChild(div)
    trackLink(analytics, div, (el) => `Clicked ${(el as HTMLElement).dataset.name}`, (el) => ({ tag: el.tagName }))
    expect(click(div).defaultPrevented).toBe(true)
    expect(calls[0]).toEqual(['Clicked Promo', { tag: 'DIV' }, {}])
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#child')
  })

  it('elements without href are tracked and left alone', () => {
    const { analytics, calls } = fakeAnalytics()
    const b = document.createElement('button')
    trackLink(analytics, b, 'Clicked')
    expect(click(b).defaultPrevented).toBe(false)
    expect(calls).toHaveLength(1)
  })

  it('a click some later handler cancels (SPA router, even one on window) is not turned into a navigation', async () => {
    const { analytics } = fakeAnalytics()
    const a = link('#router')
    const b = link('#router-on-window')
    trackLink(analytics, [a, b], 'Clicked')
    a.addEventListener('click', (e) => e.preventDefault())
    const router = (e: Event) => (e.target === b ? e.preventDefault() : undefined)
    window.addEventListener('click', router)
    click(a)
    click(b)
    await vi.advanceTimersByTimeAsync(400)
    window.removeEventListener('click', router)
    expect(location.hash).toBe('')
  })

  it('accepts jQuery-like objects, NodeLists and arrays; bad elements warn and never throw', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, calls } = fakeAnalytics()
    const a1 = link('#1')
    const a2 = link('#2')
    expect(trackLink(analytics, { toArray: () => [a1] }, 'jq')).toBe(analytics)
    asLink(analytics, document.querySelectorAll('a'), 'list')
    expect(() => trackLink(analytics, ['nope', 42, null] as never, 'bad')).not.toThrow()
    expect(() => trackLink(analytics, null, 'none')).not.toThrow()
    expect(() => trackLink(analytics, { toArray: () => { throw new Error('x') } }, 'throws')).not.toThrow()
    click(a1)
    click(a2)
    expect(calls.map((c) => c[0])).toEqual(['jq', 'list', 'list'])
    expect(warn).toHaveBeenCalled()
  })

  it('a track() that throws does not break the click', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const a = link('#thrown')
    const analytics = { settings: {}, track: () => { throw new Error('boom') } }
    trackLink(analytics as never, a, 'x')
    expect(() => click(a)).not.toThrow()
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#thrown')
  })
})

describe('an event that could not be stored waits for its delivery', () => {
  /**
   * Analytics whose Segment.io plugin could (`stored`) or could not store the events it accepts,
   * and whose track() announces each event with dispatch_start as the real one does.
   */
  function withUploader(stored: boolean, timeout?: number) {
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
    const stats = { notPersisted: 0 }
    const flush = vi.fn()
    let n = 0
    const analytics = {
      settings: { timeout },
      plugins: [{ name: 'Segment.io', flush, stats }],
      track: vi.fn(() => {
        const ctx = { id: `ctx-${++n}` }
        analytics.emit('dispatch_start', ctx)
        // The write-ahead runs at the end of the task.
        queueMicrotask(() => void (stored || stats.notPersisted++))
        return new Promise<never>(() => {})
      }),
      on: (e: string, fn: (...a: unknown[]) => void) => void (listeners.get(e) ?? listeners.set(e, new Set()).get(e)!).add(fn),
      off: (e: string, fn: (...a: unknown[]) => void) => void listeners.get(e)?.delete(fn),
      emit: (e: string, ...a: unknown[]) => listeners.get(e)?.forEach((fn) => fn(...a)),
    }
    return { analytics, flush, listeners }
  }

  it('a stored event never waits, though nothing acknowledged it; it is handed over before the page goes', async () => {
    const { analytics, flush } = withUploader(true)
    const a = link('#stored')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#stored')
    expect(flush).toHaveBeenCalledTimes(1)
  })

  it('asks the uploader to send now and follows the link on delivery_success of this event', async () => {
    const { analytics, flush, listeners } = withUploader(false)
    const a = link('#acked')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(0)
    expect(flush).toHaveBeenCalledTimes(1)
    analytics.emit('delivery_success', { id: 'someone-else' })
    await vi.advanceTimersByTimeAsync(10)
    expect(location.hash).toBe('')
    analytics.emit('delivery_success', { id: 'ctx-1' })
    expect(location.hash).toBe('#acked')
    expect(listeners.get('delivery_success')?.size).toBe(0)
    expect(listeners.get('delivery_failure')?.size).toBe(0)
  })

  it('delivery_failure ends the wait too', async () => {
    const { analytics } = withUploader(false)
    const a = link('#failed')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(50)
    analytics.emit('delivery_failure', { code: 'delivery_failure', reason: 'rejected', ctx: { id: 'ctx-1' } })
    expect(location.hash).toBe('#failed')
  })

  it('without an answer it goes after settings.timeout from the click', async () => {
    const { analytics } = withUploader(false, 120)
    const a = link('#unacked')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(119)
    expect(location.hash).toBe('')
    await vi.advanceTimersByTimeAsync(1)
    expect(location.hash).toBe('#unacked')
  })

  it('the default upper bound is 300 ms; forms wait the same way', async () => {
    const { analytics } = withUploader(false)
    const f = document.createElement('form')
    const submit = vi.fn()
    f.submit = submit
    document.body.appendChild(f)
    trackForm(analytics, f, 'Sent')
    f.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }))
    await vi.advanceTimersByTimeAsync(299)
    expect(submit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(submit).toHaveBeenCalledTimes(1)
  })
})

describe('trackForm', () => {
  const form = () => {
    const f = document.createElement('form')
    f.innerHTML = '<input name="q" value="1"><button type="submit" name="go" value="yes">Go</button>'
    document.body.appendChild(f)
    const submit = vi.fn()
    f.submit = submit
    return { f, submit }
  }
  const submitEvent = (f: HTMLFormElement, submitter?: HTMLElement) => {
    const e = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter })
    f.dispatchEvent(e)
    return e
  }

  it('submits once, in the next task, without waiting for track() or its delivery', async () => {
    const { analytics, calls } = fakeAnalytics()
    const { f, submit } = form()
    trackForm(analytics, f, 'Signed Up', { plan: 'pro' })
    expect(submitEvent(f).defaultPrevented).toBe(true)
    expect(calls).toEqual([['Signed Up', { plan: 'pro' }, {}]])
    expect(submit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(0)
    expect(submit).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('keeps the clicked button name/value', async () => {
    const { analytics } = fakeAnalytics()
    const { f, submit } = form()
    asForm(analytics, [f], 'Sent')
    submitEvent(f, f.querySelector('button')!)
    await vi.advanceTimersByTimeAsync(0)
    expect(submit).toHaveBeenCalledTimes(1)
    expect(new FormData(f).get('go')).toBe('yes')
  })

  it('a submission cancelled by the page (validation, SPA) is tracked but not forced', async () => {
    const { analytics, calls } = fakeAnalytics()
    const { f, submit } = form()
    trackForm(analytics, f, 'Sent')
    f.addEventListener('submit', (e) => e.preventDefault())
    submitEvent(f)
    await vi.advanceTimersByTimeAsync(400)
    expect(calls).toHaveLength(1)
    expect(submit).not.toHaveBeenCalled()
  })

  it('binds through jQuery when present', async () => {
    const { analytics } = fakeAnalytics()
    const { f, submit } = form()
    const bound: ((e: Event) => void)[] = []
    vi.stubGlobal('jQuery', () => ({ submit: (h: (e: Event) => void) => bound.push(h) }))
    trackForm(analytics, f, 'Sent')
    vi.unstubAllGlobals()
    expect(bound).toHaveLength(1)
    bound[0](new Event('submit', { cancelable: true }))
    await vi.advanceTimersByTimeAsync(0)
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('non-elements warn and never throw', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics } = fakeAnalytics()
    expect(() => trackForm(analytics, [{}] as never, 'x')).not.toThrow()
    expect(warn).toHaveBeenCalled()
  })
})

describe('with the real Segment.io destination', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('the event is stored before the link is followed; nothing waits for the API', async () => {
    const requests: { keepalive?: boolean; hash: string }[] = []
    // The API never answers.
    vi.stubGlobal('fetch', (_: string, init: RequestInit) => (requests.push({ keepalive: init.keepalive, hash: location.hash }), new Promise(() => {})))
    const { analytics, plugin } = await setup()
    const a = link('#away')
    trackLink(analytics, a, 'Clicked Away')
    click(a)
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#away')
    expect(storedRows().map((r) => r[3].event)).toEqual(['Clicked Away'])
    // Handed to a request that outlives the page, as soon as the page has started to move on.
    expect(requests).toEqual([{ keepalive: true, hash: '#away' }])
    plugin.unload?.(undefined as never, undefined as never)
  })

  it('with storage off it waits for delivery_success of its event, then goes before the timeout', async () => {
    const sent: number[] = []
    // The API answers 20 ms after each request.
    const ok = { status: 200, headers: { get: () => null } }
    vi.stubGlobal('fetch', () => (sent.push(Date.now()), new Promise((r) => setTimeout(() => r(ok), 20))))
    const { analytics, plugin } = await setup({}, { disableClientPersistence: true })
    const acked: string[] = []
    analytics.on('delivery_success', (ctx: { event: { event: string } }) => acked.push(ctx.event.event))
    const a = link('#acked-away')
    trackLink(analytics, a, 'Clicked Away')
    click(a)
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toHaveLength(1) // sent at once, though batching would wait a second
    await vi.advanceTimersByTimeAsync(19)
    expect(location.hash).toBe('')
    await vi.advanceTimersByTimeAsync(1)
    expect(acked).toEqual(['Clicked Away'])
    expect(location.hash).toBe('#acked-away')
    plugin.unload?.(undefined as never, undefined as never)
  })
})
