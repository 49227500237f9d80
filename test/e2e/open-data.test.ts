import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage as checkAccessible, typeAhead } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * Open data, comparing authorities and finding one, in a real browser at 1280 and 375 px: axe (WCAG 2.2 AA and best
 * practice) on every page, a screenshot of each.
 */
describe.runIf(chromiumAvailable('open data journeys'))('open data and finding things in the browser', () => {
  let s: RunningService
  let browser: Browser

  beforeAll(async () => {
    s = await startService()
    await ratingAt(s.ctx, 'E09000020', 'published', 3)
    await ratingAt(s.ctx, 'E09000007', 'published', 4)
    await s.store.authorities.replaceNeighbours(new Map([['E09000020', ['E09000007', 'E09000033']]]))
    browser = await sharedChromium()
  })
  afterAll(async () => {
    await s?.close()
  })

  const checkPage = (page: Page, name: string) => checkAccessible(page, name, { noSideScroll: true })

  for (const width of [1280, 375])
    it(`at ${width} px: type-ahead for an authority, compare, national figures and downloads`, async () => {
      const context = await browser.newContext({
        baseURL: s.base,
        timezoneId: 'Europe/London',
        acceptDownloads: true,
        viewport: { width, height: 900 },
      })
      const page = await context.newPage()
      await page.goto('/')
      // The select became a type-ahead box: typing offers matching authorities, Dorset's two councils told apart.
      const box = typeAhead(page, 'Local authority')
      await box.fill('Dors')
      await expect
        .poll(() => page.locator('#authority__listbox').getByRole('option').allTextContents())
        .toEqual(['Dorset (from 2019)', 'Dorset County Council (until 2019)'])
      await checkPage(page, `od-${width}-autocomplete`)
      await box.fill('Westmin')
      await page.getByRole('option', { name: 'Westminster' }).click()
      await page.getByRole('button', { name: 'Search' }).click()
      // Nothing published for Westminster: its own page is offered, not "try fewer choices".
      await expect.poll(() => page.locator('[data-qa=no-results]').textContent()).toContain('Westminster')
      await checkPage(page, `od-${width}-no-results`)
      await page.getByRole('link', { name: /Westminster: its history/ }).click()
      await expect.poll(() => page.title()).toMatch(/^Westminster/)

      // Emptying the box searches every authority again.
      await page.goto('/?authority=E09000020')
      await typeAhead(page, 'Local authority').fill('')
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => page.url()).toMatch(/authority=(&|$)/)
      await checkPage(page, `od-${width}-results`)
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()])
      expect(readFileSync((await csv.path()) as string, 'utf8')).toContain('assessment_id,authority_code')

      await page.goto('/authorities/E09000020')
      await checkPage(page, `od-${width}-authority`)
      await page.getByRole('link', { name: /Compare Kensington and Chelsea with its statistical neighbours/ }).click()
      await expect.poll(() => page.locator('[data-qa=comparison] thead th').count()).toBe(3)
      await checkPage(page, `od-${width}-compare`)
      await page.getByRole('link', { name: 'Remove Westminster' }).click()
      await expect.poll(() => page.locator('[data-qa=comparison] thead th').count()).toBe(2)
      await typeAhead(page, 'Add an authority').fill('Hackn')
      await page.getByRole('option', { name: 'Hackney' }).click()
      await page.getByRole('button', { name: 'Add to the comparison' }).click()
      await expect.poll(() => page.locator('[data-qa=comparison] thead th').count()).toBe(3)
      expect(await page.locator('[data-qa=comparison]').textContent()).toContain('Performs excellently (4)')

      await page.goto('/national')
      await checkPage(page, `od-${width}-national`)
      await page.goto('/open-data')
      await checkPage(page, `od-${width}-open-data`)
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /The published record as a workbook/ }).click(),
      ])
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile((await xlsx.path()) as string)
      expect(book.worksheets.map(w => w.name)).toEqual(['Judgements', 'Latest judgements', 'National figures'])
      await context.close()
    })
})
