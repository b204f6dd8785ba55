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

  // The consent demo: a tiny consent manager of the shop's own. "off" loads Switchboard as
  // before; "opt-in" holds everything until the visitor chooses in the banner; "opt-out" sends
  // until they refuse. Categories use OneTrust's usual ids: C0001 necessary, C0002 analytics,
  // C0004 advertising (the demo settings map the destinations to them).
  var MODEL = 'sb-demo-consent-model'
  var CHOICE = 'sb-demo-consent'
  var consentListeners = []
  var consent = {
    model: function () {
      var m = read(MODEL, null)
      return m === 'opt-in' || m === 'opt-out' ? m : null
    },
    setModel: function (model) {
      if (model) write(MODEL, model)
      else localStorage.removeItem(MODEL)
      localStorage.removeItem(CHOICE)
      location.reload()
    },
    choice: function () {
      return read(CHOICE, null)
    },
    choose: function (analytics, ads) {
      var c = { C0001: true, C0002: !!analytics, C0004: !!ads }
      write(CHOICE, c)
      consentListeners.forEach(function (fn) { fn(c) })
      renderBanner()
    },
  }
  shop.consent = consent

  /** The load options: with a demo model, Switchboard's consent option driven by the banner. */
  shop.loadOptions = function () {
    var model = consent.model()
    if (!model) return {}
    return {
      consent: {
        model: model,
        // Undecided in opt-in; opt-out starts from everything granted.
        getCategories: function () {
          return consent.choice() || (model === 'opt-out' ? { C0001: true, C0002: true, C0004: true } : undefined)
        },
        onChange: function (callback) { consentListeners.push(callback) },
      },
    }
  }

  function renderBanner() {
    var old = document.getElementById('consent-banner')
    if (old) old.remove()
    var model = consent.model()
    var open = model && (!consent.choice() || renderBanner.reopened)
    renderBanner.reopened = false
    if (!open) return
    var banner = document.createElement('section')
    banner.id = 'consent-banner'
    banner.setAttribute('data-testid', 'consent-banner')
    banner.innerHTML =
      '<strong></strong><p class="muted"></p>' +
      '<button type="button" data-testid="consent-accept">Accept all</button> ' +
      '<button type="button" data-testid="consent-analytics">Analytics only</button> ' +
      '<button type="button" data-testid="consent-reject">Reject all</button>'
    banner.querySelector('strong').textContent = 'Cookies and tracking (' + model + ')'
    banner.querySelector('p').textContent = model === 'opt-in'
      ? 'Nothing is sent, stored or loaded until you choose; what you did meanwhile is held and follows your choice.'
      : 'Events are sent until you refuse; refusing stops the destinations of that category at once.'
    banner.querySelector('[data-testid=consent-accept]').onclick = function () { consent.choose(true, true) }
    banner.querySelector('[data-testid=consent-analytics]').onclick = function () { consent.choose(true, false) }
    banner.querySelector('[data-testid=consent-reject]').onclick = function () { consent.choose(false, false) }
    document.body.appendChild(banner)
  }

  /** Footer controls: which consent model the demo uses, and reopening the banner. */
  function consentControls() {
    var footer = document.querySelector('footer')
    if (!footer) return
    var p = document.createElement('p')
    p.className = 'muted consent-controls'
    p.textContent = 'Consent demo: '
    ;[['off', null], ['opt-in', 'opt-in'], ['opt-out', 'opt-out']].forEach(function (m) {
      var b = document.createElement('button')
      b.type = 'button'
      b.className = 'link' + (consent.model() === m[1] ? ' current' : '')
      b.setAttribute('data-testid', 'consent-model-' + m[0])
      b.textContent = m[0]
      b.onclick = function () { consent.setModel(m[1]) }
      p.appendChild(b)
    })
    if (consent.model()) {
      var again = document.createElement('button')
      again.type = 'button'
      again.className = 'link'
      again.textContent = 'privacy settings'
      again.onclick = function () { renderBanner.reopened = true; renderBanner() }
      p.appendChild(again)
    }
    footer.appendChild(p)
    renderBanner()
  }

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
  function ready() {
    vendorPanel()
    consentControls()
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready)
  else ready()
})()
