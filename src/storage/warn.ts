const warned = new Set<string>()

/** One console warning per store and action: a blocked store fails on every call, and one line is enough. */
export function warnStore(store: string, action: string, err: unknown): void {
  const id = store + action
  if (warned.has(id)) return
  warned.add(id)
  try {
    console.warn(`[switchboard] ${store} ${action} failed, falling back to the next store: ${err}`)
  } catch {
    // console itself may be unusable; nothing to do
  }
}
