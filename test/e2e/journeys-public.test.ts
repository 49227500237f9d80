import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSynthetic, SYNTHETIC_ORDER } from '../../src/app/synthetic.js'
import { JOURNEY_PAGES, Journeys, People, typeAhead } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * The public's journeys in a real browser (Debian's Chromium), and the administrator's that feed them: an axe check
 * (WCAG 2.2 AA and best practice) of every page visited (with SCREENSHOTS set, a screenshot of each in
 * test-output/screenshots). The journeys of an assessment's life are in journeys-assessments.test.ts.
 */
describe.runIf(chromiumAvailable('browser journeys'))('the public and administration journeys in the browser', () => {
  let s: RunningService
  let j: Journeys

  beforeAll(async () => {
    s = await startService()
    j = new Journeys(
      new People(await sharedChromium(), { baseURL: s.base, timezoneId: 'Europe/London', acceptDownloads: true }),
    )
  })
  afterAll(async () => {
    await s?.close()
  })

  it('the public: search → authority → report → PDF; the keyboard path starts with the skip link', async () => {
    await ratingAt(s.ctx, 'E09000020', 'published', 3)
    const { page, leave } = await j.person()
    await page.goto('/')
    await j.check(page, 'home')
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string>('document.activeElement?.textContent?.trim()')).toBe('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('main-content')

    // The authority select is a type-ahead box (accessible-autocomplete) once its script has run.
    await typeAhead(page, 'Local authority').fill('Kensington')
    await page.getByRole('option', { name: 'Kensington and Chelsea' }).click()
    await page.getByRole('button', { name: 'Search' }).click()
    await j.check(page, 'search-results')
    await page.getByRole('link', { name: 'Kensington and Chelsea' }).first().click()
    await j.check(page, 'authority')
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
    await j.check(page, 'report')
    expect(await page.locator('[data-qa=report]').textContent()).toContain('Performs well')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Report as PDF' }).click(),
    ])
    const pdf = readFileSync((await download.path()) as string)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')

    await page.goto('/national')
    await j.check(page, 'national')
    await page.goto('/frameworks')
    await j.check(page, 'frameworks')
    await page.getByRole('banner').getByRole('link', { name: 'report a problem' }).click()
    await j.check(page, 'contact')
    expect(await page.locator('h1').textContent()).toBe('Report a problem')
    await page.goto('/no-such-page')
    await j.check(page, 'not-found')
    await leave()
  })

  it('the public pages through an authority with more than a page of reports and recommendations', async () => {
    for (let i = 0; i < 21; i++) await ratingAt(s.ctx, 'E06000002', 'published', (i % 4) + 1)
    const { page, leave } = await j.person()
    await page.goto('/authorities/E06000002')
    await j.check(page, 'authority-paged')
    await page.getByRole('navigation', { name: 'Pages of recommendations' }).getByRole('link', { name: /Next/ }).click()
    await page.waitForURL(/recommendationsPage=2#recommendations$/)
    await j.check(page, 'authority-page-2')
    expect(await page.locator('[data-qa=authority-recommendations] tbody tr').count()).toBe(1)
    expect(await page.locator('#timeline-table tbody tr').count()).toBe(20)
    await page.getByLabel('Show').selectOption('open')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/status=open/)
    expect(await page.locator('[data-qa=authority-recommendations] tbody tr').count()).toBe(20)
    expect((await page.goto('/authorities/E06000002?page=two'))?.status()).toBe(400)
    await j.check(page, 'bad-request')
    await leave()
  })

  it('the administrator manages users and tokens', async () => {
    const { page, leave } = await j.person()
    await j.signIn(page, s.users.admin.email)
    await j.check(page, 'admin-users')
    await page.getByLabel('Name', { exact: true }).fill('Nia New')
    await page.getByLabel('Email address').fill('nia@example.org')
    await page.getByLabel('Role', { exact: true }).selectOption('inspector')
    await page.getByLabel('Initial password').fill('short')
    await page.getByRole('button', { name: 'Add user' }).click()
    await j.check(page, 'admin-users-error')
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('at least 12 characters')
    await page.getByLabel('Initial password').fill('a perfectly long password')
    await page.getByRole('button', { name: 'Add user' }).click()
    await page.waitForURL(/done=user/)
    expect(await page.locator('[data-qa=users]').textContent()).toContain('nia@example.org')
    await page.getByRole('link', { name: 'Nia New' }).click()
    await j.check(page, 'admin-user')
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
    await j.check(page, 'account-tokens')
    await page.getByLabel('Token name, saying which program uses it').fill('my own script')
    await page.getByRole('button', { name: 'Create token' }).click()
    const own = await page.locator('[data-qa=new-token]').textContent()
    const mine = await (await fetch(`${s.base}/api/v1/me`, { headers: { authorization: `Bearer ${own}` } })).json()
    expect((mine as { user: { email: string } }).user.email).toBe(s.users.admin.email)
    await page.goto('/admin/authorities')
    await j.check(page, 'admin-authorities')
    await leave()
  })

  it('the performance profile: an administrator loads data, an inspector rates from it, the public compares', async () => {
    const files = generateSynthetic({ years: [2009], indicators: 40, settings: 2500, seed: 5 })
    const adminUser = await j.person()
    await j.signIn(adminUser.page, s.users.admin.email, '/admin/data')
    await j.check(adminUser.page, 'admin-data')
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
    await j.check(adminUser.page, 'admin-data-imported')
    await adminUser.leave()

    const own = await ratingAt(s.ctx, 'E08000025', 'draft', 3)
    const inspector = await j.person()
    await j.signIn(inspector.page, s.users.inspector.email, `/staff/assessments/${own.id}`)
    await inspector.page.locator('[data-qa=rating-link]').click()
    await j.check(inspector.page, 'rating')
    await inspector.page.locator('[data-qa=suggest]').click()
    await inspector.page.waitForURL(/done=suggest/)
    expect(await inspector.page.locator('[data-qa=suggested]').textContent()).toMatch(
      /^Performs \w+ \(\d\) (Outstanding|Good|Adequate|Inadequate)$/,
    )
    await j.check(inspector.page, 'rating-suggested')
    await inspector.page.locator('[data-qa=draft]').click()
    await inspector.page.waitForURL(/done=draft/)
    expect(await inspector.page.locator('[data-qa=narrative]').textContent()).toContain(
      "Children's services in Birmingham",
    )
    await inspector.page.goto('/staff/what-if')
    await j.check(inspector.page, 'what-if')
    await inspector.page.getByLabel('Data of').selectOption('2009')
    await inspector.page.getByLabel('Switch off').selectOption('settings-block')
    await inspector.page.locator('[data-qa=compare]').click()
    await j.check(inspector.page, 'what-if-result')
    await inspector.leave()

    const visitor = await j.person()
    await visitor.page.goto('/authorities/E08000025/profile')
    await j.check(visitor.page, 'profile')
    expect(await visitor.page.locator('[data-qa=synthetic]').count()).toBe(1)
    await visitor.leave()
  })

  it('visited every kind of page of its share', () => {
    expect([...j.visited].sort()).toEqual([...new Set(JOURNEY_PAGES.public)].sort())
  })
})
