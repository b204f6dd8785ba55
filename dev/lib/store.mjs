// Append-only JSONL file of accepted messages. Each append is a synchronous write, so a
// message is in the file (the OS page cache) before its request gets a 200: a crash or
// Ctrl-C of the server loses nothing that was acknowledged.
import { appendFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const STORE_FILE = 'messages.jsonl'

export class MessageStore {
  /** @param {string} dataDir */
  constructor(dataDir) {
    this.dataDir = dataDir
    this.file = join(dataDir, STORE_FILE)
    mkdirSync(dataDir, { recursive: true })
  }

  /** @param {object[]} messages */
  append(messages) {
    if (messages.length === 0) return
    appendFileSync(this.file, messages.map((m) => JSON.stringify(m) + '\n').join(''))
  }

  /**
   * Reads the file back, keeping at most the newest `keep` messages. A torn last line
   * (the process died mid-write) is skipped rather than failing the start.
   * @param {number} keep
   * @returns {Promise<{ messages: object[], total: number, skipped: number }>}
   */
  async load(keep) {
    /** @type {object[]} */
    const messages = []
    let total = 0
    let skipped = 0
    if (!existsSync(this.file)) return { messages, total, skipped }
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line.trim()) continue
      try {
        messages.push(JSON.parse(line))
        total++
        if (messages.length > keep * 2) messages.splice(0, messages.length - keep)
      } catch {
        skipped++
      }
    }
    if (messages.length > keep) messages.splice(0, messages.length - keep)
    return { messages, total, skipped }
  }
}
