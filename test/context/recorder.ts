// A destination plugin that records the events it receives, for tests against the real Analytics class.
import type { Plugin } from '../../src/core/plugin'
import type { Context } from '../../src/core/context'
import type { SegmentEvent } from '../../src/core/types'

export function recorder(): { plugin: Plugin; events: SegmentEvent[] } {
  const events: SegmentEvent[] = []
  const record = (ctx: Context) => {
    events.push(ctx.event)
    return ctx
  }
  const plugin: Plugin = {
    name: 'Recorder',
    type: 'destination',
    version: '1.0.0',
    isLoaded: () => true,
    load: () => undefined,
    track: record,
    identify: record,
    page: record,
    group: record,
    alias: record,
    screen: record,
  }
  return { plugin, events }
}
