// Builds:
//  - dist/analytics.min.js      standalone IIFE the snippet loads (src/browser/standalone.ts)
//  - dist/plugins/extras.js     its on-demand parts: trackLink/trackForm, ajs_ query string, SPA page views
//  - dist/plugins/consent*.js   consent (loaded only when a site or its settings ask for it) and its adapters
//  - dist/plugins/<name>.js     one small self-registering IIFE per destination (plugins/<name>/standalone.ts),
//                               copied to dist/plugins/<slug>.js for each of its other names
//  - dist/plugins/protocols.js  the tracking-plan validator and privacy.js the privacy guard, loaded only when configured
//  - dist/esm/**                ESM for npm (root entry, ./snippet, ./plugins/<name>)
//  - dist/cjs/**                the same as CommonJS (`.cjs`), for require() and Jest
//  - dist/types/**              declarations, .d.ts and .d.cts (scripts/declarations.mjs, after rollup)
import { copyFileSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { buildDeclarations } from './scripts/declarations.mjs'
import typescript from '@rollup/plugin-typescript'
import terser from '@rollup/plugin-terser'
import { nodeResolve } from '@rollup/plugin-node-resolve'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

// Chunk names carry content hashes: without a clean start, the chunks of earlier builds would be published too.
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true })

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

const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: undefined, rootDir: undefined, noEmitOnError: false })

/**
 * Internal members are named for what they are and end in `_` (`entry.acceptedAt_`); the browser
 * bundles shorten them. Nothing public ends that way: the API, the wire format (`_metadata`,
 * `__default`), settings, caller data, the DOM and vendors' globals use other names, and the
 * pattern needs a lowercase letter first, so `__proto__` and `_x_` never match. They stay inside
 * one file: the core, extras.js and the plugins meet only through public names, plain values and
 * functions, because a page may run files of different releases (or an npm core with the CDN's
 * extras.js). One name cache for every build (rollup builds the configs in order) still gives a
 * name the same short form everywhere in a release.
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

// npm files are minified too: an app's bundler minifies again, but a lighter pass (esbuild, oxc)
// leaves several hundred bytes that terser's passes remove. Pure annotations are kept for tree-shaking.
const minifyLibrary = (module) =>
  terser({
    ecma: 2020,
    module,
    toplevel: true,
    keep_classnames: true,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    mangle: { properties: { regex: INTERNAL_NAME } },
    nameCache,
    format: { comments: false, preserve_annotations: true },
  })

const pluginNames = existsSync('plugins')
  ? readdirSync('plugins', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`plugins/${d.name}/index.ts`))
      .map((d) => d.name)
  : []

// index: browsers; server: everywhere else (the same API plus the instance used where there is no window).
// The root entries are built on their own, so the code an app loads first is one chunk that the
// minifier sees whole (no constants shared with plugin files). index: browsers; server:
// everywhere else (the same API plus the instance used where there is no window).
const rootInputs = { index: 'src/index.ts', server: 'src/server.ts' }
// `import 'switchboard-analytics/extras'`: the on-demand parts bundled with the app instead of fetched.
const otherInputs = { extras: 'src/extras/standalone.ts' }
// Consent: the part (`import 'switchboard-analytics/consent'` bundles it instead of fetching it)
// and its adapters, each a CDN file (dist/plugins/<file>.js, registering itself) and an npm subpath.
// file: [CDN input, npm entry, npm input]
const consentFiles = {
  consent: ['src/consent/standalone.ts', 'consent/index', 'src/consent/standalone.ts'],
  'consent-onetrust': ['src/consent/onetrust/standalone.ts', 'consent/onetrust', 'src/consent/onetrust/index.ts'],
  'consent-google': ['src/consent/google/standalone.ts', 'consent/google', 'src/consent/google/index.ts'],
}
for (const [, npmName, npmInput] of Object.values(consentFiles)) otherInputs[npmName] = npmInput
// The tracking-plan validator and the privacy guard, as npm subpaths.
Object.assign(otherInputs, { protocols: 'src/protocols/index.ts', privacy: 'src/privacy/index.ts' })
if (existsSync('snippet/index.ts')) otherInputs['snippet/index'] = 'snippet/index.ts'
for (const name of pluginNames) otherInputs[`plugins/${name}/index`] = `plugins/${name}/index.ts`

/** ESM and CommonJS for npm, minified, dependencies left to the app's bundler. */
const npmBuild = (input, last) => ({
  input,
  output: [
    { dir: 'dist/esm', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', plugins: [minifyLibrary(true)] },
    {
      dir: 'dist/cjs',
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      exports: 'named',
      plugins: [minifyLibrary(false)],
    },
  ],
  external: [...Object.keys(pkg.dependencies ?? {})],
  plugins: [version(), nodeResolve({ browser: true }), ts(), ...(last ? [declarations()] : [])],
})

/** Slug → the plugin folder whose file answers to it (the folders' own slugs, then every alias). */
const slugOwners = new Map([['extras', 'src/extras'], ...pluginNames.map((name) => [name, name])])

/**
 * A destination answers to each of its names (plugins/shared/register.ts): the built file is run
 * once with an empty window to read the slugs it registers under, and is copied to
 * dist/plugins/<slug>.js for each, so settings naming it by any name find its file.
 */
const aliasCopies = (folder) => ({
  name: 'switchboard-plugin-aliases',
  writeBundle({ file }) {
    const window = {}
    runInNewContext(readFileSync(file, 'utf8'), { window })
    const slugs = Object.keys(window.switchboardPlugins ?? {})
    if (!slugs.includes(folder)) throw new Error(`plugins/${folder}/standalone.ts registers no factory under "${folder}" (only ${slugs.join(', ')})`)
    for (const slug of slugs) {
      const owner = slugOwners.get(slug) ?? folder
      if (owner !== folder) throw new Error(`plugins/${folder} and ${owner} both answer to "${slug}"`)
      slugOwners.set(slug, folder)
      if (slug !== folder) copyFileSync(file, `dist/plugins/${slug}.js`)
    }
  },
})

const builds = [
  {
    input: 'src/browser/standalone.ts',
    output: { file: 'dist/analytics.min.js', format: 'iife', sourcemap: false },
    plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
  },
  {
    input: 'src/extras/standalone.ts',
    output: { file: 'dist/plugins/extras.js', format: 'iife', sourcemap: false },
    plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
  },
  ...Object.entries(consentFiles).map(([file, [input]]) => ({
    input,
    output: { file: `dist/plugins/${file}.js`, format: 'iife', sourcemap: false },
    plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
  })),
  ...['protocols', 'privacy'].map((name) => ({
    input: `src/${name}/standalone.ts`,
    output: { file: `dist/plugins/${name}.js`, format: 'iife', sourcemap: false },
    plugins: [version(), nodeResolve({ browser: true }), ts(), minify()],
  })),
  ...pluginNames
    .filter((name) => existsSync(`plugins/${name}/standalone.ts`))
    .map((name) => ({
      input: `plugins/${name}/standalone.ts`,
      output: { file: `dist/plugins/${name}.js`, format: 'iife', sourcemap: false },
      plugins: [version(), nodeResolve({ browser: true }), ts(), minify(), aliasCopies(name)],
    })),
  npmBuild(rootInputs, false),
  npmBuild(otherInputs, true),
]

export default builds
