/** Resolves with the value, or with `fallback` once `ms` have passed: a hung promise never holds up the caller. */
export function timeBox<T, F>(value: T | Promise<T>, ms: number, fallback: F): Promise<T | F> {
  if (!(value instanceof Promise)) return Promise.resolve(value)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback), ms)
    value.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (err) => {
        clearTimeout(timer)
        reject(err)
      },
    )
  })
}
