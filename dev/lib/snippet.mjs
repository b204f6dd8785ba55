// Renders the snippet for the demo pages: Switchboard's own renderSnippet() once the build
// has produced it, otherwise the stock Analytics.js snippet (the bundle accepts either).
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

/**
 * @param {string} root repository root
 * @param {{ writeKey: string, origin: string, page?: boolean | object, load?: boolean }} options
 * @returns {Promise<{ code: string, source: 'switchboard' | '@segment/snippet' }>}
 */
export async function renderPageSnippet(root, { writeKey, origin, page = true, load = true }) {
  const built = join(root, 'dist', 'esm', 'snippet', 'index.js')
  if (existsSync(built)) {
    try {
      // The mtime in the URL picks up a rebuild without restarting the server.
      const mod = await import(`${pathToFileURL(built).href}?v=${statSync(built).mtimeMs}`)
      if (typeof mod.renderSnippet === 'function') {
        return { code: mod.renderSnippet({ writeKey, host: origin, page, load }), source: 'switchboard' }
      }
    } catch {
      // Fall through to the stock snippet.
    }
  }
  const { min } = require('@segment/snippet')
  const host = origin.replace(/^https?:\/\//, '')
  const code = min({ apiKey: writeKey, host, page, load, useHostForBundles: true })
    // The stock template always writes https://; this server speaks plain http.
    .split(`https://${host}`)
    .join(origin)
  return { code, source: '@segment/snippet' }
}
