// Checks every accepted message against a tracking plan file, with the same code the page runs
// (the built switchboard-analytics/protocols: normalizePlan and checkEvent), and counts the
// violations per event. Without a plan file nothing is checked.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * @typedef {{ violationType: string, violationField: string, violationDescription: string, eventType: string, eventName?: string, ruleType?: string }} Violation
 * @typedef {{ file: string, check: (message: unknown) => Violation[], counts: () => Record<string, number>, reset: () => void }} PlanCheck
 */

/** The event a count is kept under: a track event's name, a page's or screen's name, else its type. @param {any} m */
export function countKey(m) {
  if (m.type === 'track') return String(m.event ?? '')
  if ((m.type === 'page' || m.type === 'screen') && typeof m.name === 'string' && m.name) return `${m.type} ${m.name}`
  return String(m.type ?? '')
}

/**
 * Loads the plan (any shape Segment's tools save) and the checker. Throws when the file is not
 * JSON or the built protocols module is missing, so a misconfigured plan is not silently ignored.
 * @param {string} file
 * @param {string} root the repository root (for dist/esm/protocols.js)
 * @returns {Promise<PlanCheck>}
 */
export async function loadPlanCheck(file, root) {
  const plan = JSON.parse(readFileSync(file, 'utf8'))
  const { normalizePlan, checkEvent } = await import(join(root, 'dist', 'esm', 'protocols.js'))
  const rules = normalizePlan(plan)
  /** @type {Map<string, number>} */
  const counts = new Map()
  return {
    file,
    check(message) {
      if (typeof message !== 'object' || message === null || Array.isArray(message)) return []
      /** @type {Violation[]} */
      let violations
      try {
        violations = checkEvent(rules, message).violations
      } catch {
        return []
      }
      if (violations.length) {
        const key = countKey(message)
        counts.set(key, (counts.get(key) ?? 0) + violations.length)
      }
      return violations
    },
    counts: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
  }
}

/**
 * The plan file to use: the option, then SWITCHBOARD_PLAN, then dev/plan.json when it exists.
 * @param {string | undefined} option
 * @param {string} root
 */
export function planFile(option, root) {
  if (option) return option
  if (process.env.SWITCHBOARD_PLAN) return process.env.SWITCHBOARD_PLAN
  const fallback = join(root, 'dev', 'plan.json')
  return existsSync(fallback) ? fallback : undefined
}
