// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, start, track, type RunningServer } from './helpers'

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(() => server.close())
beforeEach(() => call(server, 'POST', '/__sb/reset'))

const basic = (key: string) => 'Basic ' + Buffer.from(`${key}:`).toString('base64')

describe('tracking API', () => {
  it('accepts a batch sent as text/plain with the writeKey in the body, and stamps receivedAt', async () => {
    const messages = [track(), track({ type: 'page', event: undefined, name: 'Home' })]
    const reply = await call(server, 'POST', '/v1/batch', JSON.stringify({ batch: messages, writeKey: 'wk', sentAt: new Date().toISOString() }), {
      'Content-Type': 'text/plain;charset=UTF-8',
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ success: true, accepted: 2 })
    const state = await controlState(server)
    expect(state.messages.map((m: any) => m.messageId)).toEqual(messages.map((m) => m.messageId))
    for (const m of state.messages) expect(Date.parse(m.receivedAt)).not.toBeNaN()
    expect(state.messages[0].writeKey).toBeUndefined()
    expect(state.requests).toEqual([
      expect.objectContaining({ path: '/v1/batch', status: 200, count: 2, writeKey: 'wk', bytes: expect.any(Number) }),
    ])
  })

  it('takes the writeKey from Basic auth and the type from a short single-message route', async () => {
    const { type: _type, ...message } = track({ event: 'Signed Up' })
    const reply = await postJson(server, '/v1/t', message, { Authorization: basic('from-header') })
    expect(reply.status).toBe(200)
    const state = await controlState(server)
    expect(state.messages).toEqual([expect.objectContaining({ type: 'track', event: 'Signed Up' })])
    expect(state.requests[0].writeKey).toBe('from-header')
  })

  it.each(['track', 'identify', 'page', 'group', 'alias', 'screen', 'i', 'p', 'g', 'a', 's', 'b'])('serves /v1/%s', async (route) => {
    const reply = await postJson(server, `/v1/${route}`, {})
    // Routed to the API: a clear 400 for the empty body, never a 404.
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBeTypeOf('string')
  })

  it('merges the batch envelope context and integrations under each message', async () => {
    const message = track({ context: { locale: 'nl-NL' }, integrations: { Mixpanel: false } })
    await postJson(server, '/v1/batch', {
      writeKey: 'wk',
      batch: [message],
      context: { locale: 'en-US', ip: '1.2.3.4' },
      integrations: { All: true, Mixpanel: true },
    })
    const [stored] = (await controlState(server)).messages
    expect(stored.context).toEqual({ locale: 'nl-NL', ip: '1.2.3.4' })
    expect(stored.integrations).toEqual({ All: true, Mixpanel: false })
  })

  it('answers malformed JSON with a clear 400 and stores nothing', async () => {
    const reply = await call(server, 'POST', '/v1/batch', '{"batch": [', { 'Content-Type': 'application/json' })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('malformed_json')
    expect(reply.body.details).toMatch(/not valid JSON/)
    const state = await controlState(server)
    expect(state.messages).toEqual([])
    // The debugger still shows what was sent and why it was refused.
    expect(state.rejected).toEqual([
      expect.objectContaining({ message: { request: '/v1/batch', error: 'malformed_json', body: '{"batch": [' }, errors: [expect.stringMatching(/not valid JSON/)] }),
    ])
  })

  it('refuses a wrong content type with 415', async () => {
    const reply = await call(server, 'POST', '/v1/batch', 'batch=1', { 'Content-Type': 'application/x-www-form-urlencoded' })
    expect(reply.status).toBe(415)
    expect(reply.body.error).toBe('unsupported_content_type')
  })

  it('requires a writeKey', async () => {
    const reply = await postJson(server, '/v1/batch', { batch: [track()] })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('missing_write_key')
    expect((await controlState(server)).messages).toEqual([])
  })

  it('requires a batch array on the batch route', async () => {
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', messages: [] })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('invalid_batch')
  })

  it('answers 400 naming each invalid message of a batch, keeps the valid ones and shows the invalid ones', async () => {
    const good = track()
    const noEvent = track({ event: undefined })
    const noType = track({ type: undefined })
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [good, noEvent, noType] })
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ error: 'invalid_messages', accepted: 1, rejected: 2 })
    expect(reply.body.details).toEqual([
      expect.objectContaining({ index: 1, messageId: noEvent.messageId, errors: [expect.stringMatching(/needs `event`/)] }),
      expect.objectContaining({ index: 2, messageId: noType.messageId, errors: [expect.stringMatching(/`type` is required/)] }),
    ])
    const state = await controlState(server)
    expect(state.messages.map((m: any) => m.messageId)).toEqual([good.messageId])
    expect(state.rejected.map((r: any) => r.message.messageId)).toEqual([noEvent.messageId, noType.messageId])
    expect(state.rejected[0].errors[0]).toMatch(/needs `event`/)
  })

  it('rejects the messages of a batch beyond 2,500', async () => {
    const batch = Array.from({ length: 2501 }, (_, i) => ({ type: 'page', anonymousId: 'a', messageId: `p-${i}` }))
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch })
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ accepted: 2500, rejected: 1 })
    expect(reply.body.details).toEqual([expect.objectContaining({ index: 2500, errors: [expect.stringMatching(/at most 2500/)] })])
  })

  it('rejects a single message sent to the route of another type', async () => {
    const reply = await postJson(server, '/v1/identify', { ...track(), writeKey: 'wk' })
    expect(reply.status).toBe(400)
    expect(reply.body.details[0].errors[0]).toMatch(/sent to the identify route/)
  })

  it('flags a redelivered messageId as a duplicate but still records it', async () => {
    const message = track()
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [message] })
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [message] })
    const state = await controlState(server)
    expect(state.messages).toHaveLength(2)
    expect(state.requests[1].duplicates).toBe(1)
  })

  it('records the X-Retry-Count header of each request', async () => {
    await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] }, { 'X-Retry-Count': '2' })
    expect((await controlState(server)).requests[0].retryCount).toBe(2)
  })

  it('answers CORS preflights for any origin, without credentials', async () => {
    const preflight = await call(server, 'OPTIONS', '/v1/batch', undefined, {
      Origin: 'https://shop.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined()
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Content-Type, Authorization, X-Retry-Count/)
    const reply = await postJson(server, '/v1/batch', { writeKey: 'wk', batch: [track()] }, { Origin: 'https://shop.example' })
    expect(reply.headers['access-control-allow-origin']).toBe('*')
    expect(String(reply.headers['access-control-expose-headers'])).toMatch(/Retry-After/)
  })

  it('accepts a gzip-compressed body', async () => {
    const { gzipSync } = await import('node:zlib')
    const message = track()
    const body = gzipSync(JSON.stringify({ writeKey: 'wk', batch: [message] }))
    const reply = await call(server, 'POST', '/v1/batch', body, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
    expect(reply.status).toBe(200)
    expect((await controlState(server)).messages[0].messageId).toBe(message.messageId)
  })

  it('answers GET on a tracking route with 405', async () => {
    expect((await call(server, 'GET', '/v1/batch')).status).toBe(405)
  })
})
