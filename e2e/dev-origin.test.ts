// The dev server in Chromium, seen from pages of other origins: a second small server on
// 127.0.0.1, and the server's own debugger reached as http://localhost:PORT (the server's origin
// is http://127.0.0.1:PORT). They can post events, but they cannot read what was recorded,
// change the CDN settings, inject faults or follow the debugger stream.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'

let env: Environment
let own: string
/** Another site on this machine: any path is a blank page. */
let other: Server
const origins: Record<string, string> = {}

beforeAll(async () => {
  env = await startEnvironment()
  own = env.server.url
  other = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other</title>'))
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
  origins.site = `http://127.0.0.1:${(other.address() as { port: number }).port}`
  origins.localhost = `http://localhost:${env.server.port}`
})
afterAll(async () => {
  await new Promise((resolve) => other?.close(resolve))
  await env?.close()
})

/** A page of `origin`, served over the network (browsers treat pages from memory differently). */
async function pageAt(origin: string): Promise<Page> {
  const page = await env.browser.newPage()
  await page.goto(origin === origins.site ? `${origin}/` : `${origin}/debugger`)
  expect(await page.evaluate(() => location.origin)).toBe(origin)
  return page
}

/** Runs fetch() in the page; 'blocked' when the browser refuses to hand over the answer. */
async function tryFetch(page: Page, url: string, init: RequestInit): Promise<string> {
  return page.evaluate(
    async ([url, init]) => {
      try {
        const res = await fetch(url, init)
        return res.type === 'opaque' ? 'opaque' : `${res.status} ${await res.text()}`
      } catch {
        return 'blocked'
      }
    },
    [url, init] as const,
  )
}

const controlState = async () => (await (await fetch(`${own}/__sb/messages`)).json()) as { messages: any[] }
const settingsOf = async (key: string) => (await fetch(`${own}/v1/projects/${key}/settings`)).json()

describe.each(['site', 'localhost'])('a page of another origin (%s)', (which) => {
  const pageOfOtherOrigin = () => pageAt(origins[which])
  it('cannot read the recorded messages, not even with credentials', async () => {
    await fetch(`${own}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: 'wk', batch: [{ type: 'track', event: 'Private', anonymousId: 'a' }] }) })
    const page = await pageOfOtherOrigin()
    try {
      expect(await tryFetch(page, `${own}/__sb/messages`, { credentials: 'include' })).toBe('blocked')
      expect(await tryFetch(page, `${own}/__sb/messages`, {})).toBe('blocked')
      const stream = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const source = new EventSource(url)
            source.addEventListener('snapshot', (e) => resolve(`read ${(e as MessageEvent).data.length} chars`))
            source.onerror = () => {
              source.close()
              resolve('blocked')
            }
          }),
        `${own}/__sb/events`,
      )
      expect(stream).toBe('blocked')
    } finally {
      await page.close()
    }
  })

  it('cannot change the settings or inject faults', async () => {
    const before = await settingsOf('demo-write-key')
    const page = await pageOfOtherOrigin()
    try {
      const evil = JSON.stringify({ integrations: {}, remotePlugins: [{ name: 'x', url: 'https://evil.example/x.js' }] })
      const put = await tryFetch(page, `${own}/__sb/settings/demo-write-key`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: evil,
        credentials: 'include',
      })
      expect(put).toBe('blocked')
      // A simple POST needs no preflight: the browser sends it, the server must refuse it.
      const fault = await tryFetch(page, `${own}/__sb/faults`, { method: 'POST', mode: 'no-cors', body: JSON.stringify({ mode: '500', count: 5 }) })
      expect(fault).toBe('opaque')
      const reset = await tryFetch(page, `${own}/__sb/reset`, { method: 'POST', mode: 'no-cors' })
      expect(reset).toBe('opaque')
    } finally {
      await page.close()
    }
    expect(await settingsOf('demo-write-key')).toEqual(before)
    expect((await (await fetch(`${own}/__sb/faults`)).json()).faults).toEqual([])
    expect((await controlState()).messages.map((m) => m.event)).toContain('Private')
  })

  it('can still post events (without credentials) and read the settings', async () => {
    const page = await pageOfOtherOrigin()
    try {
      const body = JSON.stringify({ writeKey: 'wk', batch: [{ type: 'track', event: `Cross Origin ${which}`, anonymousId: 'a' }] })
      expect(await tryFetch(page, `${own}/v1/batch`, { method: 'POST', body })).toMatch(/^200 /)
      // Sent, but the answer is withheld: the API never allows credentials.
      expect(await tryFetch(page, `${own}/v1/batch`, { method: 'POST', body: body.replace('Cross Origin', 'With Cookies'), credentials: 'include' })).toBe('blocked')
      expect(await tryFetch(page, `${own}/v1/projects/demo-write-key/settings`, {})).toMatch(/^200 \{/)
    } finally {
      await page.close()
    }
    expect((await controlState()).messages.filter((m) => m.event === `Cross Origin ${which}`)).toHaveLength(1)
  })
})

describe("the server's own pages", () => {
  it('read and steer the control API', async () => {
    const page = await pageAt(own)
    try {
      await page.locator('[data-testid=connection]', { hasText: 'live' }).waitFor({ timeout: 10_000 })
      expect(await tryFetch(page, '/__sb/messages', {})).toMatch(/^200 \{"messages"/)
      expect(await tryFetch(page, '/__sb/faults', { method: 'DELETE' })).toMatch(/^200 /)
    } finally {
      await page.close()
    }
  })
})
