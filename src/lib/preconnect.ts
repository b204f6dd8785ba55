/**
 * Opens the connection to `url`'s origin before the first request needs it (a hint the browser
 * may ignore). Anonymous, as Switchboard's fetches to another origin carry no credentials.
 */
export function preconnect(url: string): void {
  try {
    const link = document.createElement('link')
    link.rel = 'preconnect'
    link.href = url
    link.crossOrigin = ''
    document.head.appendChild(link)
  } catch {
    // No document (tests, workers): nothing to warm up.
  }
}
