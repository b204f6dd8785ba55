// The package's entry everywhere but in browsers (Node, server rendering, edge runtimes, Jest's
// node environment): the browser entry, plus the instance load() resolves with where there is no
// window (ServerAnalytics). Browsers get src/index.ts alone and never download that code.
import { whereNoWindow } from './browser/analytics-browser'
import { serverLoaded } from './browser/server-analytics'

whereNoWindow(serverLoaded)

export * from './index'
