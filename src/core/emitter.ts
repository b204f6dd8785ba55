type Listener = (...args: any[]) => void

/** A small event emitter; a throwing listener is reported, never propagated. */
export class Emitter {
  // No prototype: an event named `constructor` or `__proto__` is a name like any other.
  private listeners_: Record<string, Listener[]> = Object.create(null)

  on(event: string, fn: Listener): this {
    ;(this.listeners_[event] ??= []).push(fn)
    return this
  }

  once(event: string, fn: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper)
      fn.apply(this, args)
    }
    return this.on(event, wrapper)
  }

  off(event: string, fn?: Listener): this {
    if (!fn) delete this.listeners_[event]
    else this.listeners_[event] = (this.listeners_[event] ?? []).filter((l) => l !== fn)
    return this
  }

  emit(event: string, ...args: any[]): this {
    for (const fn of (this.listeners_[event] ?? []).slice()) {
      try {
        fn.apply(this, args)
      } catch (err) {
        // A listener's bug must not break the caller or the other listeners.
        console.error('[switchboard] listener error', err)
      }
    }
    return this
  }
}
