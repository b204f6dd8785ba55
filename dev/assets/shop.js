// Demo shop helpers: the cart and orders live in localStorage so the pages can be plain
// server-rendered HTML. Nothing here talks to the API; the pages call window.analytics.
;(function () {
  var CART = 'sb-demo-cart'
  var CART_ID = 'sb-demo-cart-id'
  var PLACED = 'sb-demo-placed-order'
  var TAX_RATE = 0.08

  function read(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key))
      return value == null ? fallback : value
    } catch (e) {
      return fallback
    }
  }
  function write(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value))
    } catch (e) {}
  }
  function id(prefix) {
    return prefix + '-' + Math.random().toString(36).slice(2, 10)
  }
  function round(n) {
    return Math.round(n * 100) / 100
  }

  var shop = {
    money: function (n) {
      return '$' + Number(n || 0).toFixed(2)
    },
    product: function (productId, list) {
      for (var i = 0; i < list.length; i++) if (list[i].product_id === productId) return list[i]
      return { product_id: productId }
    },
    cart: function () {
      return read(CART, [])
    },
    cartId: function () {
      var cartId = read(CART_ID, null)
      if (!cartId) write(CART_ID, (cartId = id('cart')))
      return cartId
    },
    addToCart: function (product, quantity) {
      var cart = shop.cart()
      var line = null
      for (var i = 0; i < cart.length; i++) if (cart[i].product_id === product.product_id) line = cart[i]
      if (line) line.quantity += quantity
      else cart.push(Object.assign({}, product, { quantity: quantity, position: cart.length + 1 }))
      write(CART, cart)
      shop.renderCartCount()
    },
    removeFromCart: function (productId) {
      write(CART, shop.cart().filter(function (l) { return l.product_id !== productId }))
      shop.renderCartCount()
    },
    subtotal: function (lines) {
      return round(lines.reduce(function (sum, l) { return sum + l.price * l.quantity }, 0))
    },
    renderCartCount: function () {
      var el = document.getElementById('cart-count')
      if (el) el.textContent = String(shop.cart().reduce(function (n, l) { return n + l.quantity }, 0))
    },
    renderCart: function (tbody, subtotalEl, onRemove) {
      var lines = shop.cart()
      tbody.innerHTML = ''
      if (!lines.length) tbody.innerHTML = '<tr><td colspan="4" class="muted">Your cart is empty. <a href="/">Browse products</a></td></tr>'
      lines.forEach(function (line) {
        var tr = document.createElement('tr')
        tr.innerHTML = '<td></td><td></td><td></td><td><button type="button">Remove</button></td>'
        tr.children[0].textContent = line.name
        tr.children[1].textContent = String(line.quantity)
        tr.children[2].textContent = shop.money(line.price * line.quantity)
        tr.querySelector('button').addEventListener('click', function () {
          shop.removeFromCart(line.product_id)
          onRemove(line)
          shop.renderCart(tbody, subtotalEl, onRemove)
        })
        tbody.appendChild(tr)
      })
      subtotalEl.textContent = shop.money(shop.subtotal(lines))
    },
    /** The order being checked out: ids are kept so every checkout event agrees. */
    draftOrder: function () {
      var lines = shop.cart()
      var draft = read('sb-demo-draft', null)
      if (!draft) write('sb-demo-draft', (draft = { order_id: id('order'), checkout_id: id('checkout') }))
      return { order_id: draft.order_id, checkout_id: draft.checkout_id, products: lines, subtotal: shop.subtotal(lines) }
    },
    placeOrder: function (details) {
      var order = shop.draftOrder()
      var discount = details.coupon ? round(order.subtotal * 0.1) : 0
      var revenue = round(order.subtotal - discount)
      var tax = round(revenue * TAX_RATE)
      var placed = Object.assign(order, details, {
        discount: discount,
        revenue: revenue,
        subtotal: revenue,
        tax: tax,
        total: round(revenue + tax + details.shipping),
      })
      write(PLACED, placed)
      write(CART, [])
      localStorage.removeItem('sb-demo-draft')
      localStorage.removeItem(CART_ID)
      return placed
    },
    /** The order just placed, once: a reload of the thank-you page does not re-send it. */
    takePlacedOrder: function () {
      var placed = read(PLACED, null)
      localStorage.removeItem(PLACED)
      return placed
    },
  }
  window.shop = shop

  /** Lists the calls the device-mode destinations made on the (stand-in) vendor SDKs. */
  function vendorPanel() {
    var panel = document.createElement('details')
    panel.id = 'vendor-calls'
    panel.innerHTML = '<summary>Device-mode calls: <span>0</span></summary><ol></ol>'
    document.body.appendChild(panel)
    var count = panel.querySelector('span')
    var list = panel.querySelector('ol')
    function add(call) {
      var li = document.createElement('li')
      var args = ''
      try { args = JSON.stringify(call.args) } catch (e) { args = '…' }
      li.textContent = call.vendor + ' · ' + call.name + ' ' + (args.length > 160 ? args.slice(0, 160) + '…' : args)
      list.insertBefore(li, list.firstChild)
      while (list.children.length > 100) list.removeChild(list.lastChild)
      count.textContent = String(Number(count.textContent) + 1)
    }
    ;(window.__sbVendorCalls || []).forEach(add)
    window.addEventListener('switchboard:vendor-call', function (e) { add(e.detail) })
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', vendorPanel)
  else vendorPanel()
})()
