// Identity and storage in a real Chromium: reloads, pages written by Analytics.js 2.0, reset,
// and blocked storage. (Tracked links and forms: e2e/clicks.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { collectedMessages, startEnvironment, waitForCollected, type Environment } from './helpers/environment'

const PAGE = '/e2e/fixtures/identity/page.html'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

interface Message {
  type: string
  event?: string
  userId?: string | null
  anonymousId?: string
  traits?: Record<string, unknown>
  context?: Record<string, any>
}

let server: { url: string; close(): Promise<void> }
let browser: Browser
let env: Environment
let context: BrowserContext
let page: Page
let errors: string[]

const messages = () => collectedMessages<Message>(server)
const waitForMessages = (match: (m: Message) => boolean, count = 1, timeoutMs = 10_000) => waitForCollected<Message>(server, match, count, timeoutMs)

/** Opens the fixture page and waits until the bundle has replaced the stub with a loaded instance. */
async function open(p: Page, query = ''): Promise<void> {
  await p.goto(server.url + PAGE + query)
  await p.waitForFunction(() => (window as any).analytics?.initialized === true, undefined, { timeout: 15_000 })
}

async function identity(p: Page) {
  return p.evaluate(() => {
    const user = (window as any).analytics.user()
    return { id: user.id(), anonymousId: user.anonymousId(), traits: user.traits() }
  })
}

async function storage(p: Page) {
  return p.evaluate(() => {
    const ls: Record<string, string | null> = {}
    for (const k of ['ajs_user_id', 'ajs_anonymous_id', 'ajs_user_traits', 'ajs_group_id', 'ajs_group_properties']) ls[k] = localStorage.getItem(k)
    const cookies: Record<string, string> = {}
    for (const pair of document.cookie.split('; ')) if (pair) cookies[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1)
    return { ls, cookies }
  })
}

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})

afterAll(async () => {
  await env?.close()
})

beforeEach(async () => {
  await context?.close()
  context = await browser.newContext()
  page = await context.newPage()
  errors = []
  page.on('pageerror', (err) => errors.push(String(err)))
  await fetch(`${server.url}/__sb/reset`, { method: 'POST' })
})

