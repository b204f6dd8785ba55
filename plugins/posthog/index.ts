// "PostHog" device-mode destination (posthog-js).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { installPostHogStub } from './stub'
import { initCalls, resetCalls, scriptSrc, translate, type PostHogSettings } from './translate'

export type { PostHogSettings }

export const posthog: DestinationFactory<PostHogSettings> = destination<PostHogSettings>({
  name: 'PostHog',
  alternativeNames: ['Posthog'],
  invalid: (s) => (s.apiKey ? undefined : 'no apiKey'),
  install: installPostHogStub,
  src: scriptSrc,
  // The clouds' asset hosts (and the legacy app hosts); a self-hosted instance is given in code.
  hosts: ['us-assets.i.posthog.com', 'eu-assets.i.posthog.com', 'app.posthog.com', 'eu.posthog.com'],
  init: initCalls,
  translate,
  reset: resetCalls,
})

export default posthog
