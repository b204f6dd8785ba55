// Demo shop pages (placeholder until the full shop lands).
import { renderPageSnippet } from '../lib/snippet.mjs'

/** @param {URL} url @param {import('./index.mjs').PageContext} context */
export async function renderShopPage(url, context) {
  if (url.pathname !== '/') return undefined
  const writeKey = context.readConfig().defaultWriteKey ?? 'demo-write-key'
  const { code } = await renderPageSnippet(context.root, { writeKey, origin: context.origin })
  return `<!doctype html><html><head><meta charset="utf-8"><title>Switchboard demo shop</title><script>${code}</script></head><body><h1>Switchboard demo shop</h1></body></html>`
}
