// The CDN entry of a destination's plugin file. Settings may name a destination by any of its
// names (a classic catalog name, its Actions name): the factory is registered under the slug of
// each, and the build emits the same file under each slug (rollup.config.mjs), so
// `<cdn>/plugins/<slug>.js` answers to every name. With `libraryName` (`<folder>Destination`, the
// global Segment's Actions bundle for the same destination defines), a `remotePlugins` entry whose
// `url` is this file runs it too.
import type { DestinationFactory } from '../../src/types'
import { destinationSlug } from '../../src/settings/cdn'

export function register(factory: DestinationFactory<any>, libraryName?: string): void {
  const w = window as any
  const registry = (w.switchboardPlugins ||= {})
  for (const name of [factory.pluginName, ...factory.alternativeNames]) registry[destinationSlug(name)] = factory
  if (libraryName) w[libraryName] = factory
}
