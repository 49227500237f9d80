import { CHROMIUM, chromiumInstalled } from '../../src/lib/chromium.js'

export { launchChromium } from '../../src/lib/chromium.js'

/** Browser tests need Debian's Chromium; under CI it must be there, elsewhere its absence is said and they skip. */
export function chromiumAvailable(what: string): boolean {
  if (chromiumInstalled()) return true
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`)
  console.warn(`SKIPPED: ${what} — ${CHROMIUM} is not installed (apt-get install -y chromium)`)
  return false
}
