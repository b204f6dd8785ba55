// @vitest-environment node
// The dev server is bounded: debugger streams are capped and slow ones cut off, rejected
// messages are kept truncated, settings overrides and pending faults are limited; 30 clients
// that never read do not grow the server by hundreds of MB.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request, type ClientRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, readSnapshot, spawnDevServer, start, track, type RunningServer } from './helpers'
// @ts-expect-error plain JS module with JSDoc types
import { MAX_STREAM_CLIENTS } from '../../dev/lib/event-stream.mjs'
// @ts-expect-error plain JS module with JSDoc types
import { MAX_OVERRIDES, MAX_OVERRIDE_BYTES } from '../../dev/lib/settings.mjs'
// @ts-expect-error plain JS module with JSDoc types
import { MAX_PENDING_FAULTS } from '../../dev/lib/faults.mjs'
// @ts-expect-error plain JS module with JSDoc types
import { MAX_REJECTED_CHARS } from '../../dev/lib/recorder.mjs'

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(() => server.close())
beforeEach(() => call(server, 'POST', '/__sb/reset'))

/** A debugger stream that reads; resolves once the response has started. */
function openStream(port: number): Promise<{ req: ClientRequest; status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/__sb/events' }, (res) => {
      res.resume()
      resolve({ req, status: res.statusCode ?? 0 })
    })
    req.on('error', reject)
    req.end()
  })
}

