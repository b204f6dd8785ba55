// CDN entry: registers the factory for the settings loader (dist/plugins/google-analytics-4-web.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['google-analytics-4-web'] = factory
