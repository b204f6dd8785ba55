// Injects one async vendor script. Resolves true on load, false on error (404, ad blocker, CSP):
// never rejects, so a missing vendor script can never surface as an error in the host page.
export function loadScript(src: string, nonce?: string, attrs: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const script = document.createElement('script')
      script.async = true
      script.src = src
      if (nonce) script.nonce = nonce
      for (const k in attrs) script.setAttribute(k, attrs[k])
      script.onload = () => resolve(true)
      script.onerror = () => resolve(false)
      ;(document.head || document.documentElement).appendChild(script)
    } catch {
      resolve(false)
    }
  })
}
