/**
 * Stored values are JSON in localStorage and usually raw strings in cookies, but older
 * writers left quoted strings (`"abc"`, `%22abc%22`) and numbers behind: accept all of them.
 */
export function decodeStored(raw: string, jsonOnly = false): unknown {
  // Cookies: only parse what looks like JSON text, so a raw id such as `007` stays a string.
  if (jsonOnly) {
    const c = raw[0]
    if (c !== '"' && c !== '{' && c !== '[') return raw
  }
  try {
    return JSON.parse(raw) ?? null
  } catch {
    return raw
  }
}
