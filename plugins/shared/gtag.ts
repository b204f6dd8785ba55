// gtag.js, shared by every Google destination on the page (GA4 Web, Google Ads): one dataLayer,
// one gtag function, one script.

/** The `scriptKey` of gtag.js: the first Google destination to load injects it, the others wait for that one. */
export const GTAG_SCRIPT = 'gtag'

/** The stub from Google's snippet; an existing dataLayer (GTM's) or gtag is kept. */
export function installGtag(): void {
  const w = window as any
  w.dataLayer = w.dataLayer || []
  // gtag.js only recognises Arguments objects, so push `arguments` itself.
  w.gtag =
    w.gtag ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      w.dataLayer.push(arguments)
    }
}
