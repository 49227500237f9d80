import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobsOf, stopJobs } from '../../src/app/jobs.js'
import { actorOf } from '../../src/domain/index.js'
import { checkPage, signInOnPage } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { type RunningService, startService } from '../support/web.js'

/** The jobs pages and an upload's reading page in the browser, with an axe check (WCAG 2.2 AA and best practice) of each. */
describe.runIf(chromiumAvailable('the jobs journey') && SEEDS_PRESENT)('jobs in the browser', () => {
  let s: RunningService
  let browser: Browser

  beforeAll(async () => {
    // The upload below is read by no worker: its review page says so after 0.2 s, not the service's 5 s.
    s = await startService({ readingWaitMs: 200 })
    browser = await sharedChromium()
  })
  afterAll(async () => {
    await s?.close()
  })

  it('starts a rules check, follows it to its end, and sees an upload still being read', async () => {
    const context = await browser.newContext({ baseURL: s.base, timezoneId: 'Europe/London' })
    const page = await context.newPage()
    await page.goto('/sign-in')
    await signInOnPage(page, s.users.inspector.email)
    await page.goto('/jobs')
    await checkPage(page, 'jobs-empty')
    await page.locator('[data-qa=start-rules-check]').click()
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/)
    // The page does not look again by itself: once the queue says the job has finished, it is shown again.
    const id = page.url().split('/').pop() as string
    await (await jobsOf(s.ctx)).wait(actorOf(s.users.inspector), id, undefined, 50, 10_000)
    await page.reload()
    expect(await page.locator('[data-qa=job-state]').textContent()).toBe('Done')
    await checkPage(page, 'job')
    await page.goto('/jobs')
    await checkPage(page, 'jobs')

    // With no worker running, the upload's review says the report is still being read.
    await stopJobs(s.store)
    await page.goto('/staff/upload')
    await page
      .getByLabel('Report file')
      .setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: seed('001') })
    await page.locator('[data-qa=read]').click()
    await page.locator('[data-qa=reading]').waitFor({ timeout: 30_000 })
    await checkPage(page, 'upload-reading')
    await context.close()
  })
})
