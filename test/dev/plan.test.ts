// @vitest-environment node
// The dev server checks every accepted message against a tracking plan file with the page's own
// validator (the built switchboard-analytics/protocols), puts the violations on the debugger's
// feed entry and counts them per event; without a plan nothing is checked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { call, controlState, postJson, readSnapshot, start, track, type RunningServer } from './helpers'

/** Typewriter's plan.json shape: Order Completed needs a string order_id. */
const PLAN = {
  rules: [
    {
      key: 'Order Completed',
      type: 'TRACK',
      version: 1,
      jsonSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { properties: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
      },
    },
  ],
}

let dir: string
let server: RunningServer
let plain: RunningServer
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-plan-'))
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(PLAN))
  server = await start({ planPath: join(dir, 'plan.json') })
  plain = await start()
})
afterAll(async () => {
  await server.close()
  await plain.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  await call(server, 'POST', '/__sb/reset')
  await call(plain, 'POST', '/__sb/reset')
})

const batch = (...messages: Record<string, unknown>[]) => ({ batch: messages, writeKey: 'wk' })

describe('the dev server with a tracking plan', () => {
  it('shows each violation on the feed entry and counts them per event; valid events carry none', async () => {
    const reply = await postJson(
      server,
      '/v1/batch',
      batch(
        track({ event: 'Order Completed', properties: { order_id: 42 } }),
        track({ event: 'Order Completed', properties: {} }),
        track({ event: 'Order Completed', properties: { order_id: 'o-1' } }),
        track({ event: 'Coupon Guessed', properties: { code: 'x' } }),
      ),
    )
    // A violation is reported, never a reason to refuse the message.
    expect(reply.status).toBe(200)
    const state = await controlState(server)
    expect(state.messages).toHaveLength(4)
    expect(state.violations).toEqual({ 'Order Completed': 2, 'Coupon Guessed': 1 })

    const snapshot = await readSnapshot(server)
    const entries = snapshot.entries as any[]
    const byEvent = (event: string) => entries.filter((e) => e.message.event === event)
    const [wrongType, missing, valid] = byEvent('Order Completed')
    expect(wrongType.violations).toEqual([expect.objectContaining({ violationType: 'Type', violationField: 'properties.order_id', eventName: 'Order Completed' })])
    expect(missing.violations).toEqual([expect.objectContaining({ violationType: 'Required', violationField: 'properties.order_id' })])
    expect(valid.violations).toBeUndefined()
    expect(byEvent('Coupon Guessed')[0].violations).toEqual([expect.objectContaining({ violationType: 'Unplanned Event', eventName: 'Coupon Guessed' })])
    // The value that broke the rule is not repeated in the report.
    expect(JSON.stringify(wrongType.violations)).not.toContain('42')

    await call(server, 'POST', '/__sb/reset')
    expect((await controlState(server)).violations).toEqual({})
  })

  it('checks nothing without a plan file', async () => {
    await postJson(plain, '/v1/batch', batch(track({ event: 'Coupon Guessed' })))
    expect((await controlState(plain)).violations).toEqual({})
    const snapshot = await readSnapshot(plain)
    expect((snapshot.entries as any[]).every((e) => e.violations === undefined)).toBe(true)
  })

  it('refuses to start with a plan file that is not JSON', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ not json')
    await expect(start({ planPath: join(dir, 'broken.json') })).rejects.toThrow()
  })
})
