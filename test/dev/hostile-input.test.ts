// @vitest-environment node
// Any stored message leaves the debugger alive: messages nested deeper than the stated limit
// are refused with a reason, a rejected message is echoed only by its scalar fields, and a
// too-deep message already in the store (from before the limit) cannot break the stream.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, readSnapshot, start, track, type RunningServer } from './helpers'
// @ts-expect-error plain JS module with JSDoc types
import { MAX_MESSAGE_DEPTH, nestedDeeperThan, stringifyOr } from '../../dev/lib/json-safety.mjs'

/** `levels` arrays inside each other around `inner`. */
const nest = (levels: number, inner: unknown = 1): unknown => {
  let value = inner
  for (let i = 0; i < levels; i++) value = [value]
  return value
}

/** JSON of `value` with each "DEEP" string replaced by `levels` nested arrays (built as text: too deep for JSON.stringify). */
const deepJson = (value: unknown, levels: number) => JSON.stringify(value).split('"DEEP"').join('['.repeat(levels) + '1' + ']'.repeat(levels))
const postText = (server: RunningServer, path: string, text: string) => call(server, 'POST', path, text, { 'Content-Type': 'application/json' })

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(() => server.close())
beforeEach(() => call(server, 'POST', '/__sb/reset'))

describe('the depth limit', () => {
  it('is 100 levels, the message object being level 1', () => {
    expect(MAX_MESSAGE_DEPTH).toBe(100)
    // message (1) > properties (2) > 98 arrays = 100 levels.
    expect(nestedDeeperThan({ properties: { a: nest(98) } }, 100)).toBe(false)
    expect(nestedDeeperThan({ properties: { a: nest(99) } }, 100)).toBe(true)
    expect(nestedDeeperThan(nest(1_000_000), 100)).toBe(true)
    expect(nestedDeeperThan('x', 0)).toBe(false)
  })

  it('accepts a message exactly at the limit and refuses one a level deeper, with the reason', async () => {
    const atLimit = track({ properties: { a: nest(98) } })
    const over = track({ properties: { a: nest(99) } })
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [atLimit, over] })
    expect(reply.status).toBe(400)
    expect(reply.body.details).toEqual([
      expect.objectContaining({ index: 1, messageId: over.messageId, errors: [expect.stringMatching(/nested more than 100 levels deep/)] }),
    ])
    expect((await controlState(server)).messages.map((m: any) => m.messageId)).toEqual([atLimit.messageId])
  })

  it.each([4_100, 5_000, 100_000])('answers a message %i levels deep with a 400, and the debugger stays alive', async (depth) => {
    const deep = track({ properties: { list: 'DEEP' } })
    const batch = await postText(server, '/v1/batch', deepJson({ writeKey: 'wk', batch: [deep, track({ event: 'Fine' })] }, depth))
    expect(batch.status).toBe(400)
    expect(batch.body.accepted).toBe(1)
    const single = await postText(server, '/v1/track', deepJson({ ...deep, writeKey: 'wk' }, depth))
    expect(single.status).toBe(400)
    // (100,000 levels are over a single route's 32 KB before they are parsed.)
    if (depth < 10_000) expect(single.body.details[0].errors[0]).toMatch(/nested more than 100 levels deep/)

    const state = await controlState(server)
    expect(state.messages.map((m: any) => m.event)).toEqual(['Fine'])
    expect(state.rejected[0].message).toMatchObject({ truncated: expect.stringMatching(/not kept/), messageId: deep.messageId })
    const snapshot = await readSnapshot(server)
    expect(snapshot.entries.map((e: any) => e.status)).toEqual(['accepted', 'rejected', 'rejected'])
  })

  it('echoes only scalar fields of a rejected message', async () => {
    const reply = await postText(
      server,
      '/v1/batch',
      deepJson({ writeKey: 'wk', batch: [{ type: 'track', anonymousId: 'a', event: 'DEEP', messageId: { x: 'DEEP' } }] }, 5_000),
    )
    expect(reply.status).toBe(400)
    expect(reply.body.details[0]).toEqual({ index: 0, type: 'track', errors: [expect.stringMatching(/nested/)] })
  })
})

describe('a too-deep message already in the store', () => {
  let dataDir: string
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-deep-store-'))
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('is left out of memory, so the stream and the message list keep working after a restart', async () => {
    const fine = track({ event: 'Fine' })
    writeFileSync(join(dataDir, 'messages.jsonl'), `${deepJson(track({ properties: { list: 'DEEP' } }), 4_100)}\n${JSON.stringify(fine)}\n`)
    const restarted = await start({ dataDir })
    try {
      expect((await controlState(restarted)).messages.map((m: any) => m.messageId)).toEqual([fine.messageId])
      const snapshot = await readSnapshot(restarted)
      expect(snapshot.entries.map((e: any) => e.message.messageId)).toEqual([fine.messageId])
    } finally {
      await restarted.close()
    }
  })
})

describe('serialising what is kept', () => {
  it('never throws, whatever the value', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    for (const value of [cycle, nest(200_000), 10n, undefined, () => 1]) {
      const text = stringifyOr(value, (reason: string) => ({ unserializable: reason }))
      expect(typeof JSON.parse(text)).toBe('object')
    }
  })
})
