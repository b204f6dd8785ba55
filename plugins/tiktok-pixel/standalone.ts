// CDN entry (dist/plugins/tiktok-pixel.js, and a copy under the slug of each other name): registers
// the factory for the settings loader, and as the global of Segment's TikTok Pixel (Actions) bundle,
// whose settings keys it reads.
import factory from './index'
import { register } from '../shared/register'

register(factory, 'tiktok-pixelDestination')
