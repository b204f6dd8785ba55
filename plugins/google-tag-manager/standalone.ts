// CDN entry: registers the factory for the settings loader (dist/plugins/google-tag-manager.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['google-tag-manager'] = factory
