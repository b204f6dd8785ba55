// "Heap Web (Actions)" / classic "Heap" device-mode destination (Heap's web SDK).
import type { DestinationFactory } from '../../src/types'
import { destination } from '../shared/destination'
import { heapConfig, resetCalls, scriptSrc, translate, type HeapSettings } from './translate'

export type { HeapSettings }

/** The snippet's methods: each call waits on `heapReadyCb` until the SDK loads and runs it. */
const METHODS =
  'init startTracking stopTracking track resetIdentity identify identifyHashed getSessionId getUserId getIdentity addUserProperties addEventProperties removeEventProperty clearEventProperties addAccountProperties addAdapter addTransformer addTransformerFn onReady addPageviewProperties removePageviewProperty clearPageviewProperties trackPageview'

export const heap: DestinationFactory<HeapSettings> = destination<HeapSettings>({
  name: 'Heap Web (Actions)',
  alternativeNames: ['Heap'],
  invalid: (s) => (s.appId ? undefined : 'no appId'),
  install(s) {
    const w = window as any
    // A page that already runs Heap keeps it, as Heap's own snippet does.
    if (w.heap) return
    const ready: { name: string; fn: () => void }[] = (w.heapReadyCb ||= [])
    const h: any = (w.heap = {})
    h.load = (envId: string, config: Record<string, unknown>) => {
      h.envId = envId
      h.clientConfig = { ...config, shouldFetchServerConfig: false }
      for (const name of METHODS.split(' ')) h[name] = (...args: unknown[]) => ready.push({ name, fn: () => w.heap[name]?.(...args) })
    }
    h.load(s.appId, heapConfig(s))
  },
  src: scriptSrc,
  hosts: ['cdn.us.heap-api.com', 'cdn.heapanalytics.com'],
  translate,
  reset: resetCalls,
})

export default heap
