// CDN entry (dist/plugins/google-ads-gtag.js, and a copy under the slug of each other name): registers the factory for the settings loader.
import factory from './index'
import { register } from '../shared/register'

register(factory)
