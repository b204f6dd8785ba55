// Set by the build (rollup replaces it); declared here so it never reaches the published types.
declare var __SWITCHBOARD_VERSION__: string | undefined
