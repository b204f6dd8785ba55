// The parts of Switchboard few pages use on every load: link and form tracking, the ajs_
// query-string API, single-page-app page views and the tracking-plan filter. They load on demand, so the core stays small.
import { runQueryString, trackForm, trackLink, trackPageChanges } from '../context'
import { schemaFilter } from '../settings/plan'

export const extras = { runQueryString, trackForm, trackLink, trackPageChanges, schemaFilter }
export type Extras = typeof extras
