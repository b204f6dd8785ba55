// The dev server in Chromium: a shopper clicks through the demo shop to Order Completed while
// the live debugger (Server-Sent Events) shows each event arrive; an invalid message posted
// straight to the API shows its validation error there; the fault controls reach the server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startEnvironment, type Environment } from './helpers/environment'

interface Server {
  url: string
  close(): Promise<void>
}

let server: Server
let browser: Browser
let env: Environment
let context: BrowserContext

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
})
afterAll(async () => {
  await env?.close()
})
beforeEach(async () => {
  await fetch(`${server.url}/__sb/reset`, { method: 'POST' })
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
})

const messages = async () => (await (await fetch(`${server.url}/__sb/messages`)).json()) as { messages: any[]; rejected: any[] }

async function openDebugger(): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${server.url}/debugger`)
  await page.locator('[data-testid=connection]', { hasText: 'live' }).waitFor({ timeout: 10_000 })
  return page
}

/** Waits until the debugger lists an accepted entry for each event name. */
async function expectEventsShown(page: Page, events: string[]) {
  for (const event of events) {
    await page
      .locator(`[data-testid=entry][data-status=accepted][data-event="${event}"]`)
      .first()
      .waitFor({ timeout: 15_000 })
  }
}

describe('demo shop and debugger', () => {
  it('shows the E-commerce events of a purchase in the live debugger as they arrive', async () => {
    const debuggerPage = await openDebugger()
    const shop = await context.newPage()
    await shop.goto(`${server.url}/`)
    await shop.click('[data-testid=product-sb-103]')
    await shop.waitForURL(/\/products\/sb-103$/)
    await shop.fill('#quantity', '2')
    await shop.click('[data-testid=add-to-cart]')
    await shop.click('[data-testid=go-to-cart]')
    await shop.waitForURL(/\/cart$/)
    await shop.click('[data-testid=checkout]')
    await shop.waitForURL(/\/checkout$/)
    await shop.click('[data-testid=place-order]')
    await shop.waitForURL(/\/order-completed/)
    await shop.locator('[data-testid=order-summary]', { hasText: 'Order order-' }).waitFor()

    const funnel = ['Product List Viewed', 'Product Clicked', 'Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed']
    // The debugger page was never reloaded: these rows arrived over the event stream.
    await expectEventsShown(debuggerPage, funnel)
    const counts = await debuggerPage.locator('[data-testid=count]').allInnerTexts()
    expect(counts.some((row) => /Order Completed\s+1/.test(row))).toBe(true)

    const received = await messages()
    const order = received.messages.find((m) => m.event === 'Order Completed')
    expect(order.properties).toMatchObject({
      currency: 'USD',
      products: [expect.objectContaining({ product_id: 'sb-103', name: 'Operator Headset', price: 59, quantity: 2 })],
      subtotal: 118,
    })
    expect(order.properties.total).toBeGreaterThan(118)
    const pages = received.messages.filter((m) => m.type === 'page').map((m) => m.name)
    expect(pages).toEqual(expect.arrayContaining(['Product List', 'Product', 'Cart', 'Checkout', 'Order Completed']))
    // Opening a row shows the message's full JSON.
    await debuggerPage.locator('[data-testid=entry][data-event="Order Completed"]').first().click()
    await expect(debuggerPage.locator('tr.detail pre').first().innerText()).resolves.toContain(order.messageId)
  })

  it('identifies the shopper from the sign-in form', async () => {
    const shop = await context.newPage()
    await shop.goto(`${server.url}/account`)
    await shop.fill('input[name=userId]', 'user-e2e')
    await shop.click('[data-testid=identify]')
    await expect.poll(async () => (await messages()).messages.find((m) => m.type === 'identify')?.userId, { timeout: 15_000 }).toBe('user-e2e')
    const identify = (await messages()).messages.find((m) => m.type === 'identify')
    expect(identify.traits).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' })
  })

  it('highlights an invalid message with its validation errors', async () => {
    const debuggerPage = await openDebugger()
    const reply = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        writeKey: 'demo-write-key',
        batch: [{ type: 'track', anonymousId: 'anon-e2e', messageId: 'bad-1', properties: { plan: 'pro' } }],
      }),
    })
    expect(reply.status).toBe(400)
    const row = debuggerPage.locator('[data-testid=entry][data-status=rejected]').first()
    await row.waitFor({ timeout: 10_000 })
    await expect(row.locator('[data-testid=errors]').innerText()).resolves.toMatch(/track message needs `event`/)
    // The invalid message is visible but not among the accepted ones.
    expect((await messages()).messages).toEqual([])
    await debuggerPage.selectOption('[data-testid=filter-status]', 'accepted')
    await expect(debuggerPage.locator('[data-testid=entry][data-status=rejected]').count()).resolves.toBe(0)
  })

  it('injects faults from the debugger page', async () => {
    const debuggerPage = await openDebugger()
    await debuggerPage.fill('#fault-form input[name=count]', '2')
    await debuggerPage.selectOption('#fault-form select[name=mode]', '429')
    await debuggerPage.fill('#fault-form input[name=retryAfter]', '4')
    await debuggerPage.click('#fault-form button[type=submit]')
    await debuggerPage.locator('[data-testid=faults]', { hasText: 'next 2 api request(s): 429' }).waitFor({ timeout: 5_000 })
    const reply = await fetch(`${server.url}/v1/t`, { method: 'POST', body: '{}' })
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after')).toBe('4')
  })
})
