import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAssessment, recordJudgement } from '../../src/app/assessments.js'
import { type Assessment, getFramework } from '../../src/domain/index.js'
import { inspector } from '../domain/support.js'
import { checkPage, signInOnPage } from '../support/browser.js'
import { chromiumAvailable, sharedChromium } from '../support/chromium.js'
import { type RunningService, startService } from '../support/web.js'

const SAFEGUARDING = 'Safeguarding services: Overall effectiveness'
const LOOKED_AFTER = 'Services for looked after children: Overall effectiveness'

/**
 * An inspector audits three cases in the browser, links them to two judgements and sees the summary in the drafted
 * report; an axe check (WCAG 2.2 AA and best practice) of every page on the way.
 */
describe.runIf(chromiumAvailable('the evidence journey'))('the evidence journey in the browser', () => {
  let s: RunningService
  let browser: Browser
  let a: Assessment

  beforeAll(async () => {
    s = await startService()
    browser = await sharedChromium()
    a = await createAssessment(s.ctx, inspector, {
      frameworkId: 'slac-2012',
      authorityCode: 'E09000020',
      dates: { inspectionStart: '2012-04-10', inspectionEnd: '2012-04-20', published: '2012-05-29' },
    })
    for (const area of getFramework('slac-2012').areas.filter(x => x.required))
      a = await recordJudgement(s.ctx, inspector, a.id, a.version, { areaId: area.id, grade: 2 })
  })
  afterAll(async () => {
    await s?.close()
  })

  it('audits three cases, links them to two judgements, and the drafted report says so', async () => {
    const context = await browser.newContext({ baseURL: s.base, timezoneId: 'Europe/London' })
    const page = await context.newPage()
    await page.goto('/sign-in')
    await signInOnPage(page, s.users.inspector.email)

    await page.goto(`/staff/assessments/${a.id}`)
    expect(await page.locator('[data-qa="findings"]').textContent()).toContain(
      `${SAFEGUARDING} is graded but rests on no evidence`,
    )
    await page.getByRole('link', { name: /^Evidence: the log/ }).click()
    await checkPage(page, 'evidence-log-empty')

    for (const [i, ref] of ['CF-1001', 'CF-1002', 'CF-1003'].entries()) {
      await page.goto(`/staff/assessments/${a.id}/evidence`)
      await page.getByRole('link', { name: 'Case file audit' }).click()
      if (i === 0) await checkPage(page, 'evidence-case-audit-form')
      await page.getByLabel('Short description').fill(`Case file ${ref}`)
      await page.getByLabel('Case reference').fill(ref)
      await page.getByRole('group', { name: 'Planning' }).getByLabel('Good', { exact: true }).check()
      await page.getByRole('group', { name: 'Management oversight' }).getByLabel('Inadequate').check()
      // The first two are linked as they are recorded, the third from its own page.
      if (i < 2) {
        await page.getByLabel(SAFEGUARDING, { exact: true }).check()
        await page.getByLabel(LOOKED_AFTER, { exact: true }).check()
      }
      await page.getByRole('button', { name: 'Record evidence' }).click()
      await page.waitForLoadState('load')
      if (i === 0) await checkPage(page, 'evidence-item')
      expect(await page.locator('h1').textContent()).toBe(`Case file ${ref}`)
    }
    await page.getByLabel(SAFEGUARDING, { exact: true }).check()
    await page.getByLabel(LOOKED_AFTER, { exact: true }).check()
    await page.getByRole('button', { name: 'Save the judgements it informs' }).click()
    await page.waitForLoadState('load')
    expect(await page.locator('[data-qa="informs"]').textContent()).toBe(`${SAFEGUARDING}; ${LOOKED_AFTER}`)

    await page.getByRole('link', { name: 'Back to the evidence log' }).click()
    expect(await page.locator('[data-qa="evidence-summary"]').textContent()).toBe('3 case files')
    await page.getByLabel('Judgement').selectOption({ label: LOOKED_AFTER })
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForLoadState('load')
    await expect.poll(() => page.locator('[data-qa="evidence-item"]').count()).toBe(3)
    await checkPage(page, 'evidence-log')
    await page.getByRole('button', { name: 'Add to About this inspection' }).click()
    await page.waitForLoadState('load')
    await checkPage(page, 'evidence-log-about-added')

    await page.goto(`/staff/assessments/${a.id}`)
    const findings = (await page.locator('[data-qa="findings"]').textContent()) ?? ''
    expect(findings).not.toContain(`${SAFEGUARDING} is graded but rests on no evidence`)
    expect(findings).not.toContain(`${LOOKED_AFTER} is graded but rests on no evidence`)
    await page.getByRole('link', { name: 'Preview the report' }).click()
    await page.waitForLoadState('load')
    expect(await page.locator('body').textContent()).toContain('Inspectors drew on 3 case files.')
    await context.close()
  }, 300_000)
})
