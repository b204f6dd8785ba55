// @vitest-environment node
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, start, track } from './helpers'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sb-dev-test-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const storeLines = () =>
  readFileSync(join(dataDir, 'messages.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

describe('JSONL store', () => {
  it('has every accepted message on disk by the time the 200 arrives', async () => {
    const server = await start({ dataDir })
    try {
      const messages = [track(), track()]
      const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [...messages, track({ type: 'nope' })] })
      expect(reply.status).toBe(400)
      // Read synchronously right after the response: no waiting for a flush.
      const lines = storeLines()
      expect(lines.map((m) => m.messageId)).toEqual(messages.map((m) => m.messageId))
      expect(lines.every((m) => typeof m.receivedAt === 'string')).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('reads the messages back after a restart with the same data folder', async () => {
    const first = await start({ dataDir })
    const messages = [track({ event: 'One' }), track({ event: 'Two' })]
    await postJson(first, '/v1/batch', { writeKey: 'wk', batch: messages })
    const receivedAt = (await controlState(first)).messages[0].receivedAt
    await first.close()

    const second = await start({ dataDir })
    try {
      const state = await controlState(second)
      expect(state.messages.map((m: any) => m.event)).toEqual(['One', 'Two'])
      expect(state.messages[0].receivedAt).toBe(receivedAt)
      await postJson(second, '/v1/batch', { writeKey: 'wk', batch: [track({ event: 'Three' })] })
      expect(storeLines().map((m) => m.event)).toEqual(['One', 'Two', 'Three'])
    } finally {
      await second.close()
    }
  })

  it('keeps the store when the control lists are reset', async () => {
    const server = await start({ dataDir })
    try {
      await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] })
      await call(server, 'POST', '/__sb/reset')
      expect((await controlState(server)).messages).toEqual([])
      expect(storeLines()).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('skips a torn last line (a crash mid-write) instead of failing to start', async () => {
    const first = await start({ dataDir })
    await postJson(first, '/v1/batch', { writeKey: 'wk', batch: [track({ event: 'Kept' })] })
    await first.close()
    appendFileSync(join(dataDir, 'messages.jsonl'), '{"type":"track","ev')
    const second = await start({ dataDir })
    try {
      expect((await controlState(second)).messages.map((m: any) => m.event)).toEqual(['Kept'])
    } finally {
      await second.close()
    }
  })
})
