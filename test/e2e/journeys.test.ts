import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSynthetic, SYNTHETIC_ORDER } from '../../src/app/synthetic.js'
import { checkPage as checkAccessible, People, signInOnPage } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * The main journeys in a real browser (Debian's Chromium), with an axe check (WCAG 2.2 AA and best practice) of every page visited
 * and a screenshot of each in test-output/screenshots.
 */
describe.runIf(chromiumAvailable('browser journeys'))('journeys in the browser', () => {
  let s: RunningService
  let people: People
  const visited = new Set<string>()

  beforeAll(async () => {
    s = await startService()
    people = new People(await sharedChromium(), {
      baseURL: s.base,
      timezoneId: 'Europe/London',
      acceptDownloads: true,
    })
  })
  afterAll(async () => {
    await s?.close()
  })

  const person = () => people.person()

  async function checkPage(page: Page, name: string): Promise<void> {
    await checkAccessible(page, name)
    visited.add(name)
  }

  /** Signs in from the sign-in page, checked the first time: each later visit sees the same page in the same state. */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/sign-in')
    if (!visited.has('sign-in')) await checkPage(page, 'sign-in')
    await signInOnPage(page, email)
  }

  it('the public: search → authority → report → PDF; the keyboard path starts with the skip link', async () => {
    await ratingAt(s.ctx, 'E09000020', 'published', 3)
    const { page, leave } = await person()
    await page.goto('/')
    await checkPage(page, 'home')
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string>('document.activeElement?.textContent?.trim()')).toBe('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('main-content')

    // The authority select is a type-ahead box (accessible-autocomplete) once its script has run.
    await page.getByRole('combobox', { name: 'Local authority' }).fill('Kensington')
    await page.getByRole('option', { name: 'Kensington and Chelsea' }).click()
    await page.getByRole('button', { name: 'Search' }).click()
    await checkPage(page, 'search-results')
    await page.getByRole('link', { name: 'Kensington and Chelsea' }).first().click()
    await checkPage(page, 'authority')
    await expect.poll(() => page.locator('#timeline-table tbody tr').count()).toBe(1)
    // The grade as the 2009 rating prints it, its level beside it in words; the date as GOV.UK writes it.
    const row = (await page.locator('#timeline-table tbody tr').textContent()) ?? ''
    expect(row).toContain('Performs well (3)')
    expect(row).toContain('9 December 2009')
    expect(await page.locator('#timeline-table .govuk-tag').textContent()).toBe('Good')
    await page
      .getByRole('link', { name: /Children's services annual rating/ })
      .first()
      .click()
    await checkPage(page, 'report')
    expect(await page.locator('[data-qa=report]').textContent()).toContain('Performs well')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Report as PDF' }).click(),
    ])
    const pdf = readFileSync((await download.path()) as string)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')

    await page.goto('/national')
    await checkPage(page, 'national')
    await page.goto('/frameworks')
    await checkPage(page, 'frameworks')
    await page.getByRole('banner').getByRole('link', { name: 'report a problem' }).click()
    await checkPage(page, 'contact')
    expect(await page.locator('h1').textContent()).toBe('Report a problem')
    await page.goto('/no-such-page')
    await checkPage(page, 'not-found')
    await leave()
  })

  it('the public pages through an authority with more than a page of reports and recommendations', async () => {
    for (let i = 0; i < 21; i++) await ratingAt(s.ctx, 'E06000002', 'published', (i % 4) + 1)
    const { page, leave } = await person()
    await page.goto('/authorities/E06000002')
    await checkPage(page, 'authority-paged')
    await page.getByRole('navigation', { name: 'Pages of recommendations' }).getByRole('link', { name: /Next/ }).click()
    await page.waitForURL(/recommendationsPage=2#recommendations$/)
    await checkPage(page, 'authority-page-2')
    expect(await page.locator('[data-qa=authority-recommendations] tbody tr').count()).toBe(1)
    expect(await page.locator('#timeline-table tbody tr').count()).toBe(20)
    await page.getByLabel('Show').selectOption('open')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/status=open/)
    expect(await page.locator('[data-qa=authority-recommendations] tbody tr').count()).toBe(20)
    expect((await page.goto('/authorities/E06000002?page=two'))?.status()).toBe(400)
    await checkPage(page, 'bad-request')
    await leave()
  })

  it('an inspector creates and completes an assessment, a quality assurer publishes it, the public sees it', async () => {
    const inspector = await person()
    const page = inspector.page
    await signIn(page, s.users.inspector.email)
    await checkPage(page, 'staff-dashboard')
    await page.getByRole('button', { name: 'Create an assessment' }).click()
    await checkPage(page, 'create')
    // The error summary takes focus, and names what is missing.
    await page.getByRole('button', { name: 'Create assessment' }).click()
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.className ?? ''"))
      .toContain('govuk-error-summary')
    await checkPage(page, 'create-errors')
    expect(await page.title()).toMatch(/^Error: /)
    await page.getByRole('combobox', { name: 'Local authority' }).fill('Hartlepool')
    await page.getByRole('option', { name: 'Hartlepool' }).click()
    await page.getByLabel(/Children's services annual rating/).check()
    await page.getByRole('button', { name: 'Create assessment' }).click()
    await checkPage(page, 'work')
    const workUrl = page.url()

    await page.locator('[data-qa="edit-childrens-services-rating"]').click()
    await checkPage(page, 'judgement-editor')
    await page.getByLabel('3: Performs well').check()
    await page.getByLabel('Narrative').fill('Hartlepool performs well: outcomes are good across the areas inspected.')
    await page.locator('[data-qa=save]').click()
    await page.waitForURL(/done=judgement/)
    expect(await page.locator('[data-qa=areas]').textContent()).toContain('Performs well (3)')

    await page.getByRole('link', { name: 'Change the details' }).click()
    await checkPage(page, 'details')
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
    await checkPage(page, 'work-complete')
    await page.locator('[data-qa="move-quality-assurance"]').click()
    await page.waitForURL(/done=moved/)
    expect(await page.locator('[data-qa=status]').first().textContent()).toBe('Quality assurance')
    await inspector.leave()

    const qa = await person()
    await signIn(qa.page, s.users.qa.email)
    await qa.page.goto(workUrl)
    await qa.page.getByLabel('Your title as it is printed under your signature').fill('Divisional Manager')
    await qa.page.locator('[data-qa=sign]').click()
    await qa.page.waitForURL(/done=signed/)
    await qa.page.locator('[data-qa="move-factual-accuracy-check"]').click()
    await qa.page.waitForURL(/done=moved/)
    await checkPage(qa.page, 'work-factual-accuracy')
    await qa.page.locator('[data-qa="move-published"]').click()
    await qa.page.waitForURL(/\/publish$/)
    await checkPage(qa.page, 'publish-check')
    await qa.page.locator('[data-qa="confirm-publish"]').click()
    await qa.page.waitForURL(/done=moved/)
    expect(await qa.page.locator('[data-qa=status]').first().textContent()).toBe('Published')
    expect(await qa.page.locator('[data-qa=audit]').textContent()).toContain('Moved to published')
    await checkPage(qa.page, 'work-published')
    await qa.leave()

    const visitor = await person()
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
    const { page, leave } = await person()
    await signIn(page, s.users.officer.email)
    await checkPage(page, 'officer-home')
    await page.locator('[data-qa=awaiting] a').first().click()
    await checkPage(page, 'officer-draft')
    expect(page.url()).toContain(`/la/assessments/${own.id}`)
    await page.getByLabel('Comment on the report as a whole').fill('The date of the letter should read 10 December.')
    await page.locator('[data-qa=comment-general]').click()
    await page.waitForURL(/done=comment/)
    await checkPage(page, 'officer-commented')
    expect(await page.locator('[data-qa=my-comment]').textContent()).toContain('should read 10 December')
    expect((await page.goto(`/la/assessments/${other.id}`))?.status()).toBe(404)
    const denied = await page.goto(`/assessments/${other.id}`)
    expect(denied?.status()).toBe(404)
    expect(await page.content()).not.toContain('Camden')
    await checkPage(page, 'officer-denied')
    const staff = await page.goto('/staff')
    expect(staff?.status()).toBe(403)
    await leave()
  })

  it.runIf(SEEDS_PRESENT)('upload → review → save a published report', async () => {
    const { page, leave } = await person()
    await signIn(page, s.users.inspector.email)
    await page.goto('/staff/upload')
    await checkPage(page, 'upload')
    await page
      .getByLabel('Report file')
      .setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: seed('004') })
    await page.locator('[data-qa=read]').click()
    await page.waitForURL(/\/staff\/upload\/[0-9a-f-]{36}$/)
    // Read by a job: the page waits for it, or looks again by itself until the review is there.
    await page.locator('[data-qa=save-upload]').waitFor({ timeout: 60_000 })
    await checkPage(page, 'review')
    expect(await page.locator('mark').count()).toBeGreaterThan(3)
    await page.locator('[data-qa=save-upload]').click()
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/)
    await checkPage(page, 'uploaded-report')
    // Nothing read is public until a second person has checked it against the document.
    expect(await page.locator('[data-qa=status]').textContent()).not.toBe('Published')
    const id = page.url().split('/').pop() as string
    expect((await fetch(`${s.base}/assessments/${id}`)).status).toBe(404)
    await leave()
    const qa = await person()
    await signIn(qa.page, s.users.qa.email)
    await qa.page.goto(`/staff/assessments/${id}`)
    await checkPage(qa.page, 'verify-upload')
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
    const officer = await person()
    await signIn(officer.page, s.users.officer.email)
    await officer.page.goto(`/la/assessments/${a.id}`)
    await checkPage(officer.page, 'check-officer')
    // The section's box stands in the report, beside it.
    const box = '[data-qa=report] [data-qa="comment-box-childrens-services-rating"]'
    expect(await officer.page.locator(`${box} textarea`).count()).toBe(1)
    await officer.page.locator(`${box} textarea`).fill('The rating paragraph names the wrong year.')
    await officer.page.locator('[data-qa="comment-childrens-services-rating"]').click()
    await officer.page.waitForURL(/done=comment/)
    await checkPage(officer.page, 'check-officer-commented')

    const inspector = await person()
    await signIn(inspector.page, s.users.inspector.email)
    await inspector.page.goto(`/staff/assessments/${a.id}`)
    await inspector.page.locator('[data-qa=comments-link] a').click()
    await checkPage(inspector.page, 'check-comments')
    await inspector.page.getByLabel('Accepted: the report is changed').check()
    await inspector.page.getByLabel('The change made, or the reason it is not accepted').fill('The year is corrected.')
    await inspector.page.locator('[data-qa="answer-1"]').click()
    await inspector.page.waitForURL(/done=answer/)
    await checkPage(inspector.page, 'check-answered')
    expect(await inspector.page.locator('[data-qa=answer]').textContent()).toContain('The year is corrected.')
    await inspector.leave()

    await officer.page.reload()
    expect(await officer.page.locator('[data-qa=answer]').first().textContent()).toContain('Accepted')
    await officer.page.locator('[data-qa=no-more-comments]').click()
    await officer.page.waitForURL(/done=ended/)
    await checkPage(officer.page, 'check-ended')
    expect(await officer.page.locator('.govuk-notification-banner').textContent()).toContain('no more comments')
    await officer.leave()

    const qa = await person()
    await signIn(qa.page, s.users.qa.email)
    await qa.page.goto(`/staff/assessments/${a.id}`)
    await qa.page.locator('[data-qa="move-published"]').click()
    await qa.page.waitForURL(/\/publish$/)
    await checkPage(qa.page, 'check-your-answers')
    expect(await qa.page.locator('main').textContent()).toContain('cannot be changed afterwards')
    expect(await qa.page.locator('[data-qa=comments-summary]').textContent()).toContain('1 accepted')
    await qa.page.locator('[data-qa="confirm-publish"]').click()
    await qa.page.waitForURL(/done=moved/)
    await checkPage(qa.page, 'check-published')
    expect(await qa.page.locator('.govuk-notification-banner').textContent()).toContain(
      'The assessment is now at: Published',
    )
    await qa.leave()
  })

  it('the administrator manages users and tokens', async () => {
    const { page, leave } = await person()
    await signIn(page, s.users.admin.email)
    await checkPage(page, 'admin-users')
    await page.getByLabel('Name', { exact: true }).fill('Nia New')
    await page.getByLabel('Email address').fill('nia@example.org')
    await page.getByLabel('Role', { exact: true }).selectOption('inspector')
    await page.getByLabel('Initial password').fill('short')
    await page.getByRole('button', { name: 'Add user' }).click()
    await checkPage(page, 'admin-users-error')
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('at least 12 characters')
    await page.getByLabel('Initial password').fill('a perfectly long password')
    await page.getByRole('button', { name: 'Add user' }).click()
    await page.waitForURL(/done=user/)
    expect(await page.locator('[data-qa=users]').textContent()).toContain('nia@example.org')
    await page.getByRole('link', { name: 'Nia New' }).click()
    await checkPage(page, 'admin-user')
    await page.goBack()
    // A token acts for a service account (a program, audited as itself), never for another person.
    expect(await page.getByLabel('The service account the program acts as').textContent()).not.toContain('Nia New')
    await page.getByLabel('Name, saying which program uses it', { exact: true }).fill('Nightly export')
    await page.getByLabel('Role the program acts in').selectOption('inspector')
    await page.getByRole('button', { name: 'Add service account' }).click()
    await page.waitForURL(/done=service/)
    await page.getByLabel('Token name, saying which program uses it').fill('nightly export')
    await page
      .getByLabel('The service account the program acts as')
      .selectOption({ label: 'Nightly export (Inspector)' })
    await page.getByRole('button', { name: 'Create token' }).click()
    const token = await page.locator('[data-qa=new-token]').textContent()
    expect(token).toMatch(/^insp_/)
    const me = await (await fetch(`${s.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()
    expect((me as { user: { name: string; service: boolean } }).user).toMatchObject({
      name: 'Nightly export',
      service: true,
    })
    // Everyone makes their own tokens.
    await page.goto('/account/tokens')
    await checkPage(page, 'account-tokens')
    await page.getByLabel('Token name, saying which program uses it').fill('my own script')
    await page.getByRole('button', { name: 'Create token' }).click()
    const own = await page.locator('[data-qa=new-token]').textContent()
    const mine = await (await fetch(`${s.base}/api/v1/me`, { headers: { authorization: `Bearer ${own}` } })).json()
    expect((mine as { user: { email: string } }).user.email).toBe(s.users.admin.email)
    await page.goto('/admin/authorities')
    await checkPage(page, 'admin-authorities')
    await leave()
  })

  it('the performance profile: an administrator loads data, an inspector rates from it, the public compares', async () => {
    const files = generateSynthetic({ years: [2009], indicators: 40, settings: 2500, seed: 5 })
    const adminUser = await person()
    await signIn(adminUser.page, s.users.admin.email)
    await adminUser.page.goto('/admin/data')
    await checkPage(adminUser.page, 'admin-data')
    const neighbours =
      'la_code_new,stat_neighbours_la_code\nE08000025,"E08000026, E08000027, E08000028, E08000029, E08000030, E08000031, E08000032, E08000033, E08000034, E08000035"\n'
    const uploads: [string, string][] = [
      ['neighbours', neighbours],
      ...SYNTHETIC_ORDER.map(k => [k, files[k]] as [string, string]),
    ]
    for (const [kind, text] of uploads) {
      await adminUser.page.getByLabel('Kind of data').selectOption(kind)
      await adminUser.page
        .getByLabel('CSV file')
        .setInputFiles({ name: `${kind}.csv`, mimeType: 'text/csv', buffer: Buffer.from(text) })
      await adminUser.page.locator('[data-qa=import]').click()
      await adminUser.page.waitForLoadState('load')
      expect(await adminUser.page.locator('[data-qa=import-result]').textContent()).toContain('Imported')
    }
    await checkPage(adminUser.page, 'admin-data-imported')
    await adminUser.leave()

    const own = await ratingAt(s.ctx, 'E08000025', 'draft', 3)
    const inspector = await person()
    await signIn(inspector.page, s.users.inspector.email)
    await inspector.page.goto(`/staff/assessments/${own.id}`)
    await inspector.page.locator('[data-qa=rating-link]').click()
    await checkPage(inspector.page, 'rating')
    await inspector.page.locator('[data-qa=suggest]').click()
    await inspector.page.waitForURL(/done=suggest/)
    expect(await inspector.page.locator('[data-qa=suggested]').textContent()).toMatch(
      /^Performs \w+ \(\d\) (Outstanding|Good|Adequate|Inadequate)$/,
    )
    await checkPage(inspector.page, 'rating-suggested')
    await inspector.page.locator('[data-qa=draft]').click()
    await inspector.page.waitForURL(/done=draft/)
    expect(await inspector.page.locator('[data-qa=narrative]').textContent()).toContain(
      "Children's services in Birmingham",
    )
    await inspector.page.goto('/staff/what-if')
    await checkPage(inspector.page, 'what-if')
    await inspector.page.getByLabel('Data of').selectOption('2009')
    await inspector.page.getByLabel('Switch off').selectOption('settings-block')
    await inspector.page.locator('[data-qa=compare]').click()
    await checkPage(inspector.page, 'what-if-result')
    await inspector.leave()

    const visitor = await person()
    await visitor.page.goto('/authorities/E08000025/profile')
    await checkPage(visitor.page, 'profile')
    expect(await visitor.page.locator('[data-qa=synthetic]').count()).toBe(1)
    await visitor.leave()
  })

  it('visited every kind of page', () => {
    expect(visited.size).toBeGreaterThanOrEqual(20)
  })
})
