import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOURNEY_PAGES, Journeys, People, typeAhead } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * An assessment's life in a real browser (Debian's Chromium): created, completed, commented on by the authority at
 * the factual accuracy check, published; and a published report uploaded, reviewed and verified. An axe check (WCAG
 * 2.2 AA and best practice) of every page visited (with SCREENSHOTS set, a screenshot of each in
 * test-output/screenshots). The public's and the administrator's journeys are in journeys-public.test.ts.
 */
describe.runIf(chromiumAvailable('browser journeys'))('the journeys of an assessment in the browser', () => {
  let s: RunningService
  let j: Journeys

  beforeAll(async () => {
    s = await startService()
    j = new Journeys(new People(await sharedChromium(), { baseURL: s.base, timezoneId: 'Europe/London' }))
  })
  afterAll(async () => {
    await s?.close()
  })

  it('an inspector creates and completes an assessment, a quality assurer publishes it, the public sees it', async () => {
    const inspector = await j.person()
    const page = inspector.page
    await j.signIn(page, s.users.inspector.email)
    await j.check(page, 'staff-dashboard')
    await page.getByRole('button', { name: 'Create an assessment' }).click()
    await j.check(page, 'create')
    // The error summary takes focus, and names what is missing.
    await page.getByRole('button', { name: 'Create assessment' }).click()
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.className ?? ''"))
      .toContain('govuk-error-summary')
    await j.check(page, 'create-errors')
    expect(await page.title()).toMatch(/^Error: /)
    await typeAhead(page, 'Local authority').fill('Hartlepool')
    await page.getByRole('option', { name: 'Hartlepool' }).click()
    await page.getByLabel(/Children's services annual rating/).check()
    await page.getByRole('button', { name: 'Create assessment' }).click()
    await j.check(page, 'work')
    const workUrl = page.url()

    await page.locator('[data-qa="edit-childrens-services-rating"]').click()
    await j.check(page, 'judgement-editor')
    await page.getByLabel('3: Performs well').check()
    await page.getByLabel('Narrative').fill('Hartlepool performs well: outcomes are good across the areas inspected.')
    await page.locator('[data-qa=save]').click()
    await page.waitForURL(/done=judgement/)
    expect(await page.locator('[data-qa=areas]').textContent()).toContain('Performs well (3)')

    await page.getByRole('link', { name: 'Change the details' }).click()
    await j.check(page, 'details')
    const letter = page.getByRole('group', { name: 'Date of the letter' })
    await letter.getByLabel('Day').fill('9')
    await letter.getByLabel('Month').fill('12')
    await letter.getByLabel('Year').fill('2009')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.waitForURL(/done=details/)

    await page
      .getByLabel('Recommendation', { exact: true })
      .fill('Improve the stability of placements for looked after children.')
    await page.getByLabel('Timescale').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Add recommendation' }).click()
    await page.waitForURL(/done=recommendation/)
    await j.check(page, 'work-complete')
    await page.locator('[data-qa="move-quality-assurance"]').click()
    await page.waitForURL(/done=moved/)
    expect(await page.locator('[data-qa=status]').first().textContent()).toBe('Quality assurance')
    await inspector.leave()

    const qa = await j.person()
    await j.signIn(qa.page, s.users.qa.email, workUrl)
    await qa.page.getByLabel('Your title as it is printed under your signature').fill('Divisional Manager')
    await qa.page.locator('[data-qa=sign]').click()
    await qa.page.waitForURL(/done=signed/)
    await qa.page.locator('[data-qa="move-factual-accuracy-check"]').click()
    await qa.page.waitForURL(/done=moved/)
    await j.check(qa.page, 'work-factual-accuracy')
    await qa.page.locator('[data-qa="move-published"]').click()
    await qa.page.waitForURL(/\/publish$/)
    await j.check(qa.page, 'publish-check')
    await qa.page.locator('[data-qa="confirm-publish"]').click()
    await qa.page.waitForURL(/done=moved/)
    expect(await qa.page.locator('[data-qa=status]').first().textContent()).toBe('Published')
    expect(await qa.page.locator('[data-qa=audit]').textContent()).toContain('Moved to published')
    await j.check(qa.page, 'work-published')
    await qa.leave()

    const visitor = await j.person()
    await visitor.page.goto('/?authority=E06000001')
    await visitor.page
      .getByRole('link', { name: /Children's services annual rating/ })
      .first()
      .click()
    expect(await visitor.page.locator('[data-qa=report]').textContent()).toContain(
      'Hartlepool performs well: outcomes are good across the areas inspected.',
    )
    await visitor.leave()
  })

  it('an authority officer comments at the factual accuracy check, and cannot reach another authority', async () => {
    const own = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check', 2)
    const other = await ratingAt(s.ctx, 'E09000007', 'factual-accuracy-check', 2)
    const { page, leave } = await j.person()
    await j.signIn(page, s.users.officer.email)
    await j.check(page, 'officer-home')
    await page.locator('[data-qa=awaiting] a').first().click()
    await j.check(page, 'officer-draft')
    expect(page.url()).toContain(`/la/assessments/${own.id}`)
    await page.getByLabel('Comment on the report as a whole').fill('The date of the letter should read 10 December.')
    await page.locator('[data-qa=comment-general]').click()
    await page.waitForURL(/done=comment/)
    await j.check(page, 'officer-commented')
    expect(await page.locator('[data-qa=my-comment]').textContent()).toContain('should read 10 December')
    expect((await page.goto(`/la/assessments/${other.id}`))?.status()).toBe(404)
    const denied = await page.goto(`/assessments/${other.id}`)
    expect(denied?.status()).toBe(404)
    expect(await page.content()).not.toContain('Camden')
    await j.check(page, 'officer-denied')
    const staff = await page.goto('/staff')
    expect(staff?.status()).toBe(403)
    await leave()
  })

  it.runIf(SEEDS_PRESENT)('upload → review → save a published report', async () => {
    const { page, leave } = await j.person()
    await j.signIn(page, s.users.inspector.email, '/staff/upload')
    await j.check(page, 'upload')
    await page
      .getByLabel('Report file')
      .setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: seed('004') })
    await page.locator('[data-qa=read]').click()
    await page.waitForURL(/\/staff\/upload\/[0-9a-f-]{36}$/)
    // Read by a job: the page waits for it, or looks again by itself until the review is there.
    await page.locator('[data-qa=save-upload]').waitFor({ timeout: 60_000 })
    await j.check(page, 'review')
    expect(await page.locator('mark').count()).toBeGreaterThan(3)
    await page.locator('[data-qa=save-upload]').click()
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/)
    await j.check(page, 'uploaded-report')
    // Nothing read is public until a second person has checked it against the document.
    expect(await page.locator('[data-qa=status]').textContent()).not.toBe('Published')
    const id = page.url().split('/').pop() as string
    expect((await fetch(`${s.base}/assessments/${id}`)).status).toBe(404)
    await leave()
    const qa = await j.person()
    await j.signIn(qa.page, s.users.qa.email, `/staff/assessments/${id}`)
    await j.check(qa.page, 'verify-upload')
    await qa.page.getByRole('button', { name: 'Publish: it matches the published document' }).click()
    await qa.page.waitForURL(/\/publish$/)
    await qa.page.locator('[data-qa="confirm-publish"]').click()
    await qa.page.waitForURL(/done=moved/)
    await qa.page.goto(`/assessments/${id}`)
    expect(await qa.page.locator('[data-qa=status]').textContent()).toBe('Published')
    await qa.leave()
  })

  it('the factual accuracy check: officer comments → inspector answers → no more comments → check → publish', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check', 3)
    const officer = await j.person()
    await j.signIn(officer.page, s.users.officer.email, `/la/assessments/${a.id}`)
    await j.check(officer.page, 'check-officer')
    // The section's box stands in the report, beside it.
    const box = '[data-qa=report] [data-qa="comment-box-childrens-services-rating"]'
    expect(await officer.page.locator(`${box} textarea`).count()).toBe(1)
    await officer.page.locator(`${box} textarea`).fill('The rating paragraph names the wrong year.')
    await officer.page.locator('[data-qa="comment-childrens-services-rating"]').click()
    await officer.page.waitForURL(/done=comment/)
    await j.check(officer.page, 'check-officer-commented')

    const inspector = await j.person()
    await j.signIn(inspector.page, s.users.inspector.email, `/staff/assessments/${a.id}`)
    await inspector.page.locator('[data-qa=comments-link] a').click()
    await j.check(inspector.page, 'check-comments')
    await inspector.page.getByLabel('Accepted: the report is changed').check()
    await inspector.page.getByLabel('The change made, or the reason it is not accepted').fill('The year is corrected.')
    await inspector.page.locator('[data-qa="answer-1"]').click()
    await inspector.page.waitForURL(/done=answer/)
    await j.check(inspector.page, 'check-answered')
    expect(await inspector.page.locator('[data-qa=answer]').textContent()).toContain('The year is corrected.')
    await inspector.leave()

    await officer.page.reload()
    expect(await officer.page.locator('[data-qa=answer]').first().textContent()).toContain('Accepted')
    await officer.page.locator('[data-qa=no-more-comments]').click()
    await officer.page.waitForURL(/done=ended/)
    await j.check(officer.page, 'check-ended')
    expect(await officer.page.locator('.govuk-notification-banner').textContent()).toContain('no more comments')
    await officer.leave()

    const qa = await j.person()
    await j.signIn(qa.page, s.users.qa.email, `/staff/assessments/${a.id}`)
    await qa.page.locator('[data-qa="move-published"]').click()
    await qa.page.waitForURL(/\/publish$/)
    await j.check(qa.page, 'check-your-answers')
    expect(await qa.page.locator('main').textContent()).toContain('cannot be changed afterwards')
    expect(await qa.page.locator('[data-qa=comments-summary]').textContent()).toContain('1 accepted')
    await qa.page.locator('[data-qa="confirm-publish"]').click()
    await qa.page.waitForURL(/done=moved/)
    await j.check(qa.page, 'check-published')
    expect(await qa.page.locator('.govuk-notification-banner').textContent()).toContain(
      'The assessment is now at: Published',
    )
    await qa.leave()
  })

  it('visited every kind of page of its share', () => {
    const share = [...JOURNEY_PAGES.assessments, ...(SEEDS_PRESENT ? JOURNEY_PAGES.upload : [])]
    expect([...j.visited].sort()).toEqual([...new Set(share)].sort())
  })
})
