// Switchboard's snippet, before minification. renderSnippet() calls this function with the
// page's settings; the body itself never changes, so the minified copy is built once.
//
// It keeps the Analytics.js 2.0 snippet contract: `window[key]` is an array that records
// `[method, ...args]` for every stubbed call (plus the page context at call time for the
// event methods), `load()` injects the bundle, and `_writeKey`, `_cdn`, `_loadOptions` and
// `SNIPPET_VERSION` tell the bundle where it came from. Beyond it, `load()` starts the settings
// request alongside the bundle's (`_settings`, which the bundle takes over) and, when the page
// names its tracking API (`api`, an origin), opens the connection to it.
// eslint-disable-next-line no-unused-vars
function switchboardSnippet(key, writeKey, cdn, load, page, api) {
  var analytics = (window[key] = window[key] || [])
  // The real library is already on the page.
  if (analytics.initialize) return
  if (analytics.invoked) {
    if (window.console && console.error) console.error('Segment snippet included twice.')
    return
  }
  analytics.invoked = true
  analytics.methods = [
    'trackSubmit', 'trackClick', 'trackLink', 'trackForm', 'pageview', 'identify', 'reset',
    'group', 'track', 'ready', 'alias', 'debug', 'page', 'screen', 'once', 'off', 'on',
    'addSourceMiddleware', 'addIntegrationMiddleware', 'setAnonymousId',
    'addDestinationMiddleware', 'register',
  ]
  analytics.factory = function (method) {
    return function () {
      // A reference kept from before the bundle loaded still reaches the real instance.
      if (window[key].initialized) return window[key][method].apply(window[key], arguments)
      var args = Array.prototype.slice.call(arguments)
      if (['track', 'screen', 'alias', 'group', 'page', 'identify'].indexOf(method) > -1) {
        // The page as it is now, so a replayed call reports where it was made.
        var canonical = document.querySelector('link[rel=canonical]')
        args.push({
          __t: 'bpc',
          c: (canonical && canonical.getAttribute('href')) || undefined,
          p: location.pathname,
          u: location.href,
          s: location.search,
          t: document.title,
          r: document.referrer,
        })
      }
      args.unshift(method)
      analytics.push(args)
      return analytics
    }
  }
  for (var i = 0; i < analytics.methods.length; i++) {
    analytics[analytics.methods[i]] = analytics.factory(analytics.methods[i])
  }
  var self = document.currentScript
  analytics.load = function (writeKey, options) {
    var script = document.createElement('script')
    script.type = 'text/javascript'
    script.async = true
    script.setAttribute('data-global-segment-analytics-key', key)
    // On a strict-CSP page the snippet's own nonce lets the bundle in too.
    var nonce = (options && options.nonce) || (self && self.nonce)
    if (nonce) script.nonce = nonce
    script.src = cdn + '/analytics.js/v1/' + writeKey + '/analytics.min.js'
    var first = document.getElementsByTagName('script')[0]
    if (first) first.parentNode.insertBefore(script, first)
    else document.head.appendChild(script)
    analytics._loadOptions = options
    analytics._writeKey = writeKey
    if (window.fetch) {
      analytics._settings = fetch(cdn + '/v1/projects/' + encodeURIComponent(writeKey) + '/settings')
      // Handled here too: a bundle that never arrives (blocked) must not leave an unhandled rejection.
      analytics._settings['catch'](function () {})
    }
    if (api) {
      var link = document.createElement('link')
      link.rel = 'preconnect'
      link.href = api
      // fetch() to another origin without credentials uses the anonymous connection.
      link.crossOrigin = ''
      document.head.appendChild(link)
    }
  }
  analytics._writeKey = writeKey
  analytics._cdn = cdn
  analytics.SNIPPET_VERSION = 'switchboard-1'
  // load: 0 = don't load (consent tools call load() later), 1 = load, object = load with options.
  if (load) analytics.load(writeKey, load === 1 ? undefined : load)
  if (page) analytics.page.apply(analytics, page)
}
