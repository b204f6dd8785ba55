// Append-only JSONL file of accepted messages. Each append is a synchronous write, so a
// message is in the file (the OS page cache) before its request gets a 200: a crash or
// Ctrl-C of the server loses nothing that was acknowledged. A write cut short (the process
// killed mid-append, a full disk) leaves a torn last line; it is repaired before the next
// append and on start, so the next message never lands on the same line and is never lost.
import { appendFileSync, closeSync, createReadStream, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const STORE_FILE = 'messages.jsonl'
const NEWLINE = 0x0a

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
    this.repairTail()
    appendFileSync(this.file, messages.map((m) => JSON.stringify(m) + '\n').join(''))
  }

  /**
   * Makes the file end with a whole line. A last line without its newline is either a whole
   * message (only the newline is missing: it is ended) or a torn one (it is cut off; its
   * request was never acknowledged).
   * @returns {{ ended: boolean, cut: number }} what was done: a newline added, bytes removed
   */
  repairTail() {
    if (!existsSync(this.file)) return { ended: false, cut: 0 }
    const fd = openSync(this.file, 'r+')
    try {
      const size = fstatSync(fd).size
      const last = Buffer.alloc(1)
      if (size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === NEWLINE)) return { ended: false, cut: 0 }
      const start = lastLineStart(fd, size)
      const tail = Buffer.alloc(size - start)
      readSync(fd, tail, 0, tail.length, start)
      if (isJsonObject(tail.toString('utf8'))) {
        writeSync(fd, '\n', size)
        return { ended: true, cut: 0 }
      }
      ftruncateSync(fd, start)
      return { ended: false, cut: size - start }
    } finally {
      closeSync(fd)
    }
  }

  /**
   * Repairs the tail, then reads the file back, keeping at most the newest `keep` messages
   * that `admit` lets through. Unreadable lines are counted and skipped, not fatal.
   * @param {number} keep
   * @param {(message: unknown) => boolean} [admit]
   * @returns {Promise<{ messages: object[], total: number, skipped: number, refused: number, repaired: { ended: boolean, cut: number } }>}
   */
  async load(keep, admit = () => true) {
    /** @type {object[]} */
    const messages = []
    let total = 0
    let skipped = 0
    let refused = 0
    const repaired = this.repairTail()
    if (!existsSync(this.file)) return { messages, total, skipped, refused, repaired }
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line.trim()) continue
      let message
      try {
        message = JSON.parse(line)
      } catch {
        skipped++
        continue
      }
      total++
      if (!admit(message)) {
        refused++
        continue
      }
      messages.push(message)
      if (messages.length > keep * 2) messages.splice(0, messages.length - keep)
    }
    if (messages.length > keep) messages.splice(0, messages.length - keep)
    return { messages, total, skipped, refused, repaired }
  }
}

/**
 * Offset just after the last newline before `size` (0 if there is none), read backwards.
 * @param {number} fd
 * @param {number} size
 */
function lastLineStart(fd, size) {
  const chunk = Buffer.alloc(64 * 1024)
  let end = size
  while (end > 0) {
    const start = Math.max(0, end - chunk.length)
    const read = readSync(fd, chunk, 0, end - start, start)
    const at = chunk.subarray(0, read).lastIndexOf(NEWLINE)
    if (at >= 0) return start + at + 1
    end = start
  }
  return 0
}

/** @param {string} text */
function isJsonObject(text) {
  try {
    const value = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}
