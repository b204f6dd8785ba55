// Sizes of what a page downloads: raw, gzip (level 9) and brotli (quality 11) bytes.
// `node bench/size.mjs` prints a table; run.mjs and test/size-budget.test.ts import the functions.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const CORE_BUNDLE = join(ROOT, 'dist/analytics.min.js')
export const PLUGINS_DIR = join(ROOT, 'dist/plugins')
export const AJS_STANDALONE = join(ROOT, 'node_modules/@segment/analytics-next/dist/umd/standalone.js')

/** Budgets checked by `npm test` (brotli bytes). */
export const BUDGETS = { core: 16 * 1024, plugin: 4 * 1024 }

/**
 * Files loaded only where a site configures them, with budgets of their own: the tracking-plan
 * validator (a JSON Schema interpreter that generates no code, so strict-CSP pages work), the
 * privacy guard (matchers, detectors, URL scrubbing, hashing) and the on-demand parts (extras.js:
 * link/form tracking, middleware, what runs destinations, retry decisions...).
 */
export const PART_BUDGETS = { 'dist/plugins/protocols.js': 9 * 1024, 'dist/plugins/privacy.js': 5 * 1024, 'dist/plugins/extras.js': 6 * 1024 }

/** The budget of one dist/plugins file. */
export const pluginBudget = (file) => PART_BUDGETS[file] ?? BUDGETS.plugin

/** Compressed sizes of exactly these bytes, with the settings the spec uses for every size it quotes. */
export function compressedSizes(bytes) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  }
}

export function fileSizes(path) {
  return { file: relative(ROOT, path), ...compressedSizes(readFileSync(path)) }
}

/** The core bundle, or null when it has not been built. */
export function coreSize() {
  return existsSync(CORE_BUNDLE) ? fileSizes(CORE_BUNDLE) : null
}

/** Every dist/plugins/*.js (empty when none are built). */
export function pluginSizes() {
  if (!existsSync(PLUGINS_DIR)) return []
  return readdirSync(PLUGINS_DIR)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => fileSizes(join(PLUGINS_DIR, name)))
}

export function ajsSize() {
  return existsSync(AJS_STANDALONE) ? fileSizes(AJS_STANDALONE) : null
}

export function allSizes() {
  return { core: coreSize(), plugins: pluginSizes(), ajs: ajsSize() }
}

const fmt = (n) => n.toLocaleString('en-US')

/** Markdown table of every file against its budget. */
export function sizeTable(sizes = allSizes()) {
  const rows = ['| file | raw | gzip -9 | brotli 11 | budget (brotli) |', '|---|---:|---:|---:|---|']
  const row = (s, budget) => {
    const verdict = budget ? `${fmt(budget)} ${s.brotli <= budget ? 'pass' : 'OVER'}` : 'reference'
    rows.push(`| ${s.file} | ${fmt(s.raw)} | ${fmt(s.gzip)} | ${fmt(s.brotli)} | ${verdict} |`)
  }
  if (sizes.core) row(sizes.core, BUDGETS.core)
  else rows.push('| dist/analytics.min.js | missing (run `npm run build`) | | | |')
  for (const p of sizes.plugins) row(p, pluginBudget(p.file))
  if (sizes.ajs) row({ ...sizes.ajs, file: 'Analytics.js 2.0 1.84.3 standalone.js' })
  return rows.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(sizeTable())
}
