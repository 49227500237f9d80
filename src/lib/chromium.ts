import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium: the project never downloads a browser of its own. */
export const CHROMIUM = '/usr/bin/chromium'

export function chromiumInstalled(path = CHROMIUM): boolean {
  return existsSync(path)
}

/** Headless Chromium with its calls home switched off (this network answers none of them). */
export function launchChromium(path = CHROMIUM): Promise<Browser> {
  return chromium.launch({
    executablePath: path,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
