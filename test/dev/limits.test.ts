// @vitest-environment node
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, start, track, type RunningServer } from './helpers'

let server: RunningServer
beforeAll(async () => {
  server = await start({ bodyTimeoutMs: 400 })
})
afterAll(() => server.close())
beforeEach(() => call(server, 'POST', '/__sb/reset'))

/** Streams `total` bytes of a JSON-looking body in chunks, without a Content-Length. */
function streamBody(path: string, total: number): Promise<{ status: number | string; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    // The server may close the socket once it has answered; that is the point.
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? 'error', body: '' }))
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const pump = () => {
      while (sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    req.write('{"writeKey":"wk","batch":[')
    pump()
  })
}

describe('size limits', () => {
  it('rejects a single message over 32 KB with 400', async () => {
    const reply = await postJson(server, '/v1/track', { ...track({ properties: { blob: 'x'.repeat(33 * 1024) } }), writeKey: 'wk' })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('payload_too_large')
    expect((await controlState(server)).messages).toEqual([])
  })

  it('rejects one message over 32 KB inside a batch and keeps the others', async () => {
    const big = track({ properties: { blob: 'x'.repeat(33 * 1024) } })
    const small = track()
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [big, small] })
    expect(reply.status).toBe(400)
    expect(reply.body.details).toEqual([expect.objectContaining({ index: 0, errors: [expect.stringMatching(/32 KB/)] })])
    expect((await controlState(server)).messages.map((m: any) => m.messageId)).toEqual([small.messageId])
  })

  it('accepts a batch just under 500 KB and rejects one over it', async () => {
    const under = Array.from({ length: 20 }, () => track({ properties: { blob: 'x'.repeat(24 * 1024) } }))
    expect((await postJson(server, '/v1/batch', { writeKey: 'wk', batch: under })).status).toBe(200)
    const over = Array.from({ length: 22 }, () => track({ properties: { blob: 'x'.repeat(24 * 1024) } }))
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: over })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('payload_too_large')
    expect((await controlState(server)).messages).toHaveLength(20)
  })

  it('cuts off a 10 MB streamed body early, without buffering it, and keeps serving', async () => {
    const before = process.memoryUsage().rss
    const reply = await streamBody('/v1/batch', 10 * 1024 * 1024)
    // Either the 400 arrives, or the socket is closed while the client is still sending.
    if (typeof reply.status === 'number') {
      expect(reply.status).toBe(400)
      expect(JSON.parse(reply.body).error).toBe('payload_too_large')
    } else expect(['ECONNRESET', 'EPIPE']).toContain(reply.status)
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024)
    expect((await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] })).status).toBe(200)
    const state = await controlState(server)
    expect(state.requests[0]).toMatchObject({ path: '/v1/batch', status: 400, error: 'payload_too_large' })
  })

  it('stops inflating a gzip body once it passes the limit', async () => {
    const { gzipSync } = await import('node:zlib')
    // 50 MB of spaces compress to about 50 KB.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20))
    const reply = await call(server, 'POST', '/v1/batch', bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('payload_too_large')
    expect((await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] })).status).toBe(200)
  })

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const reply = await call(server, 'POST', '/v1/t', 'x'.repeat(40 * 1024), { 'Content-Type': 'application/json' })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('payload_too_large')
  })
})

describe('a request that hangs', () => {
  it('gets a 408 after the body timeout while other requests are served', async () => {
    const socket = connect(server.port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d) => (answer += d))
    const closed = new Promise((r) => socket.on('close', r))
    // Promises 1000 bytes, sends 10, then goes quiet.
    socket.write('POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"batch":[')
    const started = Date.now()
    const other = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] })
    expect(other.status).toBe(200)
    await closed
    expect(Date.now() - started).toBeGreaterThanOrEqual(350)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(answer).toMatch(/request_timeout/)
  })
})
