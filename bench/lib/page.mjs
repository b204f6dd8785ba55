// The test pages: the official snippet (@segment/snippet), identical for both libraries except
// for the host it loads from, or Switchboard's own snippet; plus a long-task observer that runs
// before anything else.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from '../size.mjs'

const require = createRequire(join(ROOT, 'package.json'))
const snippet = require('@segment/snippet')

/**
 * The snippet hard-codes https:// for the bundle URL and for `_cdn`; the local CDNs speak plain
 * http, so the scheme is rewritten for this host only. `useHostForBundles` sets `_cdn`, so each
 * library reads its settings (and AJS its chunks) from the same host it was loaded from.
 */
export function renderBenchSnippet({ writeKey, cdnHost }) {
  const code = snippet.min({ apiKey: writeKey, host: cdnHost, useHostForBundles: true, load: true, page: true })
  const https = `https://${cdnHost}`
  if (!code.includes(https)) throw new Error('unexpected snippet output: the host is not where it used to be')
  return code.split(https).join(`http://${cdnHost}`)
}

/** Records every long task (and when the page started) for the burst scenario. */
const OBSERVER = `window.__bench={longtasks:[]};try{new PerformanceObserver(function(l){l.getEntries().forEach(function(e){window.__bench.longtasks.push({start:e.startTime,duration:e.duration})})}).observe({type:'longtask',buffered:true})}catch(e){window.__bench.noLongtask=String(e)}`

/**
 * Switchboard's own snippet, as the build ships it (dist/esm/snippet), loading from `cdnHost`
 * over http; no load options, as a page that only swapped the snippet would have.
 */
export async function renderOwnSnippet({ writeKey, cdnHost }) {
  const { renderSnippet } = await import(pathToFileURL(join(ROOT, 'dist/esm/snippet/index.js')).href)
  return renderSnippet({ writeKey, host: `http://${cdnHost}` })
}

/** `snippet` defaults to the official one for `cdnHost`. */
export function renderPage({ title, writeKey, cdnHost, snippet = renderBenchSnippet({ writeKey, cdnHost }) }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<script>${OBSERVER}</script>
<script>${snippet}</script>
</head>
<body><h1>${title}</h1><p>Benchmark page: the snippet, nothing else.</p></body>
</html>`
}
