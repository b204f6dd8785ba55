// Calls made before Analytics is ready: kept in order, replayed once it is.
import { methodByName } from '../core/method-by-name'

export interface BufferedCall {
  method: string
  args: unknown[]
  resolve: (value: unknown) => void
}

/** Snippet stub arrays hold `[method, ...args]`; nobody waits on their results. */
const noop = () => {}

export class PreloadBuffer {
  private calls_: BufferedCall[] = []

  /** `drain` hands over calls recorded elsewhere (the snippet's array) each time the buffer is read. */
  constructor(private drain_?: () => unknown[][]) {}

  add(method: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => this.calls_.push({ method, args, resolve }))
  }

  get size(): number {
    this.pull_()
    return this.calls_.length
  }

  /** Whether a call of one of these methods is waiting. */
  has_(methods: string[]): boolean {
    this.pull_()
    return this.calls_.some((call) => methods.includes(call.method))
  }

  /** Removes and returns, in call order, the calls whose method matches. */
  take(matches: (method: string) => boolean): BufferedCall[] {
    this.pull_()
    const taken: BufferedCall[] = []
    this.calls_ = this.calls_.filter((call) => (matches(call.method) ? (taken.push(call), false) : true))
    return taken
  }

  private pull_(): void {
    const entries = this.drain_?.() ?? []
    for (const entry of entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string') {
        this.calls_.push({ method: entry[0], args: entry.slice(1), resolve: noop })
      }
    }
  }
}

/** Method names of the npm surface that differ from the instance's. */
const ALIASES: Record<string, string> = { pageView: 'pageview', trackClick: 'trackLink', trackSubmit: 'trackForm' }

/** Runs one buffered call on the instance; the caller's promise gets its result (never a rejection). */
export function replayCall(target: object, call: BufferedCall): Promise<unknown> {
  const fn = methodByName(target, call.method) ?? methodByName(target, ALIASES[call.method])
  let result: Promise<unknown>
  try {
    result = Promise.resolve(fn?.apply(target, call.args))
  } catch (err) {
    console.warn(`[switchboard] buffered ${call.method}() failed`, err)
    result = Promise.resolve(undefined)
  }
  result = result.catch(() => undefined)
  call.resolve(result)
  return result
}
