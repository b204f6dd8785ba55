/** Gives the browser a chance to render and handle input before more queued work runs. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())
