// Helpers for the dev server tests: plain HTTP calls against a real server on a free port.
import { request } from 'node:http'
// @ts-expect-error plain JS module with JSDoc types
import { startServer } from '../../dev/server.mjs'

export interface RunningServer {
  url: string
  port: number
  dataDir: string
  close(): Promise<void>
}

export const start = (options: Record<string, unknown> = {}): Promise<RunningServer> =>
  startServer({ quiet: true, ...options })

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: any
  text: string
}

/** One HTTP request with node:http (no fetch normalisation of paths or headers). */
export function call(
  server: RunningServer,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string | number> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

export const postJson = (server: RunningServer, path: string, value: unknown, headers: Record<string, string> = {}) =>
  call(server, 'POST', path, JSON.stringify(value), { 'Content-Type': 'application/json', ...headers })

export const controlState = async (server: RunningServer) => (await call(server, 'GET', '/__sb/messages')).body

let counter = 0
/** A valid track message. */
export function track(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'anon-1',
    messageId: `msg-${counter}-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    properties: { revenue: 10 },
    ...overrides,
  }
}
