// Serves files from a few fixed folders. Paths are resolved and checked to stay inside their
// folder, so `..`, encoded slashes and NUL bytes cannot reach anything else on disk.
import { createReadStream, statSync } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
}

/** @param {string} file */
export function contentType(file) {
  return CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extname(file).toLowerCase())] ?? 'application/octet-stream'
}

/**
 * Resolves `relative` (still URL-encoded) inside `root`, or returns undefined if it would
 * escape it or is not a readable file.
 * @param {string} root absolute folder
 * @param {string} relative
 */
export function resolveInside(root, relative) {
  let decoded
  try {
    decoded = decodeURIComponent(relative)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const base = resolve(root)
  const file = resolve(join(base, decoded))
  if (file !== base && !file.startsWith(base + sep)) return undefined
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) {
      const index = join(file, 'index.html')
      return statSync(index).isFile() ? index : undefined
    }
    return stat.isFile() ? file : undefined
  } catch {
    return undefined
  }
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file an absolute path from resolveInside
 */
export function sendFile(req, res, file) {
  const { size } = statSync(file)
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': size,
    // Rebuilds must show up on the next reload.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res)
}
