// The npm entry in a real page: dist/esm bundled by the page's own build (rollup here), as an
// application would, then AnalyticsBrowser.load() with calls made before load finished.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { rollup } from 'rollup'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import { fileURLToPath } from 'node:url'
import { startEnvironment, type Environment } from './helpers/environment'
import { control, html, servePage, uniqueKey, waitForMessages, type Server } from './fixtures/snippet/harness'

let server: Server
let browser: Browser
let env: Environment
/** The application's build output by file name (the entry plus its lazily loaded chunks). */
let appFiles: Map<string, string>

beforeAll(async () => {
  ;({ server, browser } = env = await startEnvironment())
  // The application: imports the package entry as a bundler resolves it (bare dset included).
  const build = await rollup({
    input: fileURLToPath(new URL('../dist/esm/index.js', import.meta.url)),
    plugins: [nodeResolve({ browser: true })],
    onwarn: () => {},
  })
  const { output } = await build.generate({ format: 'es', entryFileNames: 'switchboard.js' })
  appFiles = new Map(output.map((chunk) => [chunk.fileName, chunk.type === 'chunk' ? chunk.code : String(chunk.source)]))
  await build.close()
})
beforeEach(async () => {
  await control(server, 'POST', '/reset')
})
afterAll(async () => {
  await env?.close()
})

describe('npm entry (ESM)', () => {
  it('AnalyticsBrowser.load delivers calls made before and after load', async () => {
    const writeKey = uniqueKey('npm')
    const page = await browser.newPage()
    await page.route(`${server.url}/app/**/*.js`, (route) => {
      const body = appFiles.get(new URL(route.request().url()).pathname.slice('/app/'.length))
      return body === undefined ? route.fulfill({ status: 404, body: '' }) : route.fulfill({ contentType: 'text/javascript', body })
    })
    const url = `${server.url}/app/index.html?utm_campaign=spring`
    await servePage(
      page,
      url,
      html(`<script type="module">
        import { AnalyticsBrowser } from '/app/switchboard.js'
        const analytics = AnalyticsBrowser.load({ writeKey: ${JSON.stringify(writeKey)}, cdnURL: ${JSON.stringify(server.url)} }, { initialPageview: true })
        analytics.identify('npm-user', { email: 'a@example.com' })
        history.pushState({}, '', '/app/next')
        analytics.track('Before Load', { n: 1 })
        const [instance, ctx] = await analytics
        window.__loaded = { initialized: instance.initialized, ctx: typeof ctx.id }
        await analytics.track('After Load')
      </script>`),
    )
    await page.goto(url)
    const messages = await waitForMessages(server, (m) => m.some((x) => x.event === 'After Load'))
    expect(messages.map((m) => m.event ?? m.type)).toEqual(['page', 'identify', 'Before Load', 'After Load'])
    const [pageview, identify, before, after] = messages
    expect(pageview.context.page).toMatchObject({ path: '/app/index.html', search: '?utm_campaign=spring' })
    expect(pageview.context.campaign).toEqual({ name: 'spring' })
    expect(identify.traits).toEqual({ email: 'a@example.com' })
    expect(before.context.page.path).toBe('/app/next')
    expect(before.userId).toBe('npm-user')
    expect(after.userId).toBe('npm-user')
    expect(await page.evaluate(() => (window as any).__loaded)).toEqual({ initialized: true, ctx: 'string' })
    await page.close()
  })
})
