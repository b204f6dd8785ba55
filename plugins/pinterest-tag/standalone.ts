// CDN entry (dist/plugins/pinterest-tag.js): registers the factory for the settings loader.
import factory from './index'
import { register } from '../shared/register'

register(factory)
