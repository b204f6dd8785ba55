// Loads launchBrowser() from e2e/helpers/browser.ts, so the benchmark drives the same Chromium,
// with the same flags, as the e2e tests. Node 20 cannot import TypeScript, so the helper is
// transpiled in memory (TypeScript is a devDependency) and imported as a data: URL.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { ROOT } from '../size.mjs'

/** A data: module can only import absolute URLs, so bare specifiers are resolved here. */
function resolveBare(code) {
  return code.replace(/from\s+(['"])([^'".][^'"]*)\1/g, (all, quote, spec) => {
    if (spec.startsWith('node:')) return all
    return `from ${quote}${import.meta.resolve(spec)}${quote}`
  })
}

export async function loadBrowserHelper() {
  const source = readFileSync(join(ROOT, 'e2e/helpers/browser.ts'), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  const url = 'data:text/javascript;base64,' + Buffer.from(resolveBare(outputText)).toString('base64')
  return import(url)
}
