// What the debugger shows about a message's consent: the preferences it carries
// (`context.consent.categoryPreferences`) and the destinations of its source those preferences
// keep it from, by Segment's rules (a destination needs every one of its categories; none are
// left for any when no granted category is mapped and every destination is mapped). Pure.

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
/** @param {unknown} v @returns {string[]} */
const strings = (v) => (Array.isArray(v) ? v.filter((c) => typeof c === 'string') : [])

/**
 * @param {unknown} message an accepted message
 * @param {() => unknown} settingsOf the CDN settings of its write key (read only for a message with preferences)
 * @returns {{ categories: Record<string, boolean>, keptFrom: string[] } | undefined} undefined when it carries no preferences
 */
export function consentOf(message, settingsOf) {
  const prefs = isObject(message) ? /** @type {any} */ (message).context?.consent?.categoryPreferences : undefined
  if (!isObject(prefs)) return undefined
  const settings = settingsOf()
  /** @type {Record<string, boolean>} */
  const categories = Object.fromEntries(Object.entries(prefs).filter(([, v]) => typeof v === 'boolean'))
  const s = /** @type {Record<string, any>} */ (isObject(settings) ? settings : {})
  const integrations = isObject(s.integrations) ? s.integrations : {}
  const cs = isObject(s.consentSettings) ? s.consentSettings : undefined
  const all = strings(cs?.allCategories)
  const segmentDisabled = !!cs && cs.hasUnmappedDestinations !== true && !Object.keys(categories).some((c) => categories[c] && all.includes(c))
  const keptFrom = Object.keys(integrations)
    .filter((name) => name !== 'Segment.io')
    .filter((name) => segmentDisabled || !strings(integrations[name]?.consentSettings?.categories).every((c) => categories[c] === true))
    .sort()
  return { categories, keptFrom }
}
