// Makes sure Debian's Chromium is present for the e2e tests. Never downloads a browser build:
// it installs the distribution package when it can, and otherwise fails with a clear message.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot) {
    console.log(`[e2e] ${CHROMIUM} is missing: installing Debian's chromium package with apt-get`)
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
        stdio: 'inherit',
      })
    } catch {
      // reported below
    }
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `[e2e] Chromium not found at ${CHROMIUM}. Install it with "apt-get install -y chromium" ` +
        '(Debian package) or set CHROMIUM_PATH. The e2e tests never download a browser.',
    )
    process.exit(1)
  }
}
