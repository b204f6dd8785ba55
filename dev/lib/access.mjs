// Who may call what. The public routes (tracking API, settings CDN, bundles, files, pages) are
// open to any origin, without credentials: sites post events and load settings from other
// origins. The control API (/__sb/*: recorded messages, settings overrides, faults, the
// debugger stream) answers only the server's own pages and clients that are not browsers
// (tests, benchmarks), and only under a Host this server listens on, so neither another web
// page nor a DNS-rebound name can read or steer it.

/** Headers a browser client may send cross-origin (the tracking client sends Authorization). */
const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Retry-Count, Content-Encoding'
/** Names that always reach this machine only. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']
/** Listen addresses that are not names a browser would use. */
const WILDCARDS = ['', '0.0.0.0', '::', '[::]']

/**
 * `::1` → `[::1]`: a host as it appears in a URL or a Host header.
 * @param {string} host
 */
export function urlHost(host) {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/**
 * Splits a Host header into a lower-case name and a port (80 when left out).
 * @param {string | undefined} header
 * @returns {{ name: string, port: number } | undefined}
 */
export function parseHostHeader(header) {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header ?? '')
  if (!match) return undefined
  return { name: match[1].toLowerCase(), port: match[2] ? Number(match[2]) : 80 }
}

/**
 * @typedef {{ status: number, error: string, details: string }} Refusal
 */

export class AccessPolicy {
  /**
   * @param {{ host: string, port: number, allowedHosts?: string[] }} options the address the
   *   server listens on, and any further names it is reached by (e.g. a LAN name)
   */
  constructor({ host, port, allowedHosts = [] }) {
    this.port = port
    /** @type {Set<string>} */
    this.names = new Set(LOOPBACK_NAMES)
    for (const name of [host, ...allowedHosts]) {
      const normal = urlHost(name.trim().toLowerCase())
      if (!WILDCARDS.includes(normal)) this.names.add(normal)
    }
  }

  /** The Host values this server answers the control API under, for messages. */
  describeHosts() {
    return [...this.names].map((name) => `${name}:${this.port}`).join(', ')
  }

  /**
   * Why a control request must be refused, or undefined when it may go on. A browser always
   * sends Origin on cross-origin fetches and on every POST/PUT/DELETE, and Sec-Fetch-Site on
   * everything else, so a request with neither comes from a tool, not from a web page.
   * @param {import('node:http').IncomingMessage} req
   * @returns {Refusal | undefined}
   */
  refuseControl(req) {
    const host = req.headers.host
    const parsed = parseHostHeader(host)
    if (!parsed || parsed.port !== this.port || !this.names.has(parsed.name)) {
      return {
        status: 403,
        error: 'forbidden_host',
        details: `The control API answers only under the addresses this server listens on (${this.describeHosts()}); the request named ${JSON.stringify(host ?? '')}. Start the server with SWITCHBOARD_ALLOWED_HOSTS=<name> to allow another name.`,
      }
    }
    const own = `http://${String(host).toLowerCase()}`
    const origin = req.headers.origin
    if (origin !== undefined && origin.toLowerCase() !== own) {
      return {
        status: 403,
        error: 'forbidden_origin',
        details: `The control API answers only pages of this server's own origin (${own}); this request came from ${origin}.`,
      }
    }
    const site = req.headers['sec-fetch-site']
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      return {
        status: 403,
        error: 'forbidden_origin',
        details: `The control API answers only pages of this server's own origin (${own}); this request came from a ${site} page.`,
      }
    }
    return undefined
  }
}

/**
 * CORS for the public routes: any origin may read them and post to them, but never with
 * credentials (`*` is refused with credentials, so no page can send or read cookies here).
 * @param {import('node:http').ServerResponse} res
 */
export function applyPublicCors(res) {
  res.setHeader('Access-Control-Allow-Origin', '*')
  // Retry-After is not a safelisted response header: a client can only honour it if exposed.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-RateLimit-Reset')
}

/**
 * Answers a CORS preflight for a public route.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} methods what the route accepts, e.g. 'POST, OPTIONS'
 */
export function answerPreflight(req, res, methods) {
  const requested = req.headers['access-control-request-headers']
  res.setHeader('Access-Control-Allow-Methods', methods)
  res.setHeader('Access-Control-Allow-Headers', requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS)
  res.setHeader('Access-Control-Max-Age', '600')
  res.writeHead(204)
  res.end()
}
