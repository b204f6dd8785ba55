// The test pages: the official snippet (@segment/snippet), identical for both libraries except
// for the host it loads from, or Switchboard's own snippet; plus a long-task observer and the
// click scenarios' timing that run before anything else, and what those scenarios click.
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
 * For the click scenarios, kept in sessionStorage so that they outlive a page that navigates: the
 * click's time and the page's pagehide on the clock the next page's timeOrigin uses, and the Event
 * Timing entries (16 ms and longer, the API's floor) of pointer and click events.
 */
const CLICK_TIMING = `(function(){var k=function(n,v){try{sessionStorage.setItem(n,v)}catch(e){}},all=[],save=function(l){l.forEach(function(e){if(/^(pointer|mouse)(down|up)$|^click$/.test(e.name))all.push({name:e.name,start:e.startTime,duration:e.duration,ps:e.processingStart,pe:e.processingEnd,id:e.interactionId})});k('__benchEvents',JSON.stringify(all))};addEventListener('click',function(e){k('__benchClickAt',String(performance.timeOrigin+e.timeStamp))},true);try{var o=new PerformanceObserver(function(l){save(l.getEntries())});o.observe({type:'event',buffered:true,durationThreshold:16});addEventListener('pagehide',function(){save(o.takeRecords());k('__benchPagehideAt',String(performance.timeOrigin+performance.now()))})}catch(e){}})()`

/** What the click scenarios click: a link and a form to /next.html, and a button. */
const CLICK_TARGETS = `<p><a id="bench-link" href="/next.html">a tracked link</a></p>
<form id="bench-form" action="/next.html" method="get"><input name="q" value="1"><button id="bench-submit" type="submit">a tracked form</button></form>
<p><button id="bench-button" type="button">a button that calls track()</button></p>`

/** Where the tracked link and form lead: a page without analytics. */
export const NEXT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Next</title></head><body><h1>Next page</h1></body></html>`

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
<script>${CLICK_TIMING}</script>
<script>${snippet}</script>
</head>
<body><h1>${title}</h1><p>Benchmark page: the snippet, and what the click scenarios click.</p>
${CLICK_TARGETS}
</body>
</html>`
}
