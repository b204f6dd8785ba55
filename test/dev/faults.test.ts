// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, start, track, type RunningServer } from './helpers'

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(() => server.close())
beforeEach(() => call(server, 'POST', '/__sb/reset'))

const fault = (body: Record<string, unknown>) => postJson(server, '/__sb/faults', body)
const send = (message = track()) => postJson(server, '/v1/batch', { writeKey: 'wk', batch: [message] })

describe('fault injection', () => {
  it('answers the next N requests with 500, then accepts again', async () => {
    expect((await fault({ mode: '500', count: 2 })).status).toBe(200)
    const message = track()
    expect((await send(message)).status).toBe(500)
    expect((await send(message)).status).toBe(500)
    expect((await send(message)).status).toBe(200)
    const state = await controlState(server)
    // Only the successful attempt is stored.
    expect(state.messages.map((m: any) => m.messageId)).toEqual([message.messageId])
    expect(state.requests.map((r: any) => [r.status, r.fault])).toEqual([
      [500, '500'],
      [500, '500'],
      [200, undefined],
    ])
  })

  it('answers 429 with Retry-After and X-RateLimit-Reset', async () => {
    await fault({ mode: '429', count: 1, retryAfter: 7 })
    const reply = await send()
    expect(reply.status).toBe(429)
    expect(reply.headers['retry-after']).toBe('7')
    expect(reply.headers['x-ratelimit-reset']).toBe('7')
    expect((await send()).status).toBe(200)
  })

  it('drops the connection without an answer', async () => {
    await fault({ mode: 'drop', count: 1 })
    await expect(send()).rejects.toThrow(/socket hang up|ECONNRESET/)
    const state = await controlState(server)
    expect(state.messages).toEqual([])
    expect(state.requests[0]).toMatchObject({ status: 0, fault: 'drop' })
    expect((await send()).status).toBe(200)
  })

  it('delays the answer, then stores the message', async () => {
    await fault({ mode: 'delay', count: 1, delayMs: 300 })
    const started = Date.now()
    expect((await send()).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect((await controlState(server)).messages).toHaveLength(1)
  })

  it('targets the settings CDN separately from the API', async () => {
    await fault({ target: 'settings', mode: '500', count: 1 })
    expect((await send()).status).toBe(200)
    expect((await call(server, 'GET', '/v1/projects/wk/settings')).status).toBe(500)
    expect((await call(server, 'GET', '/v1/projects/wk/settings')).status).toBe(200)
  })

  it('lists pending faults, and reset clears them', async () => {
    await fault({ mode: '500', count: 3 })
    await send()
    expect((await call(server, 'GET', '/__sb/faults')).body.faults).toEqual([expect.objectContaining({ mode: '500', count: 2 })])
    await call(server, 'POST', '/__sb/reset')
    expect((await call(server, 'GET', '/__sb/faults')).body.faults).toEqual([])
    expect((await send()).status).toBe(200)
  })

  it('refuses an unknown mode with a clear error', async () => {
    const reply = await fault({ mode: '503', count: 1 })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('invalid_fault')
    expect(reply.body.details[0]).toMatch(/mode must be one of/)
  })
})
