// Regenerates docs/debugger.png: SWITCHBOARD_SCREENSHOT=1 npx vitest run --project e2e e2e/dev-screenshot.test.ts
// Skipped otherwise, so the normal e2e run never rewrites a checked-in file.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { launchBrowser } from './helpers/browser'
// @ts-expect-error plain JS module with JSDoc types
import { startServer } from '../dev/server.mjs'

describe('debugger screenshot', () => {
  it.skipIf(!process.env.SWITCHBOARD_SCREENSHOT)('writes docs/debugger.png', async () => {
    const server = await startServer({ port: 0, quiet: true })
    const browser = await launchBrowser()
    try {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1 })
      const shop = await context.newPage()
      await shop.goto(`${server.url}/account`)
      await shop.click('[data-testid=identify]')
      await shop.goto(`${server.url}/`)
      await shop.click('[data-testid=product-sb-103]')
      await shop.waitForURL(/products/)
      await shop.click('[data-testid=add-to-cart]')
      await shop.click('[data-testid=go-to-cart]')
      await shop.waitForURL(/cart/)
      await shop.click('[data-testid=checkout]')
      await shop.waitForURL(/checkout/)
      await shop.click('[data-testid=place-order]')
      await shop.waitForURL(/order-completed/)
      await shop.waitForTimeout(2500)
      await fetch(`${server.url}/v1/batch`, {
        method: 'POST',
        body: JSON.stringify({ writeKey: 'demo-write-key', batch: [{ type: 'track', userId: 'user-42', messageId: 'ajs-invalid-1', properties: { plan: 'pro' } }] }),
      })
      await fetch(`${server.url}/__sb/faults`, { method: 'POST', body: JSON.stringify({ mode: '429', count: 2, retryAfter: 5 }) })

      const page = await context.newPage()
      await page.goto(`${server.url}/debugger`)
      await page.locator('[data-testid=entry][data-event="Order Completed"]').first().click()
      await page.waitForTimeout(300)
      const path = join(__dirname, '..', 'docs', 'debugger.png')
      await page.screenshot({ path, fullPage: false })
      expect((await (await fetch(`${server.url}/__sb/messages`)).json()).messages.length).toBeGreaterThan(5)
    } finally {
      await browser.close()
      await server.close()
    }
  })
})
