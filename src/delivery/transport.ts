// The HTTP edge: fetch (optionally keepalive), sendBeacon as the unload fallback.

export interface Response {
  /** 0 when the request never got an answer (network error, blocked, aborted). */
  status: number
  retryAfter: string | null
}

export async function post(url: string, body: string, headers: Record<string, string>, init: RequestInit): Promise<Response> {
  try {
    const res = await fetch(url, { ...init, method: 'post', headers, body })
    return { status: res.status, retryAfter: res.headers.get('Retry-After') }
  } catch {
    return { status: 0, retryAfter: null }
  }
}

/** Queues a body with sendBeacon (no headers, no answer); false when the browser refused it. */
export function beacon(url: string, body: string): boolean {
  try {
    return !!navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))
  } catch {
    return false
  }
}

export function basicAuth(writeKey: string): string | undefined {
  try {
    return `Basic ${btoa(writeKey + ':')}`
  } catch {
    return undefined // btoa throws on characters outside Latin-1; the body still carries writeKey
  }
}
