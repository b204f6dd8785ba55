// Routes for the HTML pages: the demo shop and the live debugger.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderShopPage } from './shop.mjs'

/**
 * @typedef {{ origin: string, root: string, readConfig: () => import('../lib/settings.mjs').DevConfig }} PageContext
 */

/**
 * Serves a page if `url` names one; returns false otherwise.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {PageContext} context
 */
export async function servePage(req, res, url, context) {
  if (url.pathname === '/debugger' || url.pathname === '/debugger/') {
    sendHtml(res, readFileSync(join(context.root, 'dev', 'pages', 'debugger.html'), 'utf8'))
    return true
  }
  const html = await renderShopPage(url, context)
  if (html === undefined) return false
  sendHtml(res, html)
  return true
}

/** @param {import('node:http').ServerResponse} res @param {string} html */
function sendHtml(res, html) {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  })
  res.end(html)
}
