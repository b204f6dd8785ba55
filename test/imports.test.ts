// @vitest-environment node
// Dependency rules the layout promises: plugins take their types from the types-only entry
// (never the root barrel, which would bring the delivery code along), and storage depends on
// nothing above it (its options are its own, so core/options ↔ storage is not a cycle).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name))
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1])

describe('import rules', () => {
  it('plugins never import the root entry or a folder barrel of src/', () => {
    const bad = sources('plugins').flatMap((file) =>
      imports(file)
        .filter((spec) => /\/src(\/index)?$|\/src\/[a-z-]+(\/index)?$/.test(spec) && !spec.endsWith('/src/types'))
        .map((spec) => `${file}: ${spec}`),
    )
    expect(bad).toEqual([])
  })

  it('src/types.ts exports types only', () => {
    const text = readFileSync('src/types.ts', 'utf8')
    const statements = text.split('\n').filter((l) => /^(export|import)\b/.test(l))
    expect(statements.length).toBeGreaterThan(5)
    for (const line of statements) expect(line).toMatch(/^export type /)
  })

  it('storage imports nothing from core, identity or delivery', () => {
    const bad = sources('src/storage').flatMap((file) => imports(file).filter((s) => /\.\.\/(core|identity|delivery|browser)\//.test(s)).map((s) => `${file}: ${s}`))
    expect(bad).toEqual([])
  })
})
