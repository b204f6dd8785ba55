// @vitest-environment node
// Size budgets for what every page downloads. Runs after `npm run build` (as `npm test` does).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGETS, CORE_BUNDLE, PLUGINS_DIR, ROOT, compressedSizes, coreSize, pluginBudget, pluginSizes } from '../bench/size.mjs'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`

/** Destinations with a standalone entry: each must have been built to dist/plugins/<slug>.js. */
function pluginSources(): string[] {
  const dir = join(ROOT, 'plugins')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'standalone.ts')))
    .map((d) => d.name)
    .sort()
}

describe('size budgets (brotli quality 11)', () => {
  it('measures compressed sizes of the exact bytes', () => {
    const text = 'analytics.track("Order Completed");'.repeat(200)
    const sizes = compressedSizes(text)
    expect(sizes.raw).toBe(text.length)
    expect(sizes.gzip).toBeLessThan(sizes.raw / 10)
    expect(sizes.brotli).toBeLessThan(sizes.raw / 10)
  })

  it(`dist/analytics.min.js is at most ${BUDGETS.core} bytes brotli`, () => {
    if (!existsSync(CORE_BUNDLE)) {
      throw new Error(`${CORE_BUNDLE} is missing: run "npm run build" before this test (npm test does)`)
    }
    const core = coreSize()!
    expect(core.raw, 'core bundle is empty').toBeGreaterThan(0)
    expect(core.brotli, `core bundle is ${kb(core.brotli)} brotli, budget ${kb(BUDGETS.core)}`).toBeLessThanOrEqual(BUDGETS.core)
  })

  it('every destination plugin is built', () => {
    const built = pluginSizes().map((p) => p.file.replace(/^dist\/plugins\//, '').replace(/\.js$/, ''))
    for (const slug of pluginSources()) {
      expect(built, `dist/plugins/${slug}.js is missing: run "npm run build"`).toContain(slug)
    }
  })

  it(`each dist/plugins/*.js is at most ${BUDGETS.plugin} bytes brotli (protocols.js, privacy.js and extras.js: their own budgets)`, () => {
    const plugins = pluginSizes()
    if (pluginSources().length > 0) expect(plugins.length, `no plugin bundles in ${PLUGINS_DIR}`).toBeGreaterThan(0)
    for (const p of plugins) {
      expect(p.raw, `${p.file} is empty`).toBeGreaterThan(0)
      const budget = pluginBudget(p.file)
      expect(p.brotli, `${p.file} is ${kb(p.brotli)} brotli, budget ${kb(budget)}`).toBeLessThanOrEqual(budget)
    }
  })
})
