import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { asForm, asLink, trackForm, trackLink } from '../../src/context'

/** A fake analytics whose track() resolves only when the test says so. */
function fakeAnalytics(timeout?: number) {
  const calls: unknown[][] = []
  let deliver: () => void = () => {}
  const analytics = {
    settings: { timeout } as { timeout?: number },
    track: vi.fn((...args: unknown[]) => {
      calls.push(args)
      return new Promise<never>((resolve) => (deliver = () => resolve({} as never)))
    }),
  }
  return { analytics, calls, deliver: () => deliver() }
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
  it('holds navigation until the timeout when delivery is slow', async () => {
    const { analytics, calls } = fakeAnalytics()
    const a = link('#next')
    trackLink(analytics, a, 'Clicked', { x: 1 })
    const e = click(a)
    expect(e.defaultPrevented).toBe(true)
    expect(calls).toEqual([['Clicked', { x: 1 }, {}]])
    await vi.advanceTimersByTimeAsync(299)
    expect(location.hash).toBe('')
    await vi.advanceTimersByTimeAsync(1)
    expect(location.hash).toBe('#next')
  })

  it('navigates as soon as the event is delivered', async () => {
    const { analytics, deliver } = fakeAnalytics()
    const a = link('#soon')
    trackLink(analytics, a, 'Clicked')
    click(a)
    deliver()
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#soon')
  })

  it('uses analytics.settings.timeout', async () => {
    const { analytics } = fakeAnalytics(50)
    const a = link('#t50')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(50)
    expect(location.hash).toBe('#t50')
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
    await vi.advanceTimersByTimeAsync(300)
    expect(location.hash).toBe('#child')
  })

  it('elements without href are tracked and left alone', () => {
    const { analytics, calls } = fakeAnalytics()
    const b = document.createElement('button')
    trackLink(analytics, b, 'Clicked')
    expect(click(b).defaultPrevented).toBe(false)
    expect(calls).toHaveLength(1)
  })

  it('a click some later handler cancels (SPA router) is not turned into a navigation', async () => {
    const { analytics } = fakeAnalytics()
    const a = link('#router')
    trackLink(analytics, a, 'Clicked')
    a.addEventListener('click', (e) => e.preventDefault())
    click(a)
    await vi.advanceTimersByTimeAsync(400)
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
    const a = link('#thrown')
    const analytics = { settings: {}, track: () => { throw new Error('boom') } }
    trackLink(analytics as never, a, 'x')
    expect(() => click(a)).not.toThrow()
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#thrown')
  })
})

describe('waiting for the uploader', () => {
  /** Analytics whose track() resolves at once and whose Segment.io plugin batches until flushed. */
  function withUploader() {
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
    const ctx = { id: 'ctx-1' }
    const flush = vi.fn()
    const analytics = {
      settings: {},
      plugins: [{ name: 'Segment.io', flush }],
      track: vi.fn(async () => ctx as never),
      on: (e: string, fn: (...a: unknown[]) => void) => void (listeners.get(e) ?? listeners.set(e, new Set()).get(e)!).add(fn),
      off: (e: string, fn: (...a: unknown[]) => void) => void listeners.get(e)?.delete(fn),
      emit: (e: string, ...a: unknown[]) => listeners.get(e)?.forEach((fn) => fn(...a)),
    }
    return { analytics, flush, ctx, listeners }
  }

  it('asks the uploader to send now and follows the link once this event is delivered', async () => {
    const { analytics, flush, ctx, listeners } = withUploader()
    const a = link('#acked')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(0)
    expect(flush).toHaveBeenCalledTimes(1)
    analytics.emit('delivery_success', { id: 'someone-else' })
    await vi.advanceTimersByTimeAsync(10)
    expect(location.hash).toBe('')
    analytics.emit('delivery_success', ctx)
    await vi.advanceTimersByTimeAsync(0)
    expect(location.hash).toBe('#acked')
    expect(listeners.get('delivery_success')?.size).toBe(0)
  })

  it('without an acknowledgement it still goes after the timeout', async () => {
    const { analytics } = withUploader()
    const a = link('#unacked')
    trackLink(analytics, a, 'Clicked')
    click(a)
    await vi.advanceTimersByTimeAsync(299)
    expect(location.hash).toBe('')
    await vi.advanceTimersByTimeAsync(1)
    expect(location.hash).toBe('#unacked')
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

  it('holds the submission until the timeout, then submits once', async () => {
    const { analytics, calls } = fakeAnalytics()
    const { f, submit } = form()
    trackForm(analytics, f, 'Signed Up', { plan: 'pro' })
    expect(submitEvent(f).defaultPrevented).toBe(true)
    expect(calls).toEqual([['Signed Up', { plan: 'pro' }, {}]])
    await vi.advanceTimersByTimeAsync(299)
    expect(submit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('submits as soon as delivered, keeping the clicked button name/value', async () => {
    const { analytics, deliver } = fakeAnalytics()
    const { f, submit } = form()
    asForm(analytics, [f], 'Sent')
    submitEvent(f, f.querySelector('button')!)
    deliver()
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
    await vi.advanceTimersByTimeAsync(300)
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('non-elements warn and never throw', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics } = fakeAnalytics()
    expect(() => trackForm(analytics, [{}] as never, 'x')).not.toThrow()
    expect(warn).toHaveBeenCalled()
  })
})
