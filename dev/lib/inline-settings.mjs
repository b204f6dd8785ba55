// One request for the bundle and its settings: `/analytics.js/v1/<writeKey>/analytics.min.js`
// answered with that write key's settings in front of the bundle, so a first page view needs no
// settings round trip. The bundle reads them from its own <script> element and still fetches
// the settings in the background (docs/self-hosting.md shows the same on a real CDN).
import { readFileSync } from 'node:fs'

/**
 * The statement a CDN puts in front of the bundle: `{ at, settings }` on the bundle's own script
 * element, `at` being when these settings were read (ms since the epoch; the bundle treats an
 * inlined copy like a stored one, so it is used at once while younger than a day).
 * JSON is a JavaScript expression; U+2028/2029 are escaped for older parsers.
 * @param {unknown} settings
 * @param {number} [at]
 */
export function inlinedSettingsPrefix(settings, at = Date.now()) {
  const json = JSON.stringify({ at, settings }).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `(document.currentScript||{}).switchboardSettings=${json};\n`
}

/**
 * Sends the bundle at `file` with `settings` inlined; false when the bundle is missing.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file absolute path of dist/analytics.min.js
 * @param {unknown} settings
 */
export function sendBundleWithSettings(req, res, file, settings) {
  let bundle
  try {
    bundle = readFileSync(file)
  } catch {
    return false
  }
  const body = Buffer.concat([Buffer.from(inlinedSettingsPrefix(settings)), bundle])
  res.writeHead(200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Content-Length': body.length,
    // Settings and rebuilds must show up on the next reload (a real CDN caches briefly: docs/self-hosting.md).
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
