// CDN entry: registers the factory for the settings loader (dist/plugins/mixpanel.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['mixpanel'] = factory
