// Switchboard's local server: a Segment-compatible tracking API, a settings CDN, static
// files (dist/, test fixtures), the demo shop, the live debugger and a control API for tests.
// node:http only. See docs/dev-server.md.
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeSegment, sendError, sendJson } from './lib/http.mjs'
import { AccessPolicy, answerPreflight, applyPublicCors, urlHost } from './lib/access.mjs'
import { MessageStore } from './lib/store.mjs'
import { Recorder } from './lib/recorder.mjs'
import { FaultQueue, playFault } from './lib/faults.mjs'
import { SettingsOverrides, buildSettings, readConfig } from './lib/settings.mjs'
import { sendBundleWithSettings } from './lib/inline-settings.mjs'
import { EventStreams } from './lib/event-stream.mjs'
import { MAX_MESSAGE_DEPTH, nestedDeeperThan } from './lib/json-safety.mjs'
import { resolveInside, sendFile } from './lib/static.mjs'
import { TRACKING_ROUTES, handleTracking } from './lib/tracking.mjs'
import { handleControl } from './lib/control.mjs'
import { servePage } from './pages/index.mjs'
import { loadPlanCheck, planFile } from './lib/plan-check.mjs'

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
export const DEFAULT_CONFIG_PATH = join(ROOT, 'dev', 'config.json')

/** Folders served as they are, by URL prefix. */
const STATIC_MOUNTS = [
  ['/dist/', 'dist'],
  ['/e2e/fixtures/', 'e2e/fixtures'],
  ['/node_modules/@segment/', 'node_modules/@segment'],
  ['/dev/vendors/', 'dev/vendors'],
  ['/dev/assets/', 'dev/assets'],
]

/**
 * @typedef {{ port?: number, host?: string, allowedHosts?: string[], dataDir?: string, configPath?: string,
 *   quiet?: boolean, bodyTimeoutMs?: number, inlineSettings?: boolean, planPath?: string }} ServerOptions
 * @typedef {{ url: string, port: number, dataDir: string, close: () => Promise<void> }} RunningServer
 */

