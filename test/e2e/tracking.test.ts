import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Assessment } from '../../src/domain/index.js'
import { publishedApa } from '../support/apa.js'
import { checkPage, People, type Person, signInOnPage } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { type RunningService, ratingAt, startService } from '../support/web.js'

/**
 * Recommendations tracked in the browser: an officer records progress and marks one in progress; an inspector
 * confirms it met, linked to the later report that speaks to it. Every page visited is checked with axe (WCAG 2.2 AA
 * and best practice), its error pages too (with SCREENSHOTS set, kept as a screenshot in test-output/screenshots).
 */
describe.runIf(chromiumAvailable('the tracking journey'))('recommendations tracked in the browser', () => {
  let s: RunningService
  let people: People
  let earlier: Assessment
  let later: Assessment

  beforeAll(async () => {
    s = await startService()
    people = new People(await sharedChromium(), { baseURL: s.base, timezoneId: 'Europe/London' })
    earlier = await publishedApa(s.ctx)
    later = await ratingAt(s.ctx, 'E09000020', 'published')
  })
  afterAll(async () => {
    await s?.close()
  })

  const rid = () => earlier.recommendations[0]?.id ?? ''

  async function signedIn(email: string): Promise<Person> {
    const person = await people.person()
    await person.page.goto('/sign-in')
    await signInOnPage(person.page, email)
    return person
  }

  /** The error summary's links, as the page shows them. */
  const summary = (page: Page) =>
    page
      .locator('.govuk-error-summary__list a')
      .evaluateAll(as => as.map(a => [a.getAttribute('href'), a.textContent?.trim()]))

  it('an officer records progress and marks a recommendation in progress; the filter finds it', async () => {
    const { page, leave } = await signedIn(s.users.officer.email)
    await page.goto('/la')
    await checkPage(page, 'tracking-la', { noSideScroll: true })
    const note = page.locator(`#note-progress-${earlier.id}-${rid()}`)
    const form = page.locator('form', { has: note })

    // Nothing written and nothing chosen: the error summary names the note and links to it; nothing is stored.
    await form.getByRole('button', { name: 'Record progress' }).click()
    await page.waitForLoadState('load')
    expect(await summary(page)).toEqual([
      [`#note-progress-${earlier.id}-${rid()}`, 'Enter a note, or choose a different status'],
    ])
    await checkPage(page, 'tracking-la-error')
    await page.locator('.govuk-error-summary__list a').click()
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe(`note-progress-${earlier.id}-${rid()}`)
    expect(await s.store.recommendationUpdates.history(earlier.id, rid())).toEqual([])

    await note.fill('A duty team has run since March.')
    await form.getByLabel('Mark as in progress').check()
    await form.getByRole('button', { name: 'Record progress' }).click()
    await page.waitForURL(/\/la\?done=progress/)
    await checkPage(page, 'tracking-la-recorded')

    await page.getByLabel('Show').selectOption('in-progress')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/status=in-progress/)
    await checkPage(page, 'tracking-la-in-progress')
    const card = page.locator('[data-qa=la-recommendation]', { hasText: 'A duty team has run since March.' })
    expect(await card.locator('[data-qa=recommendation-status]').textContent()).toBe('In progress')
    expect(await page.locator('[data-qa=progress-history]').first().textContent()).toContain(s.users.officer.name)
    await leave()
  })

  it('an inspector confirms it met, linked to the later report, after the error summary names what is missing', async () => {
    const { page, leave } = await signedIn(s.users.inspector.email)
    await page.goto('/authorities/E09000020')
    await checkPage(page, 'tracking-authority', { noSideScroll: true })
    const formId = `${earlier.id}-${rid()}`
    const form = page.locator('form', { has: page.locator(`#confirm-status-${formId}`) })
    await page.locator(`#confirm-status-${formId}`).selectOption('met')
    await page.locator(`#confirm-later-${formId}`).selectOption(later.id)
    // A later report with no word of what it says is refused, in words, linking to the note.
    await form.getByRole('button').click()
    await page.waitForLoadState('load')
    const errors = await summary(page)
    expect(errors.map(([, text]) => text)).toEqual(['Enter what the later report says about the recommendation'])
    await checkPage(page, 'tracking-authority-error')
    expect(await s.store.recommendationUpdates.status(earlier.id, rid())).toBe('in-progress')

    const again = page.locator('form', { has: page.locator(`#confirm-status-${formId}`) })
    await page.locator(`#confirm-status-${formId}`).selectOption('met')
    await page.locator(`#confirm-later-${formId}`).selectOption(later.id)
    await page.locator(`#confirm-note-${formId}`).fill('The 2009 rating finds the duty team in place.')
    await again.getByRole('button').click()
    await page.waitForLoadState('load')
    await checkPage(page, 'tracking-authority-confirmed')
    expect(await s.store.recommendationUpdates.status(earlier.id, rid())).toBe('met')
    const followed = page.locator('[data-qa=followed-up-in] a').first()
    expect(await followed.getAttribute('href')).toBe(`/assessments/${later.id}`)

    // The later report says it follows the recommendation up; the officer's page shows it met, with the link.
    await followed.click()
    await page.waitForURL(new RegExp(`/assessments/${later.id}$`))
    await checkPage(page, 'tracking-later-report')
    expect(await page.locator('[data-qa=follows-up]').textContent()).toContain('follows up 1 recommendation')
    await leave()

    const { page: officer, leave: officerLeaves } = await signedIn(s.users.officer.email)
    await officer.goto('/la?status=met')
    await checkPage(officer, 'tracking-la-met')
    const card = officer.locator('[data-qa=la-recommendation]', { hasText: 'The 2009 rating finds the duty team' })
    expect(await card.locator('[data-qa=recommendation-status]').textContent()).toBe('Met')
    expect(await card.locator('[data-qa=followed-up-in] a').getAttribute('href')).toBe(`/assessments/${later.id}`)
    await officerLeaves()
  })
})