describe('identity in Chromium', () => {
  it('survives a reload, from cookies and from localStorage alike', async () => {
    await open(page)
    await page.evaluate(() => (window as any).analytics.identify('user-1', { email: 'a@b.c' }))
    const before = await identity(page)
    expect(before).toEqual({ id: 'user-1', anonymousId: expect.stringMatching(UUID), traits: { email: 'a@b.c' } })
    expect(await storage(page)).toEqual({
      ls: {
        ajs_user_id: '"user-1"',
        ajs_anonymous_id: JSON.stringify(before.anonymousId),
        ajs_user_traits: '{"email":"a@b.c"}',
        ajs_group_id: null,
        ajs_group_properties: null,
      },
      cookies: expect.objectContaining({ ajs_user_id: 'user-1', ajs_anonymous_id: before.anonymousId }),
    })

    await open(page)
    expect(await identity(page)).toEqual(before)

    // Only cookies left: ids come back (traits live in localStorage only, as in Analytics.js 2.0).
    await page.evaluate(() => localStorage.clear())
    await open(page)
    expect(await identity(page)).toMatchObject({ id: 'user-1', anonymousId: before.anonymousId })

    // Only localStorage left.
    await context.clearCookies()
    await open(page)
    expect(await identity(page)).toMatchObject({ id: 'user-1', anonymousId: before.anonymousId })
    expect((await storage(page)).cookies).toMatchObject({ ajs_anonymous_id: before.anonymousId, ajs_user_id: 'user-1' })
    expect(errors).toEqual([])
  })

  it('one anonymousId for every tab', async () => {
    await open(page)
    const first = (await identity(page)).anonymousId
    const second = await context.newPage()
    await open(second)
    expect((await identity(second)).anonymousId).toBe(first)
    // A change in one tab is what the other tab's next event carries.
    await second.evaluate(() => (window as any).analytics.identify('tab-user'))
    expect(await identity(page)).toMatchObject({ id: 'tab-user', anonymousId: first })
    await second.close()
  })

  it('keeps the anonymousId, userId and traits a page stored with Analytics.js 2.0', async () => {
    await page.goto(server.url + '/e2e/fixtures/identity/next.html')
    await page.evaluate(() => {
      localStorage.setItem('ajs_anonymous_id', '"ajs-anon-1"')
      localStorage.setItem('ajs_user_id', '"user-1"')
      localStorage.setItem('ajs_user_traits', '{"email":"a@b.c"}')
      localStorage.setItem('ajs_group_id', '"g1"')
      localStorage.setItem('ajs_group_properties', '{"name":"Acme"}')
      document.cookie = 'ajs_anonymous_id=ajs-anon-1; path=/'
      document.cookie = 'ajs_user_id=user-1; path=/'
      document.cookie = 'ajs_group_id=g1; path=/'
    })
    await open(page)
    expect(await identity(page)).toEqual({ id: 'user-1', anonymousId: 'ajs-anon-1', traits: { email: 'a@b.c' } })
    expect(await page.evaluate(() => (window as any).analytics.group().id())).toBe('g1')
    await page.evaluate(() => (window as any).analytics.track('After Switch'))
    const [sent] = await waitForMessages((m) => m.event === 'After Switch')
    expect(sent).toMatchObject({ anonymousId: 'ajs-anon-1', userId: 'user-1' })
  })

  it('a visitor of a page running the real Analytics.js 2.0 keeps their identity after the switch, and back', async () => {
    await page.goto(server.url + '/e2e/fixtures/identity/ajs.html')
    await page.waitForFunction(() => (window as any).ajsReady && (window as any).ajs, undefined, { timeout: 15_000 })
    const ajs = await page.evaluate(async () => {
      const a = (window as any).ajs
      await a.identify('ajs-user', { email: 'a@b.c' })
      await a.group('g1', { name: 'Acme' })
      return { anonymousId: a.user().anonymousId() as string }
    })
    expect(ajs.anonymousId).toMatch(UUID)

    await open(page)
    expect(await identity(page)).toEqual({ id: 'ajs-user', anonymousId: ajs.anonymousId, traits: { email: 'a@b.c' } })
    expect(await page.evaluate(() => [(window as any).analytics.group().id(), (window as any).analytics.group().traits()])).toEqual(['g1', { name: 'Acme' }])
    await page.evaluate(async () => {
      const a = (window as any).analytics
      await a.identify({ plan: 'pro' })
      await a.track('After Real Switch')
    })
    const [sent] = await waitForMessages((m) => m.event === 'After Real Switch')
    expect(sent).toMatchObject({ userId: 'ajs-user', anonymousId: ajs.anonymousId })

    // And back: Analytics.js 2.0 reads what Switchboard wrote.
    await page.goto(server.url + '/e2e/fixtures/identity/ajs.html')
    await page.waitForFunction(() => (window as any).ajs, undefined, { timeout: 15_000 })
    expect(
      await page.evaluate(() => {
        const u = (window as any).ajs.user()
        return { id: u.id(), anonymousId: u.anonymousId(), traits: u.traits() }
      }),
    ).toEqual({ id: 'ajs-user', anonymousId: ajs.anonymousId, traits: { email: 'a@b.c', plan: 'pro' } })
  })

  it('cookies carry Analytics.js 2.0 attributes; storage.stores and cookie options are honoured', async () => {
    await open(page)
    await page.evaluate(() => (window as any).analytics.identify('attr-user'))
    const byName = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]))
    const days = (byName.ajs_user_id.expires * 1000 - Date.now()) / 864e5
    expect(Math.round(days)).toBe(365)
    expect(byName.ajs_user_id).toMatchObject({ value: 'attr-user', path: '/', sameSite: 'Lax', domain: '127.0.0.1' })
    expect(byName.ajs_anonymous_id.sameSite).toBe('Lax')
    expect(byName.ajs_user_traits).toBeUndefined()

    await context.clearCookies()
    await page.evaluate(() => localStorage.clear())
    await open(page, '?opts=' + encodeURIComponent(JSON.stringify({ storage: { stores: ['cookie'] }, cookie: { maxage: 7, sameSite: 'Strict' } })))
    await page.evaluate(() => (window as any).analytics.identify('cookie-only', { a: 1 }))
    const s = await storage(page)
    expect(s.ls.ajs_user_id).toBeNull()
    expect(s.ls.ajs_anonymous_id).toBeNull()
    expect(s.cookies.ajs_user_id).toBe('cookie-only')
    const cookie = (await context.cookies()).find((c) => c.name === 'ajs_user_id')!
    expect(cookie.sameSite).toBe('Strict')
    expect(Math.round((cookie.expires * 1000 - Date.now()) / 864e5)).toBe(7)
  })

  it('reads the classic quoted cookie form', async () => {
    await page.goto(server.url + '/e2e/fixtures/identity/next.html')
    await page.evaluate(() => {
      document.cookie = 'ajs_anonymous_id=%22classic-anon%22; path=/'
      document.cookie = 'ajs_user_id=%22classic-user%22; path=/'
    })
    await open(page)
    expect(await identity(page)).toMatchObject({ id: 'classic-user', anonymousId: 'classic-anon' })
  })

  it('reset() clears the user and the next event has a new anonymousId', async () => {
    await open(page)
    await page.evaluate(() => (window as any).analytics.identify('user-1', { a: 1 }))
    const first = (await identity(page)).anonymousId
    await page.evaluate(() => {
      ;(window as any).analytics.reset()
      return (window as any).analytics.track('After Reset')
    })
    const after = await identity(page)
    expect(after.id).toBeNull()
    expect(after.traits).toEqual({})
    expect(after.anonymousId).toMatch(UUID)
    expect(after.anonymousId).not.toBe(first)
    const [sent] = await waitForMessages((m) => m.event === 'After Reset')
    expect(sent.anonymousId).toBe(after.anonymousId)
    expect(sent.userId ?? null).toBeNull()
    // and the new one is what a reload sees
    await open(page)
    expect((await identity(page)).anonymousId).toBe(after.anonymousId)
  })

  it('with localStorage.setItem throwing and cookies blocked, it loads and events flow without page errors', async () => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() {
          throw new DOMException('cookies blocked', 'SecurityError')
        },
        set() {
          throw new DOMException('cookies blocked', 'SecurityError')
        },
      })
    })
    await open(page)
    const ids = await page.evaluate(async () => {
      const a = (window as any).analytics
      await a.identify('blocked-user', { plan: 'x' })
      await a.track('Blocked One')
      await a.track('Blocked Two')
      return { anon: a.user().anonymousId(), id: a.user().id() }
    })
    expect(ids.id).toBe('blocked-user')
    expect(ids.anon).toMatch(UUID)
    const sent = await waitForMessages((m) => m.event === 'Blocked One' || m.event === 'Blocked Two', 2)
    expect(sent.map((m) => [m.event, m.userId, m.anonymousId])).toEqual(
      expect.arrayContaining([
        ['Blocked One', 'blocked-user', ids.anon],
        ['Blocked Two', 'blocked-user', ids.anon],
      ]),
    )
    expect(errors).toEqual([])
  })
})
