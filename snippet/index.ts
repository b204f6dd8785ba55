// `switchboard-analytics/snippet`: renders the snippet a page pastes into its <head>.
import { SNIPPET_FUNCTION } from './snippet-min'

export interface SnippetPageOptions {
  category?: string
  name?: string
  properties?: Record<string, unknown>
}

export interface SnippetOptions {
  writeKey: string
  /** Where the bundle and settings are served: `cdn.example.com` (https) or a full origin such as `http://127.0.0.1:8080`. */
  host: string
  /** The initial `page()` call: `true` (default), `false` to omit it, or its category/name/properties. */
  page?: boolean | SnippetPageOptions
  /**
   * `true` (default) loads at once; `false` leaves `analytics.load(writeKey, options)` to the page;
   * an object is passed as load options. When those options name the tracking API
   * (`integrations['Segment.io'].apiHost`), the snippet opens the connection to it at load.
   */
  load?: boolean | Record<string, unknown>
  /** The window key of the global instance (default `analytics`). */
  globalAnalyticsKey?: string
}

/** JSON that is safe inside an inline <script> (no `</script>`, no JS-breaking line separators). */
function literal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The origin the snippet loads from: a bare host means https. */
export function snippetOrigin(host: string): string {
  const trimmed = host.replace(/\/+$/, '')
  return /^https?:\/\//i.test(trimmed) ? trimmed : 'https://' + trimmed
}

function pageArguments(page: SnippetOptions['page']): unknown[] | 0 {
  if (page === false) return 0
  if (page === true || page === undefined) return []
  const args: unknown[] = []
  if (page.category) args.push(page.category)
  if (page.name) args.push(page.name)
  if (page.properties) args.push(page.properties)
  return args
}

/** The tracking API's origin when load options name it (`apiHost` as in settings: `host/v1`, or a full URL). */
export function apiOrigin(load: SnippetOptions['load']): string | 0 {
  const segmentio = typeof load === 'object' && load ? (load.integrations as Record<string, any> | undefined)?.['Segment.io'] : undefined
  const host = segmentio?.apiHost
  if (typeof host !== 'string' || !host) return 0
  try {
    return new URL(/^https?:\/\//i.test(host) ? host : `${segmentio.protocol === 'http' ? 'http' : 'https'}://${host}`).origin
  } catch {
    return 0
  }
}

/** The minified snippet for one write key (JavaScript, without the surrounding <script> tag). */
export function renderSnippet(options: SnippetOptions): string {
  const load = options.load === false ? 0 : options.load === true || options.load === undefined ? 1 : options.load
  const args = [
    options.globalAnalyticsKey || 'analytics',
    options.writeKey,
    snippetOrigin(options.host),
    load,
    pageArguments(options.page),
    apiOrigin(options.load),
  ]
  return `!${SNIPPET_FUNCTION}(${args.map(literal).join(',')});`
}
