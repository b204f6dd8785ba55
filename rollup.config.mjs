// Builds:
//  - dist/analytics.min.js      standalone IIFE the snippet loads (src/browser/standalone.ts)
//  - dist/plugins/extras.js     its on-demand parts: trackLink/trackForm, ajs_ query string, SPA page views
//  - dist/plugins/<name>.js     one small self-registering IIFE per destination (plugins/<name>/standalone.ts)
//  - dist/esm/**                ESM for npm (root entry, ./snippet, ./plugins/<name>)
//  - dist/cjs/**                the same as CommonJS (`.cjs`), for require() and Jest
//  - dist/types/**              declarations, .d.ts and .d.cts (scripts/declarations.mjs, after rollup)
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { buildDeclarations } from './scripts/declarations.mjs'
import typescript from '@rollup/plugin-typescript'
import terser from '@rollup/plugin-terser'
import { nodeResolve } from '@rollup/plugin-node-resolve'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

/** Replaces the version token so the bundle reports the package version. */
const version = () => ({
  name: 'switchboard-version',
  transform(code) {
    if (!code.includes('__SWITCHBOARD_VERSION__')) return null
    return { code: code.replace(/typeof __SWITCHBOARD_VERSION__ === 'string' \? __SWITCHBOARD_VERSION__ : '0\.0\.0-dev'/g, JSON.stringify(pkg.version)), map: null }
  },
})

/** Emits declarations once, after the npm build. */
const declarations = () => {
  let done = false
  return {
    name: 'switchboard-declarations',
    writeBundle() {
      if (!done) buildDeclarations()
      done = true
    },
  }
}

/** The standalone bundle loads its on-demand parts from the CDN instead of a bundler chunk. */
const cdnExtras = () => ({
  name: 'switchboard-cdn-extras',
  async resolveId(source, importer) {
    if (!source.endsWith('/extras-loader')) return null
    const resolved = await this.resolve(source + '-cdn', importer, { skipSelf: true })
    return resolved?.id ?? null
  },
})

const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: undefined, rootDir: undefined, noEmitOnError: false })

/**
 * Internal members are named for what they are and end in `_` (`entry.acceptedAt_`); the browser
 * bundles shorten them. Nothing public ends that way: the API, the wire format (`_metadata`,
 * `__default`), settings, caller data, the DOM and vendors' globals use other names, and the
 * pattern needs a lowercase letter first, so `__proto__` and `_x_` never match. One name cache
 * for every browser bundle keeps a name the same in the core and in its on-demand parts (rollup
 * builds the configs in order). The npm build is not minified: its names are the source's.
 */
export const INTERNAL_NAME = /^[a-z][a-zA-Z0-9]*_$/
const nameCache = {}
const minify = () =>
  terser({
    ecma: 2020,
    module: false,
    toplevel: true,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    mangle: { properties: { regex: INTERNAL_NAME } },
    nameCache,
    format: { comments: false },
  })

const pluginNames = existsSync('plugins')
  ? readdirSync('plugins', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`plugins/${d.name}/index.ts`))
      .map((d) => d.name)
  : []

const esmInputs = { index: 'src/index.ts' }
if (existsSync('snippet/index.ts')) esmInputs['snippet/index'] = 'snippet/index.ts'
for (const name of pluginNames) esmInputs[`plugins/${name}/index`] = `plugins/${name}/index.ts`

const builds = [
  {
    input: 'src/browser/standalone.ts',
    output: { file: 'dist/analytics.min.js', format: 'iife', sourcemap: false },
    plugins: [cdnExtras(), version(), nodeResolve({ browser: true }), ts(), minify()],
  },
  {
    input: 'src/extras/standalone.ts',
    output: { file: 'dist/plugins/extras.js', format: 'iife', sourcemap: false },
    plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
  },
  ...pluginNames
    .filter((name) => existsSync(`plugins/${name}/standalone.ts`))
    .map((name) => ({
      input: `plugins/${name}/standalone.ts`,
      output: { file: `dist/plugins/${name}.js`, format: 'iife', sourcemap: false },
      plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
    })),
  {
    input: esmInputs,
    // No source maps: the published files are the readable, unminified source already.
    output: [
      { dir: 'dist/esm', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      { dir: 'dist/cjs', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
    ],
    external: [...Object.keys(pkg.dependencies ?? {})],
    plugins: [version(), nodeResolve({ browser: true }), ts(), declarations()],
  },
]

export default builds
