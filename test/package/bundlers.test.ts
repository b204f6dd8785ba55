// Bundled from npm, a `load` + `track` app's first-load JS costs no more than the standalone
// bundle the snippet loads (dist/analytics.min.js), measured the same way (brotli, quality 11).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, output, tool, type App } from './apps'

const brotli = (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

const MAIN = `import { AnalyticsBrowser } from 'switchboard-analytics'

export const analytics = AnalyticsBrowser.load({ writeKey: 'WRITE_KEY', cdnURL: 'https://cdn.example.com' })
analytics.track('Signed Up', { plan: 'pro' })
`

// Each script builds the app and prints the files a page loads first (not the lazily loaded ones).
const VITE = `import { build } from ${JSON.stringify(tool('vite/dist/node/index.js'))}
import { readFileSync } from 'node:fs'
await build({
  root: process.cwd(),
  logLevel: 'silent',
  configFile: false,
  // The modulepreload polyfill is Vite's own, in every app whatever it imports: left out so the package is measured.
  build: { outDir: 'out-vite', manifest: true, emptyOutDir: true, modulePreload: { polyfill: false } },
})
const manifest = JSON.parse(readFileSync('out-vite/.vite/manifest.json', 'utf8'))
const files = new Set()
const visit = (key) => { const c = manifest[key]; if (!c || files.has(c.file)) return; files.add(c.file); for (const i of c.imports ?? []) visit(i) }
visit('index.html')
console.log(JSON.stringify([...files].map((f) => 'out-vite/' + f)))
`
const WEBPACK = `import webpack from ${JSON.stringify(tool('webpack/lib/index.js'))}
import { resolve } from 'node:path'
webpack({ mode: 'production', context: process.cwd(), entry: './main.js', output: { path: resolve('out-webpack'), clean: true }, performance: { hints: false } }).run((err, stats) => {
  if (err || stats.hasErrors()) throw err ?? new Error(stats.toString('errors-only'))
  const { chunks } = stats.toJson({ all: false, chunks: true })
  console.log(JSON.stringify(chunks.filter((c) => c.initial).flatMap((c) => c.files).filter((f) => f.endsWith('.js')).map((f) => 'out-webpack/' + f)))
})
`

let app: App
let standalone: number

beforeAll(() => {
  app = createApp('bundlers', {
    'main.js': MAIN,
    'index.html': '<!doctype html><html><head><script type="module" src="/main.js"></script></head><body></body></html>\n',
    'build-vite.mjs': VITE,
    'build-webpack.mjs': WEBPACK,
  })
  standalone = brotli(readFileSync(join(app.dir, 'node_modules/switchboard-analytics/dist/analytics.min.js')))
})

/** Builds, then returns the first-load files and their brotli size. */
function firstLoad(script: string): { files: string[]; brotli: number } {
  const run = app.node([script])
  expect(run.status, output(run)).toBe(0)
  const files = JSON.parse(run.stdout.trim().split('\n').pop()!) as string[]
  return { files, brotli: files.reduce((sum, f) => sum + brotli(readFileSync(join(app.dir, f))), 0) }
}

describe('bundled from npm (first-load JS, brotli 11)', () => {
  it('Vite: no larger than the standalone bundle, and the on-demand parts are not in it', () => {
    const vite = firstLoad('build-vite.mjs')
    expect(vite.files).toHaveLength(1)
    const code = readFileSync(join(app.dir, vite.files[0]), 'utf8')
    expect(code).toContain('cdn.example.com')
    // No lazy chunk (the on-demand parts come from <cdn>/plugins/extras.js when first used), and no server-only code.
    expect(readdirSync(join(app.dir, 'out-vite/assets')).filter((f) => f.endsWith('.js'))).toHaveLength(1)
    expect(code).not.toContain('no browser (server')
    expect(vite.brotli, `Vite ${vite.brotli} B vs standalone ${standalone} B`).toBeLessThanOrEqual(standalone)
  })

  it('webpack: within 0.5% of the standalone bundle (the same code; webpack\'s default minifier packs it slightly less)', () => {
    const wp = firstLoad('build-webpack.mjs')
    expect(wp.files).toEqual(['out-webpack/main.js'])
    expect(readFileSync(join(app.dir, wp.files[0]), 'utf8')).not.toContain('no browser (server')
    expect(wp.brotli, `webpack ${wp.brotli} B vs standalone ${standalone} B`).toBeLessThanOrEqual(Math.round(standalone * 1.005))
  })
})
