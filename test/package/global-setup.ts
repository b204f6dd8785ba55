// Packs the package once, as `npm publish` would, for every test in test/package/. Needs the
// build (`npm test` runs it first).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

const ROOT = resolve(import.meta.dirname, '../..')

declare module 'vitest' {
  export interface ProvidedContext {
    /** The packed .tgz. */
    tarball: string
    /** Where the test apps are made (removed afterwards). */
    workDir: string
  }
}

export default function setup(project: TestProject) {
  if (!existsSync(join(ROOT, 'dist/esm/index.js'))) throw new Error('dist/ is missing: run "npm run build" first (npm test does)')
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-package-'))
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as { filename: string }[]
  project.provide('tarball', join(workDir, packed.filename))
  project.provide('workDir', workDir)
  return () => rmSync(workDir, { recursive: true, force: true })
}
