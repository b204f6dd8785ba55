// CDN entry: registers the factory for the settings loader (dist/plugins/facebook-pixel.js).
import factory from './index'
;((window as any).switchboardPlugins ||= {})['facebook-pixel'] = factory
