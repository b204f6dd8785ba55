// Fresh applications that install the packed tarball, as a user's app would, using the tools
// in this repository's own node_modules (nothing is fetched).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { inject } from 'vitest'

export const ROOT = resolve(import.meta.dirname, '../..')
export const PACKAGE = 'switchboard-analytics'

/** The package's runtime dependencies, linked from this repository's node_modules. */
const DEPENDENCIES = ['dset']

export interface App {
  dir: string
  /** Writes files (path → contents) into the app. */
  write(files: Record<string, string>): void
  /** Runs `node ...args` in the app; never throws. */
  node(args: string[], options?: { env?: Record<string, string>; timeout?: number }): SpawnSyncReturns<string>
}

/** A new app whose node_modules holds the unpacked tarball and the package's dependencies. */
export function createApp(name: string, files: Record<string, string> = {}): App {
  const dir = mkdtempSync(join(inject('workDir'), `${name}-`))
  const installed = join(dir, 'node_modules', PACKAGE)
  mkdirSync(installed, { recursive: true })
  execFileSync('tar', ['-xzf', inject('tarball'), '-C', installed, '--strip-components=1'])
  for (const dep of DEPENDENCIES) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir')
  const app: App = {
    dir,
    write(more) {
      for (const [path, text] of Object.entries(more)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
    },
    node(args, options = {}) {
      return spawnSync(process.execPath, args, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', ...options.env },
        timeout: options.timeout ?? 120_000,
      })
    },
  }
  app.write({ 'package.json': JSON.stringify({ name, private: true, type: 'module' }, null, 2), ...files })
  return app
}

/** A tool's script in this repository's node_modules (`tool('typescript/bin/tsc')`). */
export const tool = (path: string) => join(ROOT, 'node_modules', path)

/** stdout and stderr together, for assertion messages. */
export const output = (r: SpawnSyncReturns<string>) => `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`
