// Key matchers, seeded from Privacy Portal's default classifications. Keys are compared
// normalised, so `emailAddress`, `email_address`, `E-Mail Address` are one key.
import type { Classification, PrivacyMatcher } from './types'

/** A key's words: camelCase, `_`, `-`, `.` and spaces split it; lower-cased. `IPAddress` → `ip address`. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** The compact form every comparison uses: `E-Mail Address` → `emailaddress`. */
export const normalizeKey = (key: string): string => keyWords(key).join('')

export interface KeyMatcher {
  name: string
  classification: Classification
  /** Compact keys matched whole. */
  keys: Set<string>
  /** Word sequences matched anywhere in a key (`billing_email`, `homePhoneNumber`). */
  words: string[]
  /** Only in a person's traits (identify traits, `context.traits`): a bare `name` elsewhere names a page or a product. */
  personOnly?: boolean
  value?: RegExp
}

const m = (name: string, classification: Classification, keys: string, words = '', personOnly = false): KeyMatcher => ({
  name,
  classification,
  keys: new Set(keys.split(' ')),
  words: words ? words.split(',') : [],
  personOnly,
})

/** Privacy Portal's default matchers (red, then yellow), with the keys and synonyms each covers. */
export const DEFAULT_MATCHERS: KeyMatcher[] = [
  m('social security number', 'red', 'ssn socialsecuritynumber socialsecurityno socialsecurity', 'ssn,social security'),
  m('password', 'red', 'password passwd pwd passcode passphrase', 'password,passwd,passphrase'),
  m('credit card', 'red', 'creditcard creditcardnumber cardnumber ccnumber ccn cc pan cvv cvc cvv2 cardcvv cardcvc securitycode cardsecuritycode', 'credit card,card number,cvv,cvc'),
  m('passport', 'red', 'passport passportnumber passportno passportid', 'passport'),
  m('token', 'red', 'token accesstoken refreshtoken idtoken authtoken apitoken sessiontoken bearertoken apikey secret clientsecret apisecret', 'token,secret,api key'),
  m('visa', 'red', 'visa visanumber visano visastatus visatype'),
  m('veteran', 'red', 'veteran veteranstatus isveteran', 'veteran'),
  m('disability', 'red', 'disability disabilities disabilitystatus', 'disability'),
  m('email', 'yellow', 'email emailaddress mail', 'email,e mail'),
  m('ip', 'yellow', 'ip ipaddress clientip remoteip userip', 'ip address'),
  m('mac', 'yellow', 'mac macaddress', 'mac address'),
  m('phone', 'yellow', 'phone phonenumber telephone tel mobile mobilenumber cellphone fax', 'phone,telephone,mobile number'),
  m('birthdate', 'yellow', 'birthdate birthday dateofbirth dob', 'birth date,date of birth,birthday,birthdate'),
  m('name', 'yellow', 'fullname firstname lastname surname givenname familyname middlename maidenname', 'first name,last name,full name,given name,family name'),
  m('name', 'yellow', 'name', '', true),
  m('address', 'yellow', 'address streetaddress homeaddress mailingaddress billingaddress shippingaddress address1 address2 addressline1 addressline2', 'address'),
  m('street', 'yellow', 'street streetname street1 street2'),
  m('city', 'yellow', 'city'),
  m('zipcode', 'yellow', 'zip zipcode postalcode postcode'),
  m('gender', 'yellow', 'gender genderidentity'),
  m('sex', 'yellow', 'sex'),
  m('sexual orientation', 'yellow', 'sexualorientation'),
  m('race', 'yellow', 'race'),
  m('ethnicity', 'yellow', 'ethnicity ethnicgroup'),
  m('citizenship', 'yellow', 'citizenship nationality'),
  m('religion', 'yellow', 'religion'),
  m('certificate', 'yellow', 'certificate certificatenumber'),
  m('license', 'yellow', 'license licensenumber driverslicense driverlicense licenseplate'),
  m('identification', 'yellow', 'identification nationalid idnumber governmentid taxid'),
  m('serial', 'yellow', 'serial serialnumber'),
  m('photo', 'yellow', 'photo profilephoto picture profilepicture avatar'),
  m('salary', 'yellow', 'salary income wage'),
  m('medication', 'yellow', 'medication medications medicine prescription'),
  m('allergy', 'yellow', 'allergy allergies'),
  m('condition', 'yellow', 'medicalcondition healthcondition'),
  m('diagnosis', 'yellow', 'diagnosis diagnoses'),
  m('procedure', 'yellow', 'medicalprocedure'),
]

/** A custom matcher in the form the scanner uses; synonyms are just more keys. */
export function compileMatcher(matcher: PrivacyMatcher): KeyMatcher {
  const value = typeof matcher.value === 'string' ? new RegExp(matcher.value, 'i') : matcher.value instanceof RegExp ? matcher.value : undefined
  return {
    name: String(matcher.name),
    classification: matcher.classification,
    keys: new Set((matcher.keys ?? []).map(normalizeKey)),
    words: [],
    value,
  }
}

/** The first matcher for a key, or undefined. `person`: the key is in a person's traits. */
export function matchKey(matchers: KeyMatcher[], key: string, person: boolean): KeyMatcher | undefined {
  const words = keyWords(key)
  const compact = words.join('')
  const spaced = ` ${words.join(' ')} `
  for (const matcher of matchers) {
    if (matcher.personOnly && !person) continue
    if (matcher.keys.has(compact)) return matcher
    for (const w of matcher.words) if (spaced.includes(` ${w} `)) return matcher
  }
  return undefined
}
