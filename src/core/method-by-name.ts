// Dispatch by a name that comes from the page (`analytics.push([name, ...])`, snippet buffers).

/**
 * `target[name]` when it is one of target's methods: never a private one (`_x`, `x_`) nor a
 * member of Object.prototype (`constructor`, `toString`, `__proto__`, `hasOwnProperty`, ...).
 */
export function methodByName(target: object, name: unknown): Function | undefined {
  if (typeof name != 'string' || name[0] == '_' || name.endsWith('_') || name in Object.prototype) return
  const fn = (target as Record<string, unknown>)[name]
  return typeof fn == 'function' ? fn : undefined
}
