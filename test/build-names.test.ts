// @vitest-environment node
// The browser bundles shorten internal members (names ending in `_`) and nothing else. Runs after
// `npm run build` (as `npm test` does).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORE_BUNDLE, PLUGINS_DIR } from '../bench/size.mjs'

const bundles = [CORE_BUNDLE, join(PLUGINS_DIR, 'extras.js')]

/** Every identifier-like word in the code (a shortened name would be missing). */
const words = (code: string) => new Set(code.match(/[A-Za-z_$][\w$]*/g))

describe('internal names in the browser bundles', () => {
  it.each(bundles)('%s has no member ending in _ left', (file) => {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`)
    const left = [...readFileSync(file, 'utf8').matchAll(/\.([a-z][a-zA-Z0-9]*_)(?![\w$])/g)].map((m) => m[1])
    expect(left).toEqual([])
  })

  it('the core keeps every public, snippet and wire name', () => {
    const names = words(readFileSync(CORE_BUNDLE, 'utf8'))
    const kept = [
      // the public API (analytics-js-compat.md)
      'track', 'page', 'identify', 'group', 'alias', 'screen', 'ready', 'reset', 'debug', 'on', 'once', 'off', 'emit',
      'register', 'deregister', 'addSourceMiddleware', 'addDestinationMiddleware', 'setAnonymousId', 'user', 'storage',
      'push', 'use', 'timeout', 'plugins', 'settings', 'options', 'integrations', 'initialized', 'trackLink', 'trackForm',
      // what the snippet sets and the bundle reads
      '_writeKey', '_cdn', '_loadOptions',
      // a plugin's shape and the Context's
      'isLoaded', 'load', 'unload', 'setFailedDelivery', 'failedDelivery', 'updateEvent', 'stats', 'logs', 'flush',
    ]
    expect(kept.filter((n) => !names.has(n))).toEqual([])
  })
})
