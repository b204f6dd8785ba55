// A destination answers to each of its names: its CDN file registers the factory under the slug
// of every one (and, when given, as the global of Segment's Actions bundle for it), and the build
// emits that file under each slug.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { register } from '../../plugins/shared/register'
import { destination } from '../../plugins/shared/destination'
import { destinationPluginURL, destinationSlug } from '../../src/settings/cdn'
import { PLUGINS_DIR } from '../../bench/size.mjs'
import type { DestinationFactory } from '../../src/types'

/** Every built-in destination: plugin folder → its factory. */
const PLUGIN_FACTORIES = Object.fromEntries(
  Object.entries(import.meta.glob<DestinationFactory<unknown>>('../../plugins/*/index.ts', { eager: true, import: 'default' })).map(([path, f]) => [path.split('/').at(-2)!, f]),
)

const w = window as any

afterEach(() => {
  delete w.switchboardPlugins
  delete w['acme-webDestination']
})

const acme = destination({ name: 'Acme Web (Actions)', alternativeNames: ['Acme', 'ACME web (actions)'], install() {}, src: () => 'https://cdn.acme.example/a.js', hosts: [], translate: () => [] })

describe('register()', () => {
  it('puts the factory under the slug of its name and of each alternative name', () => {
    register(acme)
    expect(Object.keys(w.switchboardPlugins).sort()).toEqual(['acme', 'acme-web-actions'])
    expect(w.switchboardPlugins.acme).toBe(acme)
    expect(w.switchboardPlugins['acme-web-actions']).toBe(acme)
  })

  it('keeps what other plugin files registered', () => {
    w.switchboardPlugins = { other: 1 }
    register(acme)
    expect(w.switchboardPlugins.other).toBe(1)
  })

  it('with a library name, also defines the global a remotePlugins entry reads', () => {
    register(acme, 'acme-webDestination')
    expect(w['acme-webDestination']).toBe(acme)
  })

  it('the settings loader asks for the file of whichever name the settings use', () => {
    expect(destinationPluginURL('https://cdn.example.com', 'Acme Web (Actions)')).toBe('https://cdn.example.com/plugins/acme-web-actions.js')
    expect(destinationPluginURL('https://cdn.example.com', 'Acme')).toBe('https://cdn.example.com/plugins/acme.js')
  })
})

describe('built plugin files (after `npm run build`)', () => {
  const dist = (slug: string) => join(PLUGINS_DIR, `${slug}.js`)

  it.each(Object.entries(PLUGIN_FACTORIES))('plugins/%s is served under the slug of each of its names', (folder, factory) => {
    const main = dist(folder)
    if (!existsSync(main)) throw new Error(`dist/plugins/${folder}.js is missing: run "npm run build" before this test (npm test does)`)
    const slugs = [factory.pluginName, ...factory.alternativeNames].map(destinationSlug)
    expect(slugs).toContain(folder)
    for (const slug of slugs) expect(readFileSync(dist(slug), 'utf8'), slug).toBe(readFileSync(main, 'utf8'))
  })
})
