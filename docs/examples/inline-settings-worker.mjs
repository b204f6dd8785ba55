// An edge worker (the `fetch(request)` handler of Cloudflare Workers, Deno Deploy, Vercel Edge
// and the like) that serves `/analytics.js/v1/<writeKey>/analytics.min.js` with that write key's
// settings in front of the bundle, so a first page view needs no settings round trip. Every
// other request passes through to the origin. See docs/self-hosting.md.

/** Where dist/ is published and where the settings come from (your CDN origin, or Segment's). */
const BUNDLE_URL = 'https://origin.example.com/analytics.min.js'
const SETTINGS_URL = (writeKey) => `https://cdn.segment.com/v1/projects/${encodeURIComponent(writeKey)}/settings`
const ORIGIN = 'https://origin.example.com'

const ROUTE = /^\/analytics\.js\/v1\/([^/]+)\/analytics(\.min)?\.js$/

/** The settings as JSON text, or 'null' when they cannot be had: the bundle then fetches them itself. */
async function settingsJSON(writeKey, fetchImpl) {
  try {
    const res = await fetchImpl(SETTINGS_URL(writeKey))
    if (!res.ok) return 'null'
    // Parsed and written again, so nothing but JSON ever reaches the script.
    return JSON.stringify(await res.json()).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  } catch {
    return 'null'
  }
}

/** The handler; `fetchImpl` is the platform's fetch (a parameter so it can be tested). */
export async function handle(request, fetchImpl = fetch) {
  const url = new URL(request.url)
  const route = ROUTE.exec(url.pathname)
  if (!route) return fetchImpl(new Request(ORIGIN + url.pathname + url.search, request))
  let writeKey
  try {
    writeKey = decodeURIComponent(route[1])
  } catch {
    return new Response('bad write key', { status: 400 })
  }
  const [bundle, settings] = await Promise.all([fetchImpl(BUNDLE_URL), settingsJSON(writeKey, fetchImpl)])
  if (!bundle.ok) return new Response('bundle unavailable', { status: 502 })
  const prefix = `(document.currentScript||{}).switchboardSettings={"at":${Date.now()},"settings":${settings}};\n`
  return new Response(prefix + (await bundle.text()), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Settings changes reach new visitors within 5 minutes; the page refreshes its copy itself.
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
}

export default { fetch: (request) => handle(request) }
