// The parts of Switchboard few pages use on every load: link and form tracking, the ajs_
// query-string API and single-page-app page views. They load on demand, so the core stays small.
import { runQueryString, trackForm, trackLink, trackPageChanges } from '../context'

export const extras = { runQueryString, trackForm, trackLink, trackPageChanges }
export type Extras = typeof extras
