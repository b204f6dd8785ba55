// The demo shop: a few server-rendered pages that use the snippet and send E-commerce v2
// events (product list → product → cart → checkout → order completed), plus an identify
// form, a tracked link and a tracked form. Plain HTML and small inline scripts.
import { renderPageSnippet } from '../lib/snippet.mjs'
import { account, cart, checkout, esc, orderCompleted, productList, productView } from './shop-pages.mjs'

/**
 * @param {URL} url
 * @param {import('./index.mjs').PageContext} context
 * @returns {Promise<string | undefined>}
 */
export async function renderShopPage(url, context) {
  const page = pageFor(url.pathname)
  if (!page) return undefined
  const config = context.readConfig()
  const writeKey = url.searchParams.get('writeKey') || config.defaultWriteKey || 'demo-write-key'
  const { code, source } = await renderPageSnippet(context.root, {
    writeKey,
    origin: context.origin,
    page: { category: 'Shop', name: page.name },
    // Loaded below, with the consent demo's options when it is on.
    load: false,
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.name)} · Switchboard demo shop</title>
<link rel="stylesheet" href="/dev/assets/shop.css">
<script>${code}</script>
<script src="/dev/assets/shop.js"></script>
<script>analytics.load(${JSON.stringify(writeKey).replace(/</g, '\\u003c')}, shop.loadOptions())</script>
</head>
<body data-snippet="${esc(source)}" data-write-key="${esc(writeKey)}">
<header>
  <a class="brand" href="/">☎ Switchboard Supply</a>
  <nav>
    <a href="/">Products</a>
    <a href="/cart" data-testid="nav-cart">Cart (<span id="cart-count">0</span>)</a>
    <a href="/account">Sign in</a>
    <a href="/debugger" target="_blank" rel="noopener">Debugger ↗</a>
  </nav>
</header>
<main>
${page.body}
</main>
<footer>
  <form id="newsletter" action="/newsletter" method="get" data-testid="newsletter-form">
    <label>Newsletter <input name="email" type="email" placeholder="you@example.com" required></label>
    <button type="submit">Subscribe</button>
  </form>
  <p class="muted">Demo shop for the Switchboard dev server. Every call goes to <code>${esc(context.origin)}/v1</code>; watch them in the <a href="/debugger">debugger</a>.</p>
</footer>
<script>
shop.renderCartCount()
// A tracked form: the event goes out before the browser leaves the page.
analytics.trackForm(document.getElementById('newsletter'), 'Newsletter Signed Up', { list: 'weekly' })
${page.script}
</script>
</body>
</html>`
}

/**
 * @param {string} path
 * @returns {{ name: string, body: string, script: string } | undefined}
 */
function pageFor(path) {
  if (path === '/' || path === '/index.html') return productList()
  const product = /^\/products\/([\w-]+)$/.exec(path)
  if (product) return productView(product[1])
  if (path === '/cart') return cart()
  if (path === '/checkout') return checkout()
  if (path === '/order-completed') return orderCompleted()
  if (path === '/account') return account()
  if (path === '/newsletter') return { name: 'Newsletter', body: '<h1>Thanks for subscribing</h1><p><a href="/">Back to the shop</a></p>', script: '' }
  return undefined
}
