// What npm users download: the packed tarball's files and package.json, checked by
// @arethetypeswrong/cli (types resolve under node10, node16 from CJS and ESM, bundler) and publint.
import { execFileSync, spawnSync } from 'node:child_process'
import { describe, expect, inject, it } from 'vitest'
import { output, tool as toolPath } from './apps'

const tarball = inject('tarball')
const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((f) => f.replace(/^package\//, ''))
const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
const plugins = [...new Set(files.map((f) => /^dist\/esm\/plugins\/([^/]+)\/index\.js$/.exec(f)?.[1]).filter(Boolean))] as string[]

const tool = (bin: string, args: string[]) =>
  spawnSync(process.execPath, [toolPath(bin), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } })

describe('the packed tarball', () => {
  it('has the license, readme and package metadata a package page needs', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']))
    // The typegen command, and what it imports.
    expect(pkg.bin).toEqual({ 'switchboard-typegen': 'bin/switchboard-typegen.mjs' })
    expect(files).toEqual(expect.arrayContaining(['bin/switchboard-typegen.mjs', 'dist/esm/protocols.js']))
    expect(pkg.license).toBe('MIT')
    expect(pkg.repository.url).toContain('github.com/switchboard-analytics/switchboard')
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(pkg.bugs.url).toMatch(/^https:\/\//)
    expect(pkg.keywords.length).toBeGreaterThan(3)
  })

  it('ships no source maps, tests, examples or entry points that are not imported', () => {
    expect(files.filter((f) => /\.map$|\.test\.|_example|(browser|protocols|privacy|plugins\/[^/]+)\/standalone\.d\.c?ts$|build-env/.test(f))).toEqual([])
  })

  it('has ESM, CommonJS and both kinds of declarations for every entry point', () => {
    expect(plugins.length).toBeGreaterThan(0)
    const types: Record<string, string> = { index: 'src/index', server: 'src/index', extras: 'src/extras/standalone', protocols: 'src/protocols/index', privacy: 'src/privacy/index' }
    for (const entry of ['index', 'server', 'extras', 'protocols', 'privacy', 'snippet/index', ...plugins.map((p) => `plugins/${p}/index`)]) {
      const d = types[entry] ?? entry
      for (const file of [`dist/esm/${entry}.js`, `dist/cjs/${entry}.cjs`, `dist/types/${d}.d.ts`, `dist/types/${d}.d.cts`]) {
        expect(files, file).toContain(file)
      }
    }
  })

  it('holds no chunk left over from an earlier build (every chunk is imported by some file)', () => {
    const text = (f: string) => execFileSync('tar', ['-xzOf', tarball, `package/${f}`], { encoding: 'utf8' })
    const js = files.filter((f) => /^dist\/(esm|cjs)\/.*\.c?js$/.test(f))
    const all = js.map(text).join('\n')
    for (const chunk of js.filter((f) => f.includes('/chunks/'))) expect(all, chunk).toContain(chunk.split('/').pop())
  })

  it('@arethetypeswrong/cli finds no problems for any entry point (plugins named one by one)', () => {
    const run = tool('@arethetypeswrong/cli/dist/index.js', [tarball, '--format', 'json', '--include-entrypoints', ...plugins.map((p) => `plugins/${p}`)])
    const report = JSON.parse(run.stdout)
    const entrypoints = Object.keys(report.analysis.entrypoints)
    expect(entrypoints).toEqual(expect.arrayContaining(['.', './snippet', './protocols', './privacy', ...plugins.map((p) => `./plugins/${p}`)]))
    expect(Object.values(report.problems ?? {}).flat(), output(run)).toEqual([])
    expect(run.status, output(run)).toBe(0)
  })

  it('publint reports nothing, suggestions included', () => {
    const run = tool('publint/src/cli.js', ['run', tarball, '--strict', '--level', 'suggestion'])
    expect(run.status, output(run)).toBe(0)
    expect(run.stdout).toContain('All good!')
  })
})
