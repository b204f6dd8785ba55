// @vitest-environment node
// Every path package.json promises to npm users exists after `npm run build`.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, readdirSync } from 'node:fs'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const slugs = readdirSync('plugins', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`plugins/${d.name}/index.ts`))
  .map((d) => d.name)

describe('package.json exports', () => {
  it('points main, module and types at built files', () => {
    for (const key of ['main', 'module', 'types']) expect(existsSync(pkg[key]), `${key}: ${pkg[key]}`).toBe(true)
  })

  it('resolves every subpath, plugins included', () => {
    for (const [subpath, target] of Object.entries(pkg.exports) as [string, any][]) {
      if (typeof target === 'string') {
        expect(existsSync(target), subpath).toBe(true)
        continue
      }
      const names = subpath.includes('*') ? slugs : ['']
      for (const name of names) {
        for (const file of [target.types, target.import]) expect(existsSync(file.replace('*', name)), `${subpath} → ${file} (${name})`).toBe(true)
      }
    }
  })
})
