// @vitest-environment node
// Every path package.json promises to npm users exists after `npm run build`.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, readdirSync } from 'node:fs'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const slugs = readdirSync('plugins', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`plugins/${d.name}/index.ts`))
  .map((d) => d.name)

/** Every file path in a conditional exports target, however deeply nested. */
function targets(target: unknown): string[] {
  if (typeof target === 'string') return [target]
  return Object.values(target as Record<string, unknown>).flatMap(targets)
}

describe('package.json exports', () => {
  it('points main, module and types at built files', () => {
    for (const key of ['main', 'module', 'types']) expect(existsSync(pkg[key]), `${key}: ${pkg[key]}`).toBe(true)
  })

  it('resolves every subpath and condition, plugins included', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const names = subpath.includes('*') ? slugs : ['']
      const files = targets(target)
      expect(files.length, subpath).toBeGreaterThan(0)
      for (const name of names) for (const file of files) expect(existsSync(file.replace('*', name)), `${subpath} → ${file} (${name})`).toBe(true)
    }
  })

  it('maps the same subpaths for TypeScript\'s node10 resolution (typesVersions)', () => {
    const mapped = pkg.typesVersions['*'] as Record<string, string[]>
    for (const subpath of Object.keys(pkg.exports).filter((s) => s !== '.' && s !== './package.json')) {
      const key = subpath.slice(2)
      expect(mapped[key], subpath).toBeDefined()
      for (const name of subpath.includes('*') ? slugs : ['']) expect(existsSync(mapped[key][0].replace('*', name)), `${subpath} (${name})`).toBe(true)
    }
  })
})
