import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'

/** The accessibility check every journey runs finds what it is there to find, best practice included. */
describe.runIf(chromiumAvailable('the accessibility check'))('the axe check of a page', () => {
  let context: BrowserContext
  beforeAll(async () => {
    context = await (await sharedChromium()).newContext()
  })
  afterAll(async () => context?.close())

  it('names the violations of a page that has them, and none of one that has none', async () => {
    const page = await context.newPage()
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>Bad</title></head><body><img src="x.png"><h3>Skipped levels</h3></body></html>',
    )
    const found = (await axeViolations(page)).map(v => v.split(':')[0])
    // image-alt is WCAG A; region and page-has-heading-one are best practice.
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'region', 'page-has-heading-one']))
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>Good</title></head><body><main><h1>A page</h1><p>Text.</p></main></body></html>',
    )
    expect(await axeViolations(page)).toEqual([])
  })
})
