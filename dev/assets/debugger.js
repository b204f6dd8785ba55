// Live debugger: listens to /__sb/events (Server-Sent Events) and renders every message the
// dev server received, accepted or not, with filters, counts and fault-injection controls.
;(function () {
  var MAX_ROWS = 1000
  var entries = []
  var expanded = {}
  var $ = function (id) { return document.getElementById(id) }

  function text(tag, value, className) {
    var el = document.createElement(tag)
    el.textContent = value == null ? '' : String(value)
    if (className) el.className = className
    return el
  }
  function message(entry) {
    return entry.message && typeof entry.message === 'object' ? entry.message : {}
  }
  function label(m) {
    if (m.request) return 'request refused (' + m.error + ')'
    if (m.type === 'track') return m.event
    if (m.type === 'page' || m.type === 'screen') return [m.category, m.name].filter(Boolean).join(' ') || '(unnamed)'
    if (m.type === 'group') return m.groupId
    if (m.type === 'alias') return (m.previousId || '?') + ' → ' + (m.userId || '?')
    if (m.type === 'identify') return m.traits && (m.traits.email || m.traits.name) || ''
    return ''
  }
  function user(m) {
    return m.userId != null ? String(m.userId) : m.anonymousId != null ? 'anon ' + String(m.anonymousId).slice(0, 8) : '—'
  }
  /** receivedAt − timestamp: how long the event took to reach the API. */
  function delay(entry) {
    var m = message(entry)
    var sent = Date.parse(m.timestamp || m.originalTimestamp)
    var received = Date.parse(entry.receivedAt)
    if (isNaN(sent) || isNaN(received)) return null
    return received - sent
  }
  function formatDelay(ms) {
    if (ms == null) return '—'
    if (Math.abs(ms) < 1000) return ms + ' ms'
    if (Math.abs(ms) < 120000) return (ms / 1000).toFixed(1) + ' s'
    return Math.round(ms / 60000) + ' min'
  }
  function time(iso) {
    var d = new Date(iso)
    if (isNaN(d)) return ''
    var pad = function (n, w) { return String(n).padStart(w || 2, '0') }
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3)
  }

  function filters() {
    var f = $('filters')
    return {
      type: f.type.value,
      event: f.event.value.trim().toLowerCase(),
      user: f.user.value.trim().toLowerCase(),
      status: f.status.value,
    }
  }
  function matches(entry, f) {
    var m = message(entry)
    if (f.type && m.type !== f.type) return false
    if (f.status && entry.status !== f.status) return false
    if (f.event && String(label(m) || '').toLowerCase().indexOf(f.event) < 0) return false
    if (f.user) {
      var ids = [m.userId, m.anonymousId].filter(function (v) { return v != null }).join(' ').toLowerCase()
      if (ids.indexOf(f.user) < 0) return false
    }
    return true
  }

  /** The preferences the message carries, and the destinations of its source they keep it from. */
  function consentCell(entry) {
    var td = text('td', '')
    td.setAttribute('data-testid', 'consent')
    var c = entry.consent
    if (!c) {
      td.appendChild(text('span', '—', 'muted'))
      return td
    }
    Object.keys(c.categories).forEach(function (id) {
      td.appendChild(text('span', (c.categories[id] ? '✓ ' : '✗ ') + id, 'category ' + (c.categories[id] ? 'granted' : 'refused')))
    })
    td.setAttribute('data-kept-from', c.keptFrom.join(','))
    if (c.keptFrom.length) td.appendChild(text('div', 'kept from ' + c.keptFrom.join(', '), 'kept'))
    return td
  }

  function row(entry, fresh) {
    var m = message(entry)
    var tr = document.createElement('tr')
    tr.className = 'entry ' + entry.status + (fresh ? ' fresh' : '')
    tr.setAttribute('data-testid', 'entry')
    tr.setAttribute('data-status', entry.status)
    tr.setAttribute('data-type', m.type || '')
    tr.setAttribute('data-event', m.event || '')
    tr.appendChild(text('td', time(entry.receivedAt)))
    var type = text('td', '')
    type.appendChild(text('span', m.request ? 'request' : m.type || '(no type)', 'type'))
    tr.appendChild(type)
    var name = text('td', label(m))
    if (entry.status === 'rejected') {
      name.appendChild(text('div', 'invalid', 'invalid'))
      var errors = document.createElement('ul')
      errors.className = 'errors'
      errors.setAttribute('data-testid', 'errors')
      entry.errors.forEach(function (e) { errors.appendChild(text('li', e)) })
      name.appendChild(errors)
    }
    if (entry.warnings && entry.warnings.length) {
      var warnings = document.createElement('ul')
      warnings.className = 'warnings'
      entry.warnings.forEach(function (w) { warnings.appendChild(text('li', w)) })
      name.appendChild(warnings)
    }
    if (entry.violations && entry.violations.length) {
      var violations = document.createElement('ul')
      violations.className = 'violations'
      violations.setAttribute('data-testid', 'violations')
      entry.violations.forEach(function (v) { violations.appendChild(text('li', v.violationType + ': ' + v.violationDescription)) })
      name.appendChild(violations)
      tr.setAttribute('data-violations', String(entry.violations.length))
    }
    tr.appendChild(name)
    tr.appendChild(text('td', user(m)))
    tr.appendChild(consentCell(entry))
    var ms = delay(entry)
    tr.appendChild(text('td', formatDelay(ms), ms != null && ms > 5000 ? 'slow' : ''))
    tr.appendChild(text('td', entry.path, 'muted'))
    tr.addEventListener('click', function () {
      expanded[entry.id] = !expanded[entry.id]
      render()
    })
    return tr
  }
  function detail(entry) {
    var tr = document.createElement('tr')
    tr.className = 'detail'
    var td = document.createElement('td')
    td.colSpan = 7
    var shown = entry.status === 'accepted' ? entry.message : { message: entry.message, errors: entry.errors }
    td.appendChild(text('pre', JSON.stringify(shown, null, 2)))
    tr.appendChild(td)
    return tr
  }

  var freshIds = {}
  function render() {
    var f = filters()
    var body = $('entries')
    body.textContent = ''
    var shown = 0
    for (var i = entries.length - 1; i >= 0 && shown < 500; i--) {
      var entry = entries[i]
      if (!matches(entry, f)) continue
      body.appendChild(row(entry, freshIds[entry.id]))
      if (expanded[entry.id]) body.appendChild(detail(entry))
      shown++
    }
    freshIds = {}
    $('shown').textContent = shown + ' of ' + entries.length + ' shown'
    $('empty').hidden = entries.length > 0
    renderCounts()
  }
  function renderCounts() {
    var counts = {}
    var violations = {}
    entries.forEach(function (entry) {
      var m = message(entry)
      var key = m.type === 'track' ? m.event : m.type === 'page' ? 'page: ' + label(m) : m.type
      if (entry.status === 'rejected') key = m.request ? '✗ refused request: ' + m.error : '✗ invalid ' + (m.type || 'message') + (m.event ? ': ' + m.event : '')
      counts[key] = (counts[key] || 0) + 1
      if (entry.violations) violations[key] = (violations[key] || 0) + entry.violations.length
    })
    var body = $('counts')
    body.textContent = ''
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1) }).forEach(function (key) {
      var tr = document.createElement('tr')
      tr.setAttribute('data-testid', 'count')
      tr.appendChild(text('td', key, key.charAt(0) === '✗' ? 'invalid' : ''))
      tr.appendChild(text('td', counts[key]))
      // Tracking-plan violations of this event (only when the server checks a plan).
      var v = text('td', violations[key] ? violations[key] + ' ✗ plan' : '', 'violations-count')
      if (violations[key]) v.setAttribute('data-testid', 'violation-count')
      tr.appendChild(v)
      body.appendChild(tr)
    })
  }
  function renderRequests(list) {
    var ul = $('requests')
    list.forEach(function (r) {
      var li = text('li', time(r.at) + '  ' + (r.status || 'dropped') + '  ' + r.path + '  ' + r.count + ' msg' +
        (r.fault ? '  [' + r.fault + ']' : '') + (r.error && !r.fault ? '  ' + r.error : ''), 's' + String(r.status).charAt(0))
      ul.insertBefore(li, ul.firstChild)
    })
    while (ul.children.length > 200) ul.removeChild(ul.lastChild)
  }
  function renderFaults(list) {
    var ul = $('faults')
    ul.textContent = ''
    if (!list.length) ul.appendChild(text('li', 'no faults pending', 'muted'))
    list.forEach(function (f) {
      var what = f.mode === '429' ? '429 (Retry-After ' + f.retryAfter + ' s)' : f.mode === 'delay' ? 'delay ' + f.delayMs + ' ms' : f.mode
      ul.appendChild(text('li', 'next ' + f.count + ' ' + f.target + ' request(s): ' + what))
    })
  }

  function connect() {
    var source = new EventSource('/__sb/events')
    source.addEventListener('open', function () {
      $('connection').textContent = 'live'
      $('connection').className = 'pill live'
    })
    source.addEventListener('error', function () {
      $('connection').textContent = 'reconnecting…'
      $('connection').className = 'pill'
    })
    source.addEventListener('snapshot', function (e) {
      var data = JSON.parse(e.data)
      entries = data.entries
      $('requests').textContent = ''
      renderRequests(data.requests)
      renderFaults(data.faults)
      render()
    })
    source.addEventListener('entry', function (e) {
      var entry = JSON.parse(e.data)
      entries.push(entry)
      if (entries.length > MAX_ROWS) entries.splice(0, entries.length - MAX_ROWS)
      freshIds[entry.id] = true
      scheduleRender()
    })
    source.addEventListener('request', function (e) { renderRequests([JSON.parse(e.data)]) })
    source.addEventListener('faults', function (e) { renderFaults(JSON.parse(e.data)) })
    source.addEventListener('reset', function () {
      entries = []
      $('requests').textContent = ''
      render()
    })
  }
  // A burst of events re-renders once per frame, not once per event.
  var pending = false
  function scheduleRender() {
    if (pending) return
    pending = true
    requestAnimationFrame(function () {
      pending = false
      render()
    })
  }

  function post(path, body, method) {
    return fetch(path, { method: method || 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
  }
  $('filters').addEventListener('input', render)
  $('filters').addEventListener('submit', function (e) { e.preventDefault() })
  $('reset').addEventListener('click', function () { post('/__sb/reset') })
  var faultForm = $('fault-form')
  function showFaultOptions() {
    Array.prototype.forEach.call(faultForm.querySelectorAll('.opt'), function (el) {
      el.hidden = el.getAttribute('data-mode') !== faultForm.mode.value
    })
  }
  faultForm.mode.addEventListener('change', showFaultOptions)
  showFaultOptions()
  faultForm.addEventListener('submit', function (e) {
    e.preventDefault()
    post('/__sb/faults', {
      target: faultForm.target.value,
      mode: faultForm.mode.value,
      count: Number(faultForm.count.value) || 1,
      retryAfter: Number(faultForm.retryAfter.value) || 0,
      delayMs: Number(faultForm.delayMs.value) || 0,
    })
  })
  $('clear-faults').addEventListener('click', function () { post('/__sb/faults', null, 'DELETE') })
  connect()
})()
