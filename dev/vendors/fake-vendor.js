// Offline stand-in for a vendor SDK (gtag.js, gtm.js, fbevents.js, mixpanel, amplitude,
// hotjar, posthog) so the demo shop's device-mode destinations work without the internet.
// It takes over the queue the destination's stub filled, and records every call on
// window.__sbVendorCalls (the demo page lists them). Which vendor: ?vendor=<name> in its URL.
;(function () {
  var script = document.currentScript
  var vendor = script ? new URL(script.src).searchParams.get('vendor') : null
  var w = window
  var log = (w.__sbVendorCalls = w.__sbVendorCalls || [])
  var slice = Array.prototype.slice

  function record(name, args) {
    log.push({ vendor: vendor, name: String(name), args: args, at: Date.now() })
    if (log.length > 500) log.shift()
    try {
      w.dispatchEvent(new CustomEvent('switchboard:vendor-call', { detail: log[log.length - 1] }))
    } catch (e) {}
  }
  /** Records what an array already holds and everything pushed onto it later. */
  function tap(array, each) {
    if (!array || typeof array.push !== 'function') return
    for (var i = 0; i < array.length; i++) each(array[i])
    var previous = array.push
    array.push = function () {
      for (var j = 0; j < arguments.length; j++) each(arguments[j])
      return previous.apply(this, arguments)
    }
  }
  var isArguments = function (v) { return Object.prototype.toString.call(v) === '[object Arguments]' }
  var fromCommand = function (entry) { record(entry[0], slice.call(entry, 1)) }

  if (vendor === 'gtag') {
    tap((w.dataLayer = w.dataLayer || []), function (e) { if (isArguments(e)) fromCommand(e) })
  } else if (vendor === 'gtm') {
    tap((w.dataLayer = w.dataLayer || []), function (e) {
      if (e && typeof e === 'object' && !isArguments(e)) record(e.event || 'push', [e])
    })
  } else if (vendor === 'fbq' && w.fbq) {
    ;(w.fbq.queue || []).forEach(fromCommand)
    w.fbq.queue = []
    w.fbq.callMethod = function () { fromCommand(arguments) }
  } else if ((vendor === 'mixpanel' || vendor === 'posthog') && w[vendor]) {
    var lib = w[vendor]
    ;(lib._i || []).forEach(function (init) { record('init', init) })
    tap(lib, fromCommand)
    tap(lib.people, function (e) { record('people.' + e[0], slice.call(e, 1)) })
    lib.__loaded = true
    lib.config = lib.config || {}
  } else if (vendor === 'amplitude' && w.amplitude) {
    tap(w.amplitude._q, function (e) {
      record(e.name, e.args)
      if (e.resolve) e.resolve({ code: 200, message: 'recorded by the dev server stand-in' })
    })
  } else if (vendor === 'hotjar' && w.hj) {
    tap((w.hj.q = w.hj.q || []), fromCommand)
  } else {
    record('unknown-vendor', [vendor])
  }
})()