/**
 * Starts the server. Without `dataDir` the store goes to a fresh temporary folder (removed by
 * close()), so every test starts empty; `npm start` passes `.switchboard/`.
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options = {}) {
  // inlineSettings: the bundle route carries its write key's settings (docs/self-hosting.md).
  const { port = 0, host = '127.0.0.1', quiet = false, bodyTimeoutMs = 10_000, inlineSettings = true } = options
  const configPath = options.configPath ?? DEFAULT_CONFIG_PATH
  const tempDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'switchboard-dev-'))
  const dataDir = options.dataDir ?? /** @type {string} */ (tempDir)
  const log = (/** @type {string} */ msg) => {
    if (!quiet) console.log(`[switchboard] ${msg}`)
  }

  const store = new MessageStore(dataDir)
  const recorder = new Recorder()
  // Messages stored before the depth limit existed stay in the file but are not served.
  const restored = await store.load(200_000, (message) => !nestedDeeperThan(message, MAX_MESSAGE_DEPTH))
  recorder.restore(restored.messages)
  if (restored.total) log(`read back ${restored.total} stored messages from ${store.file}`)
  if (restored.skipped) log(`skipped ${restored.skipped} unreadable line(s) in ${store.file}`)
  if (restored.refused) log(`left ${restored.refused} stored message(s) nested more than ${MAX_MESSAGE_DEPTH} levels deep out of memory`)
  if (restored.repaired.cut) log(`cut off a torn last line (${restored.repaired.cut} bytes, never acknowledged) in ${store.file}`)

  // A tracking plan (planPath, SWITCHBOARD_PLAN or dev/plan.json): every accepted message is checked.
  const plan = planFile(options.planPath, ROOT)
  if (plan) {
    recorder.planCheck = await loadPlanCheck(plan, ROOT)
    log(`checking events against the tracking plan in ${plan}`)
  }

  const faults = new FaultQueue()
  const overrides = new SettingsOverrides()
  const streams = new EventStreams(recorder, faults)
  let origin = ''
  /** Set once the port is known. @type {AccessPolicy} */
  let access

  const context = {
    get origin() {
      return origin
    },
    root: ROOT,
    configPath,
    readConfig: () => readConfig(configPath, log),
  }

  const server = createServer({ requestTimeout: bodyTimeoutMs * 3, headersTimeout: bodyTimeoutMs * 2 }, (req, res) => {
    route(req, res).catch((error) => {
      log(`error on ${req.method} ${req.url}: ${error?.stack ?? error}`)
      sendError(res, 500, 'internal_error', String(error?.message ?? error))
    })
  })
  // Requests that stall mid-body are cut off by readBody; this catches stalled headers.
  server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout'
      : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
      : '400 Bad Request'
    if (socket.writable && error.code !== 'ECONNRESET') socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
    else socket.destroy()
  })

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function route(req, res) {
    let url
    try {
      url = new URL(req.url ?? '/', origin)
      decodeURIComponent(url.pathname)
    } catch {
      req.resume()
      return sendError(res, 400, 'bad_path', 'The path is not a valid URL path (check its % escapes).')
    }
    const path = url.pathname

    if (path === '/__sb' || path.startsWith('/__sb/')) {
      const refusal = access.refuseControl(req)
      if (refusal) {
        req.resume()
        return sendError(res, refusal.status, refusal.error, refusal.details)
      }
      return handleControl(req, res, path.slice('/__sb'.length), { recorder, faults, overrides, bodyTimeoutMs, streams })
    }

    applyPublicCors(res)
    const tracking = /^\/v1\/([a-z]+)\/?$/.exec(path)
    const isTracking = tracking !== null && tracking[1] in TRACKING_ROUTES
    if (req.method === 'OPTIONS') return answerPreflight(req, res, isTracking ? 'POST, OPTIONS' : 'GET, HEAD, OPTIONS')
    if (tracking && isTracking) {
      const kind = TRACKING_ROUTES[/** @type {keyof typeof TRACKING_ROUTES} */ (tracking[1])]
      return handleTracking(req, res, path, kind, { recorder, store, faults, bodyTimeoutMs, log, settingsFor })
    }
    const settings = /^\/v1\/projects\/([^/]+)\/settings\/?$/.exec(path)
    if (settings && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveSettings(req, res, path, /** @type {string} */ (decodeSegment(settings[1])))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume()
      return sendError(res, 405, 'method_not_allowed', `${req.method} ${path} is not supported.`)
    }
    const bundle = /^\/analytics\.js\/v1\/([^/]+)\/analytics(\.min)?\.js$/.exec(path)
    if (bundle) {
      const writeKey = /** @type {string} */ (decodeSegment(bundle[1]))
      if (inlineSettings && sendBundleWithSettings(req, res, join(ROOT, 'dist', 'analytics.min.js'), settingsFor(writeKey))) return
      return serveBuilt(req, res, 'analytics.min.js')
    }
    const plugin = /^\/plugins\/([a-z0-9-]+)\.js$/.exec(path)
    if (plugin) return serveBuilt(req, res, `plugins/${plugin[1]}.js`)
    for (const [prefix, folder] of STATIC_MOUNTS) {
      if (!path.startsWith(prefix)) continue
      const file = resolveInside(join(ROOT, folder), path.slice(prefix.length))
      if (!file) return sendError(res, 404, 'not_found', `No file ${path}.`)
      return sendFile(req, res, file)
    }
    if (path === '/favicon.ico') {
      res.writeHead(204)
      return res.end()
    }
    if (await servePage(req, res, url, context)) return
    sendError(res, 404, 'not_found', `No route ${path}.`)
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} relative
   */
  function serveBuilt(req, res, relative) {
    const file = resolveInside(join(ROOT, 'dist'), relative)
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(`console.error(${JSON.stringify(`Switchboard dev server: dist/${relative} is missing; run npm run build.`)})\n`)
      return
    }
    sendFile(req, res, file)
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @param {string} writeKey
   */
  async function serveSettings(req, res, path, writeKey) {
    const record = { path, writeKey, status: 200, at: new Date().toISOString() }
    const fault = faults.take('settings')
    if (fault) {
      recorder.emit('faults', faults.list())
      Object.assign(record, { fault: fault.mode, status: fault.mode === 'drop' ? 0 : Number(fault.mode) || 200 })
      const reply = (/** @type {number} */ status, /** @type {unknown} */ body, /** @type {any} */ headers) => sendJson(res, status, body, headers)
      const finished = await playFault(req, res, fault, reply)
      if (finished) return recorder.recordSettingsRequest(record)
    }
    recorder.recordSettingsRequest(record)
    sendJson(res, 200, settingsFor(writeKey))
  }

  /** A write key's settings: a test override, else built from the config file. @param {string} writeKey */
  function settingsFor(writeKey) {
    return overrides.has(writeKey) ? overrides.get(writeKey) : buildSettings(writeKey, context.readConfig(), origin)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  // A wildcard address is not a place a browser can go; name the loopback instead.
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  origin = `http://${urlHost(name)}:${address.port}`
  access = new AccessPolicy({ host, port: address.port, allowedHosts: options.allowedHosts })
  log(`listening on ${origin} (data: ${store.file})`)

  let closed = false
  return {
    url: origin,
    port: address.port,
    dataDir,
    async close() {
      if (closed) return
      closed = true
      streams.closeAll()
      await new Promise((resolve) => {
        server.close(() => resolve(undefined))
        server.closeAllConnections()
      })
      if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    },
  }
}
