// Helpers for the dev server tests: plain HTTP calls against a real server on a free port.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { request } from 'node:http'
import { join } from 'node:path'
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

/** Opens the debugger stream and returns its first event, the snapshot. */
export function readSnapshot(server: RunningServer): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/__sb/events' }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /__sb/events answered ${res.statusCode}`))
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
        const match = /^event: snapshot\ndata: (.*)\n\n/.exec(text)
        if (!match) return
        req.destroy()
        resolve(JSON.parse(match[1]))
      })
      res.on('end', () => reject(new Error(`the stream ended before its snapshot: ${text.slice(0, 200)}`)))
    })
    req.on('error', reject)
    req.end()
  })
}

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

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcessWithoutNullStreams
  /** Everything it printed so far. */
  output(): string
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
}

/** `npm start` as a child process (no build) on a free port, storing in `dataDir`. */
export async function spawnDevServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(__dirname, '../../dev/start.mjs')], {
    env: { ...process.env, PORT: '0', SWITCHBOARD_SKIP_BUILD: '1', SWITCHBOARD_DATA_DIR: dataDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000)
    child.stdout.on('data', (d) => {
      out += d
      const match = /Debugger\s+(http:\/\/127\.0\.0\.1:\d+)\/debugger/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on('exit', () => reject(new Error(`exited before printing its URL: ${out}`)))
  })
  return { url, port: Number(new URL(url).port), child, output: () => out, exited }
}
