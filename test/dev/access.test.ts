// @vitest-environment node
// Who may drive the dev server: the tracking API and the CDN are open to every origin without
// credentials; the control API answers only the server's own origin under its own Host.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, start, track, type RunningServer } from './helpers'
// @ts-expect-error plain JS module with JSDoc types
import { parseHostHeader } from '../../dev/lib/access.mjs'

let server: RunningServer
let own: string
const FOREIGN = 'https://evil.example'

beforeAll(async () => {
  server = await start()
  own = `http://127.0.0.1:${server.port}`
})
afterAll(() => server.close())
beforeEach(async () => {
  await call(server, 'POST', '/__sb/reset')
  await call(server, 'DELETE', '/__sb/settings/victim-key')
})

const settingsOf = async (writeKey: string) => (await call(server, 'GET', `/v1/projects/${writeKey}/settings`)).body

describe('the control API refuses other origins', () => {
  it('does not hand recorded messages to a foreign page, with or without CORS headers', async () => {
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track({ event: 'Secret' })] })
    const reply = await call(server, 'GET', '/__sb/messages', undefined, { Origin: FOREIGN })
    expect(reply.status).toBe(403)
    expect(reply.body.error).toBe('forbidden_origin')
    expect(reply.text).not.toContain('Secret')
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined()
  })

  it.each([
    ['another site', FOREIGN],
    ['the same host on another port', `http://127.0.0.1:1`],
    ['another loopback name', 'http://localhost:PORT'],
    ['an opaque origin', 'null'],
  ])('refuses a settings write from %s and keeps the settings', async (_, origin) => {
    const before = await settingsOf('victim-key')
    const body = JSON.stringify({ integrations: {}, remotePlugins: [{ url: 'https://evil.example/x.js' }] })
    const reply = await call(server, 'PUT', '/__sb/settings/victim-key', body, {
      Origin: origin.replace('PORT', String(server.port)),
      'Content-Type': 'text/plain',
    })
    expect(reply.status).toBe(403)
    expect(await settingsOf('victim-key')).toEqual(before)
  })

  it('refuses fault injection, reset and the debugger stream from a foreign page', async () => {
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] })
    const headers = { Origin: FOREIGN, 'Content-Type': 'text/plain' }
    expect((await call(server, 'POST', '/__sb/faults', JSON.stringify({ mode: '500', count: 5 }), headers)).status).toBe(403)
    expect((await call(server, 'POST', '/__sb/reset', undefined, headers)).status).toBe(403)
    expect((await call(server, 'DELETE', '/__sb/settings/demo-write-key', undefined, headers)).status).toBe(403)
    expect((await call(server, 'GET', '/__sb/events', undefined, { Origin: FOREIGN })).status).toBe(403)
    expect((await call(server, 'GET', '/__sb/faults')).body.faults).toEqual([])
    expect((await controlState(server)).messages).toHaveLength(1)
  })

  it('refuses a no-cors request that a foreign page makes without an Origin header', async () => {
    const reply = await call(server, 'GET', '/__sb/messages', undefined, { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' })
    expect(reply.status).toBe(403)
    const sameSite = await call(server, 'GET', '/__sb/messages', undefined, { 'Sec-Fetch-Site': 'same-site' })
    expect(sameSite.status).toBe(403)
  })

  it('answers a preflight from a foreign page without any CORS permission', async () => {
    const reply = await call(server, 'OPTIONS', '/__sb/settings/victim-key', undefined, {
      Origin: FOREIGN,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-type',
    })
    expect(reply.status).toBe(403)
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    expect(reply.headers['access-control-allow-methods']).toBeUndefined()
  })

  it('answers its own pages and clients that are not browsers', async () => {
    expect((await call(server, 'GET', '/__sb/messages', undefined, { Origin: own })).status).toBe(200)
    expect((await call(server, 'GET', '/__sb/messages', undefined, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect((await call(server, 'GET', '/__sb/messages', undefined, { 'Sec-Fetch-Site': 'none' })).status).toBe(200)
    expect((await call(server, 'GET', '/__sb/messages')).status).toBe(200)
    const put = await call(server, 'PUT', '/__sb/settings/victim-key', JSON.stringify({ integrations: {} }), { Origin: own })
    expect(put.status).toBe(200)
    expect(await settingsOf('victim-key')).toEqual({ integrations: {} })
  })
})

describe('the control API refuses a foreign Host (DNS rebinding)', () => {
  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1:1', '127.0.0.1.evil.example:PORT', 'localhost:PORT:1', 'local host:PORT'])(
    'refuses Host %j',
    async (host) => {
      const value = host.replace('PORT', String(server.port))
      const reply = await call(server, 'GET', '/__sb/messages', undefined, { Host: value, Origin: `http://${value}` })
      expect(reply.status).toBe(403)
      expect(reply.body.error).toBe('forbidden_host')
    },
  )

  it('refuses it even for a same-origin request on the rebound name', async () => {
    const reply = await call(server, 'PUT', '/__sb/settings/victim-key', '{}', { Host: `evil.example:${server.port}` })
    expect(reply.status).toBe(403)
    expect(await settingsOf('victim-key')).not.toEqual({})
  })

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('answers under %s with its port', async (name) => {
    const host = `${name}:${server.port}`
    expect((await call(server, 'GET', '/__sb/messages', undefined, { Host: host })).status).toBe(200)
    expect((await call(server, 'GET', '/__sb/messages', undefined, { Host: host, Origin: `http://${host}` })).status).toBe(200)
  })

  it('answers under a name the server was started with', async () => {
    const lan = await start({ allowedHosts: ['devbox.local'] })
    try {
      const host = `devbox.local:${lan.port}`
      expect((await call(lan, 'GET', '/__sb/messages', undefined, { Host: host, Origin: `http://${host}` })).status).toBe(200)
      expect((await call(lan, 'GET', '/__sb/messages', undefined, { Host: `other.local:${lan.port}` })).status).toBe(403)
    } finally {
      await lan.close()
    }
  })

  it('splits Host headers into a name and a port', () => {
    expect(parseHostHeader('LocalHost:3000')).toEqual({ name: 'localhost', port: 3000 })
    expect(parseHostHeader('[::1]:8080')).toEqual({ name: '[::1]', port: 8080 })
    expect(parseHostHeader('example.com')).toEqual({ name: 'example.com', port: 80 })
    for (const bad of [undefined, '', ':3000', 'a:b', 'a:1:2', '::1:3000', 'a b:1', 'x:123456']) expect(parseHostHeader(bad)).toBeUndefined()
  })
})

describe('the public routes stay open to every origin, without credentials', () => {
  it('lets any page post events, never with credentials', async () => {
    const preflight = await call(server, 'OPTIONS', '/v1/batch', undefined, {
      Origin: FOREIGN,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined()
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track({ event: 'From Afar' })] }, { Origin: FOREIGN, Host: `evil.example:${server.port}` })
    expect(reply.status).toBe(200)
    expect(reply.headers['access-control-allow-origin']).toBe('*')
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined()
    expect((await controlState(server)).messages.map((m: any) => m.event)).toEqual(['From Afar'])
  })

  it('lets any page read the settings and the bundle', async () => {
    const settings = await call(server, 'GET', '/v1/projects/any/settings', undefined, { Origin: FOREIGN })
    expect(settings.status).toBe(200)
    expect(settings.headers['access-control-allow-origin']).toBe('*')
    expect(settings.headers['access-control-allow-credentials']).toBeUndefined()
    const preflight = await call(server, 'OPTIONS', '/v1/projects/any/settings', undefined, { Origin: FOREIGN, 'Access-Control-Request-Method': 'PUT' })
    expect(String(preflight.headers['access-control-allow-methods'])).not.toMatch(/PUT|POST|DELETE/)
    expect((await call(server, 'PUT', '/v1/projects/any/settings', '{}', { Origin: FOREIGN })).status).toBe(405)
  })
})
