// @vitest-environment node
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
// @ts-expect-error plain JS module with JSDoc types
import { staleReason } from '../../dev/start.mjs'
import { spawnDevServer } from './helpers'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-start-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const touch = (path: string, secondsAgo: number) => {
  mkdirSync(join(dir, path, '..'), { recursive: true })
  writeFileSync(join(dir, path), 'x')
  const t = Date.now() / 1000 - secondsAgo
  utimesSync(join(dir, path), t, t)
}

describe('staleReason', () => {
  it('asks for a build when dist/ is missing', () => {
    touch('src/index.ts', 100)
    expect(staleReason(dir)).toMatch(/dist\/analytics\.min\.js is missing/)
  })

  it('asks for a build when a source is newer than the bundle', () => {
    touch('dist/analytics.min.js', 50)
    touch('dist/esm/index.js', 50)
    touch('src/core/a.ts', 100)
    touch('plugins/x/index.ts', 10)
    expect(staleReason(dir)).toMatch(/plugins\/ changed/)
  })

  it('is satisfied when dist/ is newer than every source', () => {
    touch('src/core/a.ts', 100)
    touch('snippet/index.ts', 100)
    touch('dist/analytics.min.js', 50)
    touch('dist/esm/index.js', 50)
    expect(staleReason(dir)).toBeUndefined()
  })
})

describe('npm start', () => {
  it('prints the URLs, serves, and on SIGTERM exits cleanly with every acknowledged message on disk', async () => {
    const server = await spawnDevServer(dir)
    const { child, url } = server
    try {
      const out = server.output()
      expect(out).toMatch(/Demo shop\s+http:\/\/127\.0\.0\.1:\d+\//)
      expect(out).toMatch(/Settings\s+http:\/\/.*\/v1\/projects\/demo-write-key\/settings/)
      const message = { type: 'track', event: 'Kept', anonymousId: 'a', messageId: 'm-start-1' }
      const reply = await fetch(`${url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: 'wk', batch: [message] }) })
      expect(reply.status).toBe(200)
      child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      const stored = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      expect(stored.map((m) => m.messageId)).toEqual(['m-start-1'])
    } finally {
      child.kill('SIGKILL')
    }
  }, 20_000)
})
