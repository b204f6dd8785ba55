// `npm start`: builds dist/ when it is missing or older than the sources, then runs the dev
// server until Ctrl-C. Environment: PORT (default 3000), HOST (default 127.0.0.1),
// SWITCHBOARD_ALLOWED_HOSTS (further names the debugger and control API answer under, comma-
// separated), SWITCHBOARD_DATA_DIR (default .switchboard/), SWITCHBOARD_CONFIG (default
// dev/config.json), SWITCHBOARD_SKIP_BUILD=1 to never build.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_CONFIG_PATH, ROOT, startServer } from './server.mjs'

const SOURCES = ['src', 'plugins', 'snippet']
const OUTPUTS = ['dist/analytics.min.js', 'dist/esm/index.js']

/**
 * Newest modification time of any file under `dir` (0 if there is none).
 * @param {string} dir
 * @returns {number}
 */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** Why dist/ needs a build, or undefined when it is current. */
export function staleReason(root = ROOT) {
  const missing = OUTPUTS.find((file) => !existsSync(join(root, file)))
  if (missing) return `${missing} is missing`
  const built = Math.min(...OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs))
  const changed = SOURCES.find((dir) => newestMtime(join(root, dir)) > built)
  return changed ? `${changed}/ changed since the last build` : undefined
}

function buildIfStale() {
  if (process.env.SWITCHBOARD_SKIP_BUILD === '1') return
  const reason = staleReason()
  if (!reason) return
  console.log(`[switchboard] building dist/ (${reason}) …`)
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) {
    console.error('[switchboard] the build failed; serving whatever dist/ holds (fix the error above and restart).')
  }
}

async function main() {
  buildIfStale()
  const port = Number(process.env.PORT ?? 3000)
  const host = process.env.HOST || '127.0.0.1'
  let server
  try {
    server = await startServer({
      port,
      host,
      allowedHosts: (process.env.SWITCHBOARD_ALLOWED_HOSTS ?? '').split(',').filter((name) => name.trim()),
      dataDir: process.env.SWITCHBOARD_DATA_DIR || join(ROOT, '.switchboard'),
      configPath: process.env.SWITCHBOARD_CONFIG || DEFAULT_CONFIG_PATH,
    })
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error)?.code === 'EADDRINUSE') {
      console.error(`[switchboard] port ${port} is in use; try PORT=${port + 1} npm start`)
      process.exit(1)
    }
    throw error
  }
  const u = server.url
  console.log(`
  Switchboard dev server is running.

    Demo shop   ${u}/
    Debugger    ${u}/debugger
    Settings    ${u}/v1/projects/demo-write-key/settings
    Collector   ${u}/v1/batch   (control API: ${u}/__sb/messages)

  Messages are stored in ${join(server.dataDir, 'messages.jsonl')}. Press Ctrl-C to stop.
`)

  let stopping = false
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) return
    stopping = true
    console.log(`\n[switchboard] ${signal}: stopping…`)
    // A second Ctrl-C, or a close that hangs, still ends the process.
    setTimeout(() => process.exit(0), 3000).unref()
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
