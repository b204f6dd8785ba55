// The demo shop's pages: each returns its page name, its HTML body and its inline script.
import { CURRENCY, PRODUCTS, findProduct } from './catalog.mjs'

/** @param {unknown} text */
export const esc = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
/** JSON safe inside <script>. @param {unknown} value */
const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c')
const money = (/** @type {number} */ n) => `$${n.toFixed(2)}`

/** @typedef {{ name: string, body: string, script: string }} ShopPage */

export function productList() {
  const products = PRODUCTS.map((p, i) => ({ ...p, position: i + 1 }))
  const cards = products
    .map(
      (p) => `<li class="card">
    <a class="product-link" href="/products/${esc(p.product_id)}" data-product-id="${esc(p.product_id)}" data-testid="product-${esc(p.product_id)}">
      <span class="thumb">${esc(p.name.slice(0, 1))}</span>
      <strong>${esc(p.name)}</strong>
    </a>
    <span class="muted">${esc(p.category)} · ${esc(p.variant)}</span>
    <span class="price">${money(p.price)}</span>
  </li>`,
    )
    .join('\n')
  return {
    name: 'Product List',
    body: `<h1>All products</h1>
<ul class="grid">
${cards}
</ul>
<p><a id="catalog-pdf" href="/products/sb-106" data-testid="featured-link">Featured: the Desk Switchboard →</a></p>`,
    script: `var products = ${json(products)}
analytics.track('Product List Viewed', { list_id: 'all', category: 'All', products: products })
// Tracked links: the click is tracked, then the browser follows the link after a short wait.
analytics.trackLink(document.querySelectorAll('.product-link'), 'Product Clicked', function (el) {
  return shop.product(el.getAttribute('data-product-id'), products)
})
analytics.trackLink(document.getElementById('catalog-pdf'), 'Promotion Clicked', {
  promotion_id: 'featured-board', creative: 'text_link', name: 'Featured board', position: 'list_footer'
})`,
  }
}

/** @param {string} id */
export function productView(id) {
  const p = findProduct(id)
  if (!p) return { name: 'Not found', body: '<h1>No such product</h1><p><a href="/">Back</a></p>', script: '' }
  return {
    name: 'Product',
    body: `<p><a href="/">← All products</a></p>
<article class="product">
  <span class="thumb big">${esc(p.name.slice(0, 1))}</span>
  <div>
    <h1>${esc(p.name)}</h1>
    <p class="muted">${esc(p.brand)} · ${esc(p.category)} · ${esc(p.variant)} · SKU ${esc(p.sku)}</p>
    <p class="price">${money(p.price)}</p>
    <label>Quantity <input id="quantity" type="number" min="1" max="9" value="1"></label>
    <button id="add-to-cart" data-testid="add-to-cart">Add to cart</button>
    <p id="added" hidden>Added. <a href="/cart" data-testid="go-to-cart">View cart →</a></p>
  </div>
</article>`,
    script: `var product = ${json(p)}
analytics.track('Product Viewed', Object.assign({}, product, { quantity: 1, currency: '${CURRENCY}', value: product.price, url: location.href }))
document.getElementById('add-to-cart').addEventListener('click', function () {
  var quantity = Math.max(1, parseInt(document.getElementById('quantity').value, 10) || 1)
  shop.addToCart(product, quantity)
  analytics.track('Product Added', Object.assign({ cart_id: shop.cartId() }, product, { quantity: quantity }))
  document.getElementById('added').hidden = false
})`,
  }
}

export function cart() {
  return {
    name: 'Cart',
    body: `<h1>Your cart</h1>
<table id="cart-table"><thead><tr><th>Product</th><th>Qty</th><th>Price</th><th></th></tr></thead><tbody></tbody></table>
<p class="total">Subtotal: <strong id="subtotal"></strong></p>
<p><a class="button" href="/checkout" id="checkout" data-testid="checkout">Checkout →</a></p>`,
    script: `shop.renderCart(document.querySelector('#cart-table tbody'), document.getElementById('subtotal'), function (item) {
  analytics.track('Product Removed', Object.assign({ cart_id: shop.cartId() }, item))
})
analytics.track('Cart Viewed', { cart_id: shop.cartId(), products: shop.cart() })`,
  }
}

