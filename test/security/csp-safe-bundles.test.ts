// @vitest-environment node
// What a strict-CSP page refuses without 'unsafe-eval' or 'unsafe-inline' is never in a script
// Switchboard serves: no string turned into code, no markup or inline style written into the page.
// (e2e/csp.test.ts runs them under such a policy; this covers the code paths it does not reach.)
// Runs after `npm run build`, as the size budgets do.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')
const files = () => {
  const plugins = join(ROOT, 'dist', 'plugins')
  return [join(ROOT, 'dist', 'analytics.min.js'), ...(existsSync(plugins) ? readdirSync(plugins).map((f) => join(plugins, f)) : [])].filter((f) =>
    f.endsWith('.js'),
  )
}

const FORBIDDEN: [string, RegExp][] = [
  ['eval', /\beval\s*\(/],
  ['the Function constructor', /\bnew\s+Function\b|[^.\w$]Function\s*\(/],
  ['a string timer', /\bset(Timeout|Interval)\s*\(\s*["'`]/],
  ['markup written as text', /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/],
  ['an inline style', /\.style\b|cssText|setAttribute\(\s*["']style|createElement\(\s*["']style/],
  ['an inline event handler attribute', /setAttribute\(\s*["']on/],
]

describe('the built scripts need neither unsafe-eval nor unsafe-inline', () => {
  it('the bundle and every plugin file are built', () => {
    if (!existsSync(join(ROOT, 'dist', 'analytics.min.js'))) throw new Error('dist is missing: run "npm run build" first (npm test does)')
    expect(files().length).toBeGreaterThan(1)
  })

  it.each(FORBIDDEN)('no %s', (_, pattern) => {
    for (const file of files()) expect(readFileSync(file, 'utf8').match(pattern)?.[0], file).toBeUndefined()
  })

  it('the patterns catch what they are for', () => {
    const samples = ['eval("1")', 'x=new Function("a")', ';Function("a")', 'setTimeout("a()",1)', 'e.innerHTML=s', 'e.style.color="red"', 'e.setAttribute("onclick","x")']
    for (const sample of samples) expect(FORBIDDEN.some(([, p]) => p.test(sample)), sample).toBe(true)
    for (const fine of ['isFunction(x)', 'Function.prototype.apply.call(f)', 'setTimeout(f,1)', '"function"==typeof x']) {
      expect(FORBIDDEN.some(([, p]) => p.test(fine)), fine).toBe(false)
    }
  })
})