/** A debugger stream that reads its status line, then never reads again. */
function openStalledStream(port: number): Promise<{ socket: Socket; status: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /__sb/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`)
    })
    socket.once('data', (chunk: Buffer) => {
      socket.pause()
      resolve({ socket, status: chunk.toString('latin1').split('\r\n')[0] })
    })
    socket.on('error', () => {})
  })
}

/** Batches of messages of about `bytes` each, under the 500 KB batch limit. */
async function sendBig(port: number, count: number, bytes: number) {
  const perBatch = Math.floor((450 * 1024) / bytes)
  for (let sent = 0; sent < count; sent += perBatch) {
    const batch = Array.from({ length: Math.min(perBatch, count - sent) }, () => track({ properties: { blob: 'x'.repeat(bytes - 300) } }))
    const reply = await postJson({ port } as RunningServer, '/v1/batch', { writeKey: 'wk', batch })
    expect(reply.status).toBe(200)
  }
}

describe('rejected messages', () => {
  it('are kept truncated, not whole', async () => {
    const big = track({ properties: { blob: 'x'.repeat(400 * 1024) } })
    expect((await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [big] })).status).toBe(400)
    const kept = (await controlState(server)).rejected[0].message
    expect(kept).toMatchObject({ type: 'track', event: big.event, messageId: big.messageId, truncated: expect.stringMatching(/first 8192 are kept/) })
    expect(kept.preview).toHaveLength(MAX_REJECTED_CHARS)
    expect(kept.preview).toContain(big.messageId)
    expect(JSON.stringify((await readSnapshot(server)).entries).length).toBeLessThan(MAX_REJECTED_CHARS + 2000)
  })

  it('are kept whole when small', async () => {
    const small = track({ type: 'nope' })
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [small] })
    expect((await controlState(server)).rejected[0].message).toEqual(small)
  })
})

describe('settings overrides and faults', () => {
  it(`hold at most ${100} write keys, and replacing one is always allowed`, async () => {
    for (let i = 0; i < MAX_OVERRIDES; i++) {
      expect((await call(server, 'PUT', `/__sb/settings/key-${i}`, '{"n":1}')).status).toBe(200)
    }
    const over = await call(server, 'PUT', '/__sb/settings/one-more', '{}')
    expect(over.status).toBe(400)
    expect(over.body.error).toBe('too_many_overrides')
    expect((await call(server, 'PUT', '/__sb/settings/key-0', '{"n":2}')).status).toBe(200)
    expect((await call(server, 'GET', '/v1/projects/key-0/settings')).body).toEqual({ n: 2 })
    expect((await call(server, 'DELETE', '/__sb/settings/key-1')).status).toBe(200)
    expect((await call(server, 'PUT', '/__sb/settings/one-more', '{}')).status).toBe(200)
    for (let i = 0; i < MAX_OVERRIDES; i++) await call(server, 'DELETE', `/__sb/settings/key-${i}`)
    await call(server, 'DELETE', '/__sb/settings/one-more')
  }, 20_000)

  it(`take at most ${256} KB each`, async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(MAX_OVERRIDE_BYTES) })
    const reply = await call(server, 'PUT', '/__sb/settings/huge', body)
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('payload_too_large')
    expect((await call(server, 'GET', '/v1/projects/huge/settings')).body).not.toHaveProperty('blob')
  })

  it(`queue at most ${100} pending faults`, async () => {
    for (let i = 0; i < MAX_PENDING_FAULTS; i++) expect((await postJson(server, '/__sb/faults', { mode: 'delay', delayMs: 0 })).status).toBe(200)
    const over = await postJson(server, '/__sb/faults', { mode: '500' })
    expect(over.status).toBe(400)
    expect(over.body.error).toBe('too_many_faults')
  }, 20_000)
})

describe('debugger streams', () => {
  it('cut off a client that does not read, and keep serving the others', async () => {
    const { socket: stalled, status } = await openStalledStream(server.port)
    expect(status).toBe('HTTP/1.1 200 OK')
    // About 30 MB of entries while it reads nothing: more than its buffer limit and the kernel's socket buffers.
    await sendBig(server.port, 1000, 30 * 1024)
    expect((await readSnapshot(server)).entries.length).toBeGreaterThan(0)
    // Now it reads: what was queued for it arrives, then the end, well before everything sent.
    let received = 0
    stalled.on('data', (chunk: Buffer) => (received += chunk.length))
    const closed = new Promise<boolean>((resolve) => {
      stalled.on('close', () => resolve(true))
      setTimeout(() => resolve(false), 10_000)
    })
    stalled.resume()
    expect(await closed).toBe(true)
    expect(received).toBeLessThan(25 * 1024 * 1024)
  }, 30_000)

  it(`are capped at ${10} at once`, async () => {
    const open = await Promise.all(Array.from({ length: MAX_STREAM_CLIENTS }, () => openStream(server.port)))
    expect(open.map((s) => s.status)).toEqual(Array(MAX_STREAM_CLIENTS).fill(200))
    const refused = await call(server, 'GET', '/__sb/events')
    expect(refused.status).toBe(503)
    expect(refused.body.error).toBe('too_many_streams')
    open[0].req.destroy()
    // The slot is free once the server has seen the close.
    for (let i = 0; ; i++) {
      const next = await openStream(server.port)
      if (next.status === 200) {
        next.req.destroy()
        break
      }
      if (i > 50) throw new Error('the slot was never freed')
      await new Promise((r) => setTimeout(r, 20))
    }
    open.slice(1).forEach((s) => s.req.destroy())
  })
})

describe('30 clients that never read', () => {
  let dataDir: string
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-bounds-'))
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  const rssMb = (pid: number) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024

  it('do not grow the server by hundreds of MB while messages flow', async () => {
    const child = await spawnDevServer(dataDir)
    const sockets: Socket[] = []
    try {
      // A full feed of large messages: each snapshot is as big as it gets.
      await sendBig(child.port, 1000, 30 * 1024)
      const before = rssMb(child.child.pid!)
      for (let i = 0; i < 30; i++) sockets.push((await openStalledStream(child.port)).socket)
      await sendBig(child.port, 600, 30 * 1024)
      const after = rssMb(child.child.pid!)
      console.log(`server RSS: ${before.toFixed(0)} MB before 30 stalled streams, ${after.toFixed(0)} MB after 600 more messages`)
      expect(after - before).toBeLessThan(120)
    } finally {
      sockets.forEach((s) => s.destroy())
      child.child.kill('SIGKILL')
    }
  }, 60_000)
})