export function checkout() {
  return {
    name: 'Checkout',
    body: `<h1>Checkout</h1>
<form id="checkout-form" action="/order-completed" method="get" data-testid="checkout-form">
  <label>Email <input name="email" type="email" value="ada@example.com" required></label>
  <label>Shipping <select name="shipping_method"><option value="standard">Standard ($5)</option><option value="express">Express ($15)</option></select></label>
  <label>Payment <select name="payment_method"><option value="card">Card</option><option value="invoice">Invoice</option></select></label>
  <label>Coupon <input name="coupon" placeholder="SPRING10"></label>
  <p class="total">Order subtotal: <strong id="subtotal"></strong></p>
  <button type="submit" data-testid="place-order">Place order</button>
</form>`,
    script: `var order = shop.draftOrder()
document.getElementById('subtotal').textContent = shop.money(order.subtotal)
analytics.track('Checkout Started', {
  order_id: order.order_id, affiliation: 'Switchboard Supply', value: order.subtotal, revenue: order.subtotal,
  currency: '${CURRENCY}', products: order.products
})
analytics.track('Checkout Step Viewed', { checkout_id: order.checkout_id, step: 1 })
document.getElementById('checkout-form').addEventListener('submit', function (e) {
  var form = e.target
  var shipping = form.shipping_method.value === 'express' ? 15 : 5
  var placed = shop.placeOrder({ shipping: shipping, coupon: form.coupon.value || undefined,
    shipping_method: form.shipping_method.value, payment_method: form.payment_method.value })
  analytics.track('Payment Info Entered', { checkout_id: placed.checkout_id, order_id: placed.order_id, step: 1,
    shipping_method: form.shipping_method.value, payment_method: form.payment_method.value })
})`,
  }
}

export function orderCompleted() {
  return {
    name: 'Order Completed',
    body: `<h1>Thank you!</h1>
<p id="order-summary" data-testid="order-summary">Your order is on its way.</p>
<p><a href="/">Keep shopping</a></p>`,
    script: `var order = shop.takePlacedOrder()
if (order) {
  document.getElementById('order-summary').textContent = 'Order ' + order.order_id + ': ' + shop.money(order.total) + ' (' + order.products.length + ' item(s)).'
  analytics.track('Order Completed', {
    checkout_id: order.checkout_id, order_id: order.order_id, affiliation: 'Switchboard Supply',
    subtotal: order.subtotal, total: order.total, revenue: order.revenue, shipping: order.shipping, tax: order.tax,
    discount: order.discount, coupon: order.coupon, currency: '${CURRENCY}', products: order.products
  })
}`,
  }
}

export function account() {
  return {
    name: 'Sign In',
    body: `<h1>Sign in</h1>
<form id="identify-form" data-testid="identify-form">
  <label>User id <input name="userId" value="user-42" required></label>
  <label>Name <input name="name" value="Ada Lovelace"></label>
  <label>Email <input name="email" type="email" value="ada@example.com"></label>
  <label>Plan <select name="plan"><option>free</option><option>pro</option></select></label>
  <button type="submit" data-testid="identify">Identify</button>
  <button type="button" id="reset">Sign out (reset)</button>
</form>
<p id="identified" hidden>Identified as <strong id="identified-as"></strong>.</p>`,
    script: `document.getElementById('identify-form').addEventListener('submit', function (e) {
  e.preventDefault()
  var f = e.target
  analytics.identify(f.userId.value, { name: f.name.value, email: f.email.value, plan: f.plan.value })
  document.getElementById('identified-as').textContent = f.userId.value
  document.getElementById('identified').hidden = false
})
document.getElementById('reset').addEventListener('click', function () {
  analytics.reset()
  document.getElementById('identified').hidden = true
})`,
  }
}
