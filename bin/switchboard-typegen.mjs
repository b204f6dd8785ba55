#!/usr/bin/env node
// switchboard-typegen plan.json [TypeName] > analytics-events.d.ts
// Prints the event-name → properties types of a tracking plan (any shape Segment's tools save),
// for `AnalyticsBrowser.load<AnalyticsEvents>()`.
import { readFileSync } from 'node:fs'
import { planTypes } from '../dist/esm/protocols.js'

const [file, name] = process.argv.slice(2)
if (!file || file === '--help' || file === '-h') {
  process.stderr.write('usage: switchboard-typegen <plan.json> [TypeName] > analytics-events.d.ts\n')
  process.exit(file ? 0 : 2)
}
let plan
try {
  plan = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  process.stderr.write(`switchboard-typegen: cannot read ${file} as JSON: ${error instanceof Error ? error.message : error}\n`)
  process.exit(1)
}
process.stdout.write(planTypes(plan, name))
