// CDN entry (dist/plugins/hubspot.js, and a copy under the slug of each other name): registers the factory for the settings loader.
import factory from './index'
import { register } from '../shared/register'

// Also the global of Segment's Hubspot Web (Actions) bundle, whose settings keys this plugin reads.
register(factory, 'hubspot-webDestination')
