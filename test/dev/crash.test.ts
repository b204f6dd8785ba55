// @vitest-environment node
// A crash never loses an acknowledged message: the server runs as a child process, is killed
// with SIGKILL (mid-stream, or after a torn line was left in its store) and restarted; every
// message it answered 200 for must be in the store and in the control API afterwards.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnDevServer, track, type ServerProcess } from './helpers'
// @ts-expect-error plain JS module with JSDoc types
import { MessageStore } from '../../dev/lib/store.mjs'

let dir: string
const running: ServerProcess[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-crash-'))
})
afterEach(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function launch(): Promise<ServerProcess> {
  const server = await spawnDevServer(dir)
  running.push(server)
  return server
}

async function kill(server: ServerProcess) {
  server.child.kill('SIGKILL')
  await server.exited
}

/** Posts one batch; returns its messageIds if the server acknowledged it. */
async function send(server: ServerProcess, batch: Record<string, unknown>[]): Promise<string[]> {
  try {
    const reply = await fetch(`${server.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: 'wk', batch }) })
    return reply.status === 200 ? batch.map((m) => m.messageId as string) : []
  } catch {
    return []
  }
}

const storeFile = () => join(dir, 'messages.jsonl')
const storedIds = () =>
  readFileSync(storeFile(), 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line).messageId as string]
      } catch {
        return []
      }
    })
const listedIds = async (server: ServerProcess) =>
  ((await (await fetch(`${server.url}/__sb/messages`)).json()).messages as { messageId: string }[]).map((m) => m.messageId)

describe('kill and restart', () => {
  it('keeps every acknowledged message after a torn last line', async () => {
    const acked: string[] = []
    const first = await launch()
    acked.push(...(await send(first, [track(), track()])))
    await kill(first)
    // What a SIGKILL in the middle of an append leaves behind.
    appendFileSync(storeFile(), '{"type":"track","event":"Torn","messageId":"torn-1","prop')

    const second = await launch()
    acked.push(...(await send(second, [track({ event: 'After Restart' })])))
    acked.push(...(await send(second, [track()])))
    await kill(second)

    const third = await launch()
    expect(acked).toHaveLength(4)
    expect(storedIds()).toEqual(acked)
    expect(await listedIds(third)).toEqual(acked)
    expect(second.output()).toMatch(/cut off a torn last line \(\d+ bytes/)
  }, 30_000)

  it('keeps every acknowledged message when killed while messages stream in', async () => {
    const acked = new Set<string>()
    let server = await launch()
    for (let round = 0; round < 3; round++) {
      // Four senders post batches of about 250 KB each, so the kill often lands inside a write.
      let stop = false
      const sender = async (s: ServerProcess) => {
        while (!stop) {
          const ids = await send(s, Array.from({ length: 40 }, () => track({ properties: { blob: 'x'.repeat(6000) } })))
          ids.forEach((id) => acked.add(id))
        }
      }
      const senders = Array.from({ length: 4 }, () => sender(server))
      const before = acked.size
      while (acked.size < before + 200) await new Promise((r) => setTimeout(r, 5))
      await kill(server)
      stop = true
      await Promise.all(senders)
      server = await launch()
      // Every acknowledged message is back, and the next one lands on a line of its own.
      const next = await send(server, [track({ event: 'Next' })])
      expect(next).toHaveLength(1)
      next.forEach((id) => acked.add(id))
    }
    await kill(server)
    const last = await launch()
    const stored = new Set(storedIds())
    expect([...acked].filter((id) => !stored.has(id))).toEqual([])
    const listed = new Set(await listedIds(last))
    expect([...acked].filter((id) => !listed.has(id))).toEqual([])
  }, 60_000)
})

describe('the store tail', () => {
  it('cuts a torn last line and ends a whole one that lost only its newline', () => {
    const store = new MessageStore(dir)
    store.append([{ n: 1 }])
    appendFileSync(storeFile(), '{"n":2')
    expect(store.repairTail()).toEqual({ ended: false, cut: 6 })
    expect(readFileSync(storeFile(), 'utf8')).toBe('{"n":1}\n')
    appendFileSync(storeFile(), '{"n":2}')
    expect(store.repairTail()).toEqual({ ended: true, cut: 0 })
    store.append([{ n: 3 }])
    expect(readFileSync(storeFile(), 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n')
  })

  it('repairs a torn line longer than its read-back chunk and a file that is one torn line', () => {
    const store = new MessageStore(dir)
    appendFileSync(storeFile(), '{"big":"' + 'y'.repeat(200_000))
    expect(store.repairTail()).toEqual({ ended: false, cut: 200_008 })
    expect(readFileSync(storeFile(), 'utf8')).toBe('')
    store.append([{ n: 1 }])
    appendFileSync(storeFile(), 'x'.repeat(100_000))
    store.append([{ n: 2 }])
    expect(readFileSync(storeFile(), 'utf8')).toBe('{"n":1}\n{"n":2}\n')
  })
})
