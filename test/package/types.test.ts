// TypeScript users: the packed package under `strict`, without skipLibCheck, in each module
// resolution mode an app may use. A typed usage file, the README's own examples, and a file of
// deliberate mistakes that must each fail (`@ts-expect-error`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, output, ROOT, tool, type App } from './apps'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')

/** The README's TypeScript/JavaScript examples, each as a module of its own. */
export function readmeExamples(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:ts|js|typescript|javascript)\n([\s\S]*?)```/g)].map((m) => m[1])
  return blocks
    .filter((code) => /switchboard-analytics|\banalytics\./.test(code))
    .map((code) => {
      // A block that uses the `analytics` of an earlier one gets it declared.
      const declares = /\b(const|let|var)\s+(\[\s*)?analytics\b|import\s*\{[^}]*\banalytics\b/.test(code)
      const prelude = !declares && /\banalytics\./.test(code) ? "declare const analytics: import('switchboard-analytics').AnalyticsBrowser\n" : ''
      return `${prelude}${code}\nexport {}\n`
    })
}

const MODES = {
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  node10: { module: 'ES2022', moduleResolution: 'Node10' },
} as const

let app: App
let examples: string[]

beforeAll(() => {
  examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'))
  const files: Record<string, string> = { 'usage.ts': fixture('usage.ts'), 'mistakes.ts': fixture('mistakes.ts'), 'usage-cjs.cts': fixture('usage-cjs.cts') }
  examples.forEach((code, i) => (files[`readme-${i + 1}.ts`] = code))
  for (const [mode, resolution] of Object.entries(MODES)) {
    const compilerOptions = {
      ...resolution,
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
    }
    // .cts files are CommonJS only under node16/nodenext.
    const include = mode === 'nodenext' ? ['*.ts', '*.cts'] : ['*.ts']
    files[`tsconfig.${mode}.json`] = JSON.stringify({ compilerOptions, include }, null, 2)
  }
  app = createApp('types', files)
})

describe('TypeScript (strict, skipLibCheck off)', () => {
  it('the README has examples to compile', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3)
  })

  it.each(Object.keys(MODES))('moduleResolution %s: usage, README examples and mistakes compile as intended', (mode) => {
    const run = app.node([tool('typescript/bin/tsc'), '-p', `tsconfig.${mode}.json`, '--pretty', 'false'])
    expect(output(run)).toBe('')
    expect(run.status).toBe(0)
  })

  it('each deliberate mistake is an error of its own (without the directives, tsc reports one per line)', () => {
    const mistakes = fixture('mistakes.ts')
    const expected = mistakes.split('\n').filter((line) => line.trim().startsWith('// @ts-expect-error')).length
    app.write({ 'strict-mistakes/mistakes.ts': mistakes.replaceAll('// @ts-expect-error', '// (expected error)'), 'strict-mistakes/tsconfig.json': JSON.stringify({ extends: '../tsconfig.bundler.json', include: ['mistakes.ts'] }) })
    const run = app.node([tool('typescript/bin/tsc'), '-p', 'strict-mistakes/tsconfig.json', '--pretty', 'false'])
    const lines = new Set([...output(run).matchAll(/mistakes\.ts\((\d+),\d+\): error/g)].map((m) => m[1]))
    expect(lines.size, output(run)).toBe(expected)
  })
})
