// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, start, type RunningServer } from './helpers'

let server: RunningServer
let dir: string
let configPath: string
const config = {
  defaultWriteKey: 'shop-key',
  writeKeys: {
    'shop-key': {
      segmentio: { deliveryStrategy: { strategy: 'batching', config: { size: 5, timeout: 100 } } },
      destinations: {
        Mixpanel: { enabled: true, settings: { token: 'tok', scriptUrl: '/dev/vendors/fake-vendor.js?vendor=mixpanel' } },
        Hotjar: { enabled: false, settings: { hjid: 1 } },
      },
    },
  },
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-dev-config-'))
  configPath = join(dir, 'config.json')
  writeFileSync(configPath, JSON.stringify(config))
  server = await start({ configPath })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('settings CDN', () => {
  it('serves the default settings for any writeKey, pointing Segment.io at this server', async () => {
    const reply = await call(server, 'GET', '/v1/projects/any-key/settings')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toMatch(/^application\/json/)
    expect(reply.body).toEqual({
      integrations: { 'Segment.io': { apiKey: 'any-key', apiHost: `127.0.0.1:${server.port}/v1`, protocol: 'http' } },
      plan: {},
      remotePlugins: [],
    })
  })

  it('builds device-mode entries from the config file, leaving disabled destinations out', async () => {
    const { body } = await call(server, 'GET', '/v1/projects/shop-key/settings')
    expect(body.integrations['Segment.io']).toMatchObject({ apiKey: 'shop-key', deliveryStrategy: { strategy: 'batching' } })
    expect(body.integrations.Mixpanel).toEqual({
      token: 'tok',
      scriptUrl: `${server.url}/dev/vendors/fake-vendor.js?vendor=mixpanel`,
      type: 'browser',
      versionSettings: { componentTypes: ['browser'] },
      bundlingStatus: 'bundled',
    })
    expect(body.integrations.Hotjar).toBeUndefined()
  })

  it('re-reads the config file on each request', async () => {
    writeFileSync(configPath, JSON.stringify({ writeKeys: { 'shop-key': { destinations: { Hotjar: { settings: { hjid: 2 } } } } } }))
    try {
      const { body } = await call(server, 'GET', '/v1/projects/shop-key/settings')
      expect(body.integrations.Hotjar).toMatchObject({ hjid: 2, type: 'browser' })
      expect(body.integrations.Mixpanel).toBeUndefined()
    } finally {
      writeFileSync(configPath, JSON.stringify(config))
    }
  })

  it('lets a test replace and restore the settings of one writeKey', async () => {
    const custom = { integrations: { 'Segment.io': { apiKey: 'x', apiHost: 'elsewhere/v1' } }, plan: { track: {} } }
    expect((await call(server, 'PUT', '/__sb/settings/shop-key', JSON.stringify(custom))).status).toBe(200)
    expect((await call(server, 'GET', '/v1/projects/shop-key/settings')).body).toEqual(custom)
    expect((await call(server, 'GET', '/v1/projects/other/settings')).body.integrations['Segment.io'].apiKey).toBe('other')
    expect((await call(server, 'DELETE', '/__sb/settings/shop-key')).status).toBe(200)
    expect((await call(server, 'GET', '/v1/projects/shop-key/settings')).body.integrations.Mixpanel).toBeDefined()
  })

  it('refuses settings that are not a JSON object', async () => {
    const reply = await call(server, 'PUT', '/__sb/settings/shop-key', '[1]')
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('invalid_settings')
  })
})

describe('static files', () => {
  it.each([
    ['/node_modules/@segment/snippet/package.json', /^application\/json/],
    ['/dev/vendors/fake-vendor.js', /^text\/javascript/],
    ['/dev/assets/debugger.css', /^text\/css/],
    ['/debugger', /^text\/html/],
    ['/', /^text\/html/],
  ])('serves %s with its content type', async (path, type) => {
    const reply = await call(server, 'GET', path)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toMatch(type)
  })

  it.each([
    '/dist/../package.json',
    '/e2e/fixtures/../../package.json',
    '/e2e/fixtures/..%2f..%2fpackage.json',
    '/node_modules/@segment/%2e%2e/%2e%2e/package.json',
    '/dev/vendors/..%5c..%5cpackage.json',
    '/dev/vendors/%00fake-vendor.js',
  ])('does not serve %s outside its folder', async (path) => {
    const reply = await call(server, 'GET', path)
    expect(reply.status).toBe(404)
    expect(reply.text).not.toMatch(/"name": "switchboard-analytics"/)
  })

  it.each(['/dev/assets/%E0%A4%A', '/v1/projects/%ZZ/settings', '/__sb/settings/%E0%A4', '/%'])(
    'answers a malformed %% escape in %s with 400',
    async (path) => {
      const reply = await call(server, 'GET', path)
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe('bad_path')
      expect((await call(server, 'PUT', path, '{}')).status).toBe(400)
    },
  )

  it('answers a missing bundle with 404 JavaScript that explains what to build', async () => {
    const reply = await call(server, 'GET', '/plugins/no-such-destination.js')
    expect(reply.status).toBe(404)
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/)
    expect(reply.text).toMatch(/npm run build/)
  })

  it('renders the demo shop with the snippet pointed at this server', async () => {
    const reply = await call(server, 'GET', '/products/sb-103')
    expect(reply.text).toContain(server.url)
    expect(reply.text).toMatch(/analytics\.track\('Product Viewed'/)
    expect(reply.text).toContain('shop-key')
  })

  it('answers an unknown path with a JSON 404', async () => {
    const reply = await call(server, 'GET', '/nope')
    expect(reply.status).toBe(404)
    expect(reply.body.error).toBe('not_found')
  })
})
