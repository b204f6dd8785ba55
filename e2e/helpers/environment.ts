// What every e2e test file starts with: one dev server (tracking API, CDN, fixtures) and one Chromium.
import type { Browser } from 'playwright-core'
import { launchBrowser } from './browser'
// @ts-expect-error plain ESM module without types
import { startServer } from '../../dev/server.mjs'

export interface DevServer {
  url: string
  port: number
  close(): Promise<void>
}

export interface Environment {
  server: DevServer
  browser: Browser
  close(): Promise<void>
}

export async function startEnvironment(serverOptions: Record<string, unknown> = {}): Promise<Environment> {
  const server: DevServer = await startServer({ port: 0, quiet: true, ...serverOptions })
  let browser: Browser
  try {
    browser = await launchBrowser()
  } catch (err) {
    await server.close()
    throw err
  }
  return {
    server,
    browser,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/** Every message the collector has accepted since its last reset. */
export async function collectedMessages<M>(server: { url: string }): Promise<M[]> {
  const res = await fetch(`${server.url}/__sb/messages`)
  return ((await res.json()) as { messages: M[] }).messages
}

/** Messages the collector accepted, polled until `count` match or the time is up. */
export async function waitForCollected<M extends Record<string, any>>(
  server: { url: string },
  match: (m: M) => boolean,
  count = 1,
  timeoutMs = 10_000,
): Promise<M[]> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const found = (await collectedMessages<M>(server)).filter(match)
    if (found.length >= count || Date.now() > end) return found
    await new Promise((r) => setTimeout(r, 100))
  }
}
