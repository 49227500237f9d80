import type { Browser } from 'playwright-core'
import { CHROMIUM, chromiumInstalled, launchChromium } from '../../src/lib/chromium.js'

export { launchChromium } from '../../src/lib/chromium.js'

/** Browser tests need Debian's Chromium; under CI it must be there, elsewhere its absence is said and they skip. */
export function chromiumAvailable(what: string): boolean {
  if (chromiumInstalled()) return true
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`)
  console.warn(`SKIPPED: ${what} — ${CHROMIUM} is not installed (apt-get install -y chromium)`)
  return false
}

let shared: Promise<Browser> | undefined

/**
 * One Chromium for every browser test file a worker process runs (the stores project's files share their process):
 * each file opens contexts of its own in it, and the contexts a file leaves open are closed as it ends
 * (closeSharedContexts, from test/support/per-file.ts). Chromium ends with the process.
 */
export function sharedChromium(): Promise<Browser> {
  if (!shared) {
    const launched = launchChromium()
    const forget = () => {
      if (shared === launched) shared = undefined
    }
    launched.then(browser => browser.once('disconnected', forget), forget)
    shared = launched
  }
  return shared
}

/** Closes the contexts still open in the shared Chromium: a file's people do not outlive it, even if a test failed. */
export async function closeSharedContexts(): Promise<void> {
  const browser = await shared?.catch(() => undefined)
  await Promise.all(browser?.contexts().map(c => c.close()) ?? [])
}
