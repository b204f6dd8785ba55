// @vitest-environment node
// The builds shorten internal members (names ending in `_`) and nothing else, and no declaration
// an app sees names one. Runs after `npm run build` (as `npm test` does).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORE_BUNDLE, PLUGINS_DIR, ROOT } from '../bench/size.mjs'

const bundles = [CORE_BUNDLE, join(PLUGINS_DIR, 'extras.js')]

/** Every identifier-like word in the code (a shortened name would be missing). */
const words = (code: string) => new Set(code.match(/[A-Za-z_$][\w$]*/g))

describe('internal names in the browser bundles', () => {
  it.each(bundles)('%s has no member ending in _ left', (file) => {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`)
    const left = [...readFileSync(file, 'utf8').matchAll(/\.([a-z][a-zA-Z0-9]*_)(?![\w$])/g)].map((m) => m[1])
    expect(left).toEqual([])
  })

  it('the core keeps every public, snippet and wire name', () => {
    const names = words(readFileSync(CORE_BUNDLE, 'utf8'))
    const kept = [
      // the public API (analytics-js-compat.md)
      'track', 'page', 'identify', 'group', 'alias', 'screen', 'ready', 'reset', 'debug', 'on', 'once', 'off', 'emit',
      'register', 'deregister', 'addSourceMiddleware', 'addDestinationMiddleware', 'setAnonymousId', 'user', 'storage',
      'push', 'use', 'timeout', 'plugins', 'settings', 'options', 'integrations', 'initialized', 'trackLink', 'trackForm',
      // what the snippet sets and the bundle reads
      '_writeKey', '_cdn', '_loadOptions',
      // a plugin's shape and the Context's
      'isLoaded', 'load', 'unload', 'setFailedDelivery', 'failedDelivery', 'updateEvent', 'stats', 'logs', 'flush',
    ]
    expect(kept.filter((n) => !names.has(n))).toEqual([])
  })
})

describe('internal names in the published declarations', () => {
  /** Every declaration file an entry point of the package reaches through its imports. */
  function reachable(entries: string[]): string[] {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file) || !existsSync(file)) return
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      for (const [, spec] of text.matchAll(/(?:from\s+|import\()\s*['"](\.[^'"]+)['"]/g)) {
        visit(join(dirname(file), spec.replace(/\.(c?)js$/, '.d.$1ts')))
      }
    }
    for (const entry of entries) visit(entry)
    return [...seen]
  }

  it('no declaration an app can reach names a member ending in _ (the npm files shorten them)', () => {
    const exports = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports as Record<string, unknown>
    const typeFiles = JSON.stringify(exports)
      .match(/"types":"([^"]+)"/g)!
      .map((m) => m.slice(9, -1))
      .flatMap((p) => (p.includes('*') ? pluginTypeFiles(p) : [join(ROOT, p)]))
    for (const file of typeFiles) if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`)
    const files = reachable(typeFiles)
    expect(files.length).toBeGreaterThan(10)
    const named = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b([a-z][a-zA-Z0-9]*_)\??\s*[:(]/g)].map((m) => `${f.slice(ROOT.length)}: ${m[1]}`))
    expect(named).toEqual([])
  })
})

/** `dist/types/plugins/*\/index.d.ts` for every plugin (folders without an index are shared code). */
function pluginTypeFiles(pattern: string): string[] {
  const [head, tail] = pattern.split('*')
  const dir = join(ROOT, head)
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name + tail)).filter(existsSync) : []
}
