// Matchers (Privacy Portal's default classifications), value detectors and URL scrubbing, one row each.
import { describe, expect, it } from 'vitest'
import { DEFAULT_MATCHERS, matchKey, normalizeKey } from '../../src/privacy/matchers'
import { hasCardNumber, hasEmail, hasSSN, isIP, isPhone, luhn } from '../../src/privacy/detectors'
import { findInUrl, replaceParams } from '../../src/privacy/urls'

const classify = (key: string, person = false) => {
  const m = matchKey(DEFAULT_MATCHERS, key, person)
  return m ? `${m.name}/${m.classification}` : undefined
}

describe('key matchers: normalised keys', () => {
  it.each([
    ['emailAddress', 'emailaddress'],
    ['E-Mail Address', 'emailaddress'],
    ['email_address', 'emailaddress'],
    ['IPAddress', 'ipaddress'],
    ['credit-card.number', 'creditcardnumber'],
  ])('%s → %s', (key, expected) => expect(normalizeKey(key)).toBe(expected))

  it.each([
    // red
    ['ssn', 'social security number/red'],
    ['social_security_number', 'social security number/red'],
    ['password', 'password/red'],
    ['userPassword', 'password/red'],
    ['creditCardNumber', 'credit card/red'],
    ['card_number', 'credit card/red'],
    ['cvv', 'credit card/red'],
    ['passportNumber', 'passport/red'],
    ['access_token', 'token/red'],
    ['apiKey', 'token/red'],
    ['visa', 'visa/red'],
    ['veteran_status', 'veteran/red'],
    ['disability', 'disability/red'],
    // yellow
    ['email', 'email/yellow'],
    ['E-Mail', 'email/yellow'],
    ['billing_email', 'email/yellow'],
    ['phone', 'phone/yellow'],
    ['homePhoneNumber', 'phone/yellow'],
    ['firstName', 'name/yellow'],
    ['last_name', 'name/yellow'],
    ['birthday', 'birthdate/yellow'],
    ['date_of_birth', 'birthdate/yellow'],
    ['ip_address', 'ip/yellow'],
    ['macAddress', 'mac/yellow'],
    ['shipping_address', 'address/yellow'],
    ['street', 'street/yellow'],
    ['city', 'city/yellow'],
    ['postalCode', 'zipcode/yellow'],
    ['gender', 'gender/yellow'],
    ['sexual_orientation', 'sexual orientation/yellow'],
    ['religion', 'religion/yellow'],
    ['salary', 'salary/yellow'],
    ['medication', 'medication/yellow'],
    ['allergies', 'allergy/yellow'],
    ['diagnosis', 'diagnosis/yellow'],
    // not personal data
    ['product_id', undefined],
    ['order_id', undefined],
    ['revenue', undefined],
    ['description', undefined],
    ['zipper', undefined],
    ['shipping', undefined],
    ['tip', undefined],
    ['name', undefined],
    ['product_name', undefined],
    ['condition', undefined],
  ])('%s → %s', (key, expected) => expect(classify(key)).toBe(expected))

  it('a bare name is a person’s only in a person’s traits', () => {
    expect(classify('name', true)).toBe('name/yellow')
    expect(classify('name', false)).toBeUndefined()
  })
})

describe('value detectors', () => {
  it.each([
    ['jane@example.com', true],
    ['  Jane.Doe+news@Example.co.uk ', true],
    ['write to <jane@example.com>.', true],
    ['mailto:jane@example.com', true],
    ['jane@localhost', false],
    ['@handle', false],
    ['a@b', false],
    ['not an email', false],
    [`${'a'.repeat(300)}@example.com`, false],
  ])('email %j → %s', (value, expected) => expect(hasEmail(value)).toBe(expected))

  it.each([
    // Luhn edge cases
    ['4111111111111111', true],
    ['4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['378282246310005', true], // 15-digit Amex
    ['6011111111111117', true],
    ['5555555555554444', true],
    ['card 4242424242424242 exp 12/30', true],
    ['4111111111111112', false], // checksum off by one
    ['0000000000000000', false], // passes Luhn, no network starts with 0
    ['5555555555555555', false], // one digit repeated
    ['1234567812345670', false], // Luhn-valid, no network starts with 1
    ['411111111111', false], // 12 digits
    ['41111111111111111111', false], // 20 digits
    ['2024-01-15', false],
    ['order 00012345678901234', false],
  ])('card %j → %s', (value, expected) => expect(hasCardNumber(value)).toBe(expected))

  it('luhn over known numbers', () => {
    expect(luhn('79927398713')).toBe(true)
    expect(luhn('79927398710')).toBe(false)
    expect(luhn('0')).toBe(true)
  })

  it.each([
    ['123-45-6789', true],
    ['ssn: 078-05-1120', true],
    ['000-12-3456', false],
    ['666-12-3456', false],
    ['912-12-3456', false],
    ['123-00-4567', false],
    ['123-45-0000', false],
    ['123456789', false],
    ['1123-45-6789', false],
    ['123-45-67890', false],
  ])('ssn %j → %s', (value, expected) => expect(hasSSN(value)).toBe(expected))

  it.each([
    ['+1 (415) 555-2671', true],
    ['415.555.2671', true],
    ['+4915123456789', true],
    ['555-2671', false],
    ['2024-01-15', false],
    ['1234567890123456789', false],
  ])('phone %j → %s', (value, expected) => expect(isPhone(value)).toBe(expected))

  it.each([
    ['192.168.0.1', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['2001:db8::1', true],
    ['fe80:0:0:0:0:0:0:1', true],
    ['12:30', false],
    ['v1.2.3.4', false],
  ])('ip %j → %s', (value, expected) => expect(isIP(value)).toBe(expected))
})

describe('URL scrubbing', () => {
  const rules = { clickIds: true, params: ['token'], emails: true }
  it.each([
    ['https://shop.test/p?gclid=abc&x=1', [['gclid', 'click id']]],
    ['https://shop.test/p?fbclid=a&msclkid=b&ttclid=c&utm_source=x', [['fbclid', 'click id'], ['msclkid', 'click id'], ['ttclid', 'click id']]],
    ['?TOKEN=s3cret', [['TOKEN', 'url parameter']]],
    ['https://shop.test/?email=jane%40example.com', [['email', 'email']]],
    ['https://shop.test/?who=jane@example.com#top', [['who', 'email']]],
    ['https://shop.test/p?q=shoes', []],
    ['https://shop.test/p', []],
  ])('%s', (url, expected) => {
    expect(findInUrl(url, rules).map((f) => [f.param, f.matcher])).toEqual(expected)
  })

  it('replaces values with the marker and keeps keys, order, other params and the fragment', () => {
    expect(replaceParams('https://s.test/p?a=1&gclid=abc&b=2#frag', new Set(['gclid']), 'REDACTED')).toBe('https://s.test/p?a=1&gclid=REDACTED&b=2#frag')
    expect(replaceParams('?token', new Set(['token']), '[x]')).toBe('?token=%5Bx%5D')
  })

  it('each part can be turned off', () => {
    expect(findInUrl('/?gclid=a&email=a%40b.co&token=t', { clickIds: false, params: [], emails: false })).toEqual([])
  })
})
