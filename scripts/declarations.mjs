// Declarations for npm: tsc emits dist/types/**/*.d.ts, then every relative import in them gets
// the extension Node's resolution needs (`./core/analytics` → `./core/analytics.js`), and each file
// gets a CommonJS twin (`.d.cts`, importing `.cjs`) for the `require` condition. Without the
// extensions, `moduleResolution: node16/nodenext` cannot follow the imports; without the twins,
// `require()` users would get types that claim to be ESM.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'dist/types')

/** `from './x'`, `import('./x')` and `export * from './x'`: the relative specifiers in a .d.ts. */
const RELATIVE = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g

function* declarationFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* declarationFiles(path)
    else if (entry.name.endsWith('.d.ts')) yield path
  }
}

/** The specifier with its extension, for `.js` (ESM) or `.cjs` (CommonJS) files. */
export function withExtension(file, specifier, ext) {
  const target = resolve(dirname(file), specifier)
  if (existsSync(`${target}.d.ts`)) return `${specifier}${ext}`
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index${ext}`
  throw new Error(`${file}: cannot resolve "${specifier}"`)
}

function rewrite(file, text, ext) {
  return text.replace(RELATIVE, (_, lead, quote, specifier) => `${lead}${quote}${withExtension(file, specifier, ext)}${quote}`)
}

export function buildDeclarations() {
  rmSync(OUT, { recursive: true, force: true })
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT })
  const files = [...declarationFiles(OUT)]
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, rewrite(file, text, '.js'))
    writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), rewrite(file, text, '.cjs'))
  }
  return files.length
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`declarations: ${buildDeclarations()} files (.d.ts and .d.cts) in dist/types`)
}
