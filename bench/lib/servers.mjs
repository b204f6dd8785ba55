// The benchmark's own small HTTP servers on 127.0.0.1:
//  - a CDN for each library: files from disk for some paths, everything else proxied to the
//    dev server (so both libraries read the very same settings JSON), gzip -9 when the browser
//    accepts it, as a real CDN would serve them;
//  - the site that serves the two test pages (a third origin, so both libraries load their
//    script and post their events cross-origin alike).
import { createServer, request as httpRequest } from 'node:http'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.html': 'text/html; charset=utf-8' }
const typeOf = (path) => TYPES[/\.[a-z]+$/.exec(path)?.[0] ?? ''] ?? 'application/octet-stream'
const compressible = (type) => /javascript|json|html/.test(type)

/** gzip -9 once per distinct body (bundles are requested many times per run). */
const gzipCache = new Map()
function gzipped(body) {
  const key = body.length + ':' + body.subarray(0, 64).toString('latin1') + body.subarray(-64).toString('latin1')
  let hit = gzipCache.get(key)
  if (!hit || !hit.source.equals(body)) {
    hit = { source: body, gz: gzipSync(body, { level: 9 }) }
    gzipCache.set(key, hit)
  }
  return hit.gz
}

function send(req, res, status, type, body, extra = {}) {
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*', ...extra }
  if (compressible(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && body.length > 256) {
    body = gzipped(body)
    headers['Content-Encoding'] = 'gzip'
    headers.Vary = 'Accept-Encoding'
  }
  headers['Content-Length'] = body.length
  res.writeHead(status, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/**
 * Fetches `path` from the dev server and relays it (compressed here, not there). Scripts are
 * kept after the first fetch, so a rebuild of dist/ during a run cannot mix two builds.
 */
function proxy(upstream, req, res, pinned) {
  const hit = req.method === 'GET' && pinned.get(req.url)
  if (hit) return send(req, res, 200, hit.type, hit.body)
  const target = new URL(req.url, upstream)
  const out = httpRequest(target, { method: req.method, headers: { accept: req.headers.accept ?? '*/*' } }, (up) => {
    const chunks = []
    up.on('data', (c) => chunks.push(c))
    up.on('end', () => {
      const type = up.headers['content-type'] ?? 'application/octet-stream'
      const body = Buffer.concat(chunks)
      if (req.method === 'GET' && up.statusCode === 200 && /javascript/.test(type)) pinned.set(req.url, { type, body })
      send(req, res, up.statusCode ?? 502, type, body)
    })
    up.on('error', () => res.destroy())
  })
  out.on('error', () => {
    if (!res.headersSent) send(req, res, 502, 'text/plain', Buffer.from('upstream error'))
  })
  req.pipe(out)
}

function listen(handler) {
  const server = createServer((req, res) => {
    try {
      handler(req, res)
    } catch (err) {
      if (!res.headersSent) send(req, res, 500, 'text/plain', Buffer.from(String(err)))
    }
  })
  server.keepAliveTimeout = 30_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        host: `127.0.0.1:${port}`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()) }),
      })
    })
  })
}

/**
 * A CDN: `files(pathname)` returns an absolute file path to serve from disk, or undefined to
 * relay the request to `upstream` (the dev server).
 */
export function startCdn({ upstream, files = () => undefined }) {
  const cache = new Map()
  const pinned = new Map()
  const read = (file) => {
    if (!cache.has(file)) cache.set(file, readFileSync(file))
    return cache.get(file)
  }
  return listen((req, res) => {
    const { pathname } = new URL(req.url, 'http://x')
    const file = files(pathname)
    if (file) send(req, res, 200, typeOf(file), read(file))
    else proxy(upstream, req, res, pinned)
  })
}

/** The site: `pages` maps a pathname to HTML. */
export function startSite(pages) {
  return listen((req, res) => {
    const { pathname } = new URL(req.url, 'http://x')
    const html = pages[pathname]
    if (html) send(req, res, 200, TYPES['.html'], Buffer.from(html))
    else send(req, res, 404, 'text/plain', Buffer.from('not found'))
  })
}
