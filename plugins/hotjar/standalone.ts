// CDN entry: registers the factory for the settings loader (dist/plugins/hotjar.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['hotjar'] = factory
