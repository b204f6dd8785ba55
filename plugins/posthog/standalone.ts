// CDN entry: registers the factory for the settings loader (dist/plugins/posthog.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['posthog'] = factory
