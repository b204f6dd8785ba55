// Value detectors with low false-positive rates. Each runs in time linear in the value's length,
// whatever the value: hostile strings cannot make them backtrack.
import type { Classification } from './types'

export interface Detector {
  name: string
  classification: Classification
  test(value: string): boolean
}

/** Longest address RFC 5321 allows; longer tokens are not tried. */
const MAX_EMAIL = 254
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i

/** Whether a string holds an email address (alone or inside text). */
export function hasEmail(value: string): boolean {
  if (!value.includes('@')) return false
  for (const raw of value.split(/[\s<>()[\]{},;:"'`]+/)) {
    if (raw.length <= MAX_EMAIL && raw.includes('@') && EMAIL.test(raw.replace(/^mailto:/i, '').replace(/[.]+$/, ''))) return true
  }
  return false
}

/** The Luhn checksum over a string of digits. */
export function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

/** 13–19 digits, spaces or dashes between them, not inside a longer run of digits. */
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g

/**
 * A payment card number: 13–19 digits (spaces or dashes allowed), a card network's first digit
 * (2–6), not one digit repeated, and a valid Luhn checksum.
 */
export function hasCardNumber(value: string): boolean {
  for (const match of value.matchAll(CARD)) {
    const digits = match[0].replace(/[ -]/g, '')
    if (digits.length < 13 || digits.length > 19) continue
    if (!/^[2-6]/.test(digits) || /^(\d)\1+$/.test(digits)) continue
    if (luhn(digits)) return true
  }
  return false
}

/** A US SSN written AAA-GG-SSSS, with the numbers the SSA never issues left out. */
const SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g
export function hasSSN(value: string): boolean {
  for (const [, area, group, serial] of value.matchAll(SSN)) {
    if (area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000') continue
    return true
  }
  return false
}

/** A phone number: the whole value, optional +, 10–15 digits with common separators. */
export function isPhone(value: string): boolean {
  const v = value.trim()
  if (v.length > 32 || !/^\+?[\d\s().-]+$/.test(v)) return false
  const digits = v.replace(/\D/g, '').length
  return digits >= 10 && digits <= 15
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
/** An IPv4 or IPv6 address: the whole value. */
export function isIP(value: string): boolean {
  const v = value.trim()
  if (IPV4.test(v)) return true
  if (v.length > 45 || !v.includes(':') || !/^[0-9a-f:.]+$/i.test(v)) return false
  const groups = v.split(':')
  return groups.length >= 3 && groups.length <= 8 && (v.includes('::') || groups.length === 8) && groups.every((g) => g.length <= 4 || IPV4.test(g))
}

export const DETECTORS: Record<'email' | 'card' | 'ssn' | 'phone' | 'ip', Detector> = {
  email: { name: 'email', classification: 'yellow', test: hasEmail },
  card: { name: 'credit card', classification: 'red', test: hasCardNumber },
  ssn: { name: 'social security number', classification: 'red', test: hasSSN },
  phone: { name: 'phone', classification: 'yellow', test: isPhone },
  ip: { name: 'ip', classification: 'yellow', test: isIP },
}
