// CDN entry: registers the factory for the settings loader (dist/plugins/amplitude.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['amplitude'] = factory
