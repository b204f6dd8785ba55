// Defaults that more than one module needs. One place to change them.

/**
 * `context.library.name`: Analytics.js 2.0's, because Segment's cloud destinations branch on it
 * (Amplitude sets platform 'Web', Ambee accepts only it, Koala skips what its pixel tracked).
 */
export const LIBRARY_NAME = 'analytics.js'
/** Replaced at build time by rollup; tests see the fallback. */
export const VERSION: string = typeof __SWITCHBOARD_VERSION__ === 'string' ? __SWITCHBOARD_VERSION__ : '0.0.0-dev'
/** `context.library.version`: says the sender is Switchboard (Analytics.js 2.0 sends `next-<version>`). */
export const LIBRARY_VERSION = `switchboard-${VERSION}`

/** Callback delay and trackLink/trackForm wait, as Analytics.js 2.0 (`analytics.timeout`). */
export const DEFAULT_TIMEOUT_MS = 300
/** A callback gets at most this long before the caller's promise moves on. */
export const CALLBACK_TIME_BOX_MS = 1000
/** A destination that has not answered by then is logged as timed out; others never wait on it. */
export const DESTINATION_TIMEOUT_MS = 10_000
/** A plugin whose `load` has not settled by then is marked failed. */
export const PLUGIN_LOAD_TIMEOUT_MS = 10_000

export const SEGMENT_IO = 'Segment.io'
/** The tracking API's per-message limit (messages.md §5.3), in UTF-8 bytes of JSON. */
export const MAX_MESSAGE_BYTES = 32 * 1024
