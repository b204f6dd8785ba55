// "LinkedIn Insight Tag" device-mode destination (insight.min.js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { translate, type LinkedInSettings } from './translate'

export type { LinkedInSettings }

export const linkedinInsightTag: DestinationFactory<LinkedInSettings> = destination<LinkedInSettings>({
  name: 'LinkedIn Insight Tag',
  alternativeNames: [],
  invalid: (s) => (s.partnerId ? undefined : 'no partnerId'),
  install(s) {
    const w = window as any
    // LinkedIn's own snippet: the partner id, the list the tag reads, and lintrk's queue.
    w._linkedin_partner_id = s.partnerId
    const ids = (w._linkedin_data_partner_ids = w._linkedin_data_partner_ids || [])
    if (!ids.includes(s.partnerId)) ids.push(s.partnerId)
    if (!w.lintrk) {
      const lintrk: any = (w.lintrk = (a: unknown, b: unknown) => lintrk.q.push([a, b]))
      lintrk.q = []
    }
  },
  src: () => 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
  hosts: ['snap.licdn.com'],
  translate,
})

export default linkedinInsightTag
