import { Analytics } from '../core/analytics'

/** An Analytics that keeps nothing and sends nothing (`disable: true`), ready at once. */
export class NullAnalytics extends Analytics {
  constructor() {
    super({ writeKey: '' }, { disableClientPersistence: true })
    this.initialized = true
  }
}
