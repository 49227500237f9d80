import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspector, qa } from '../../../../../test/domain/support.js'
import { APA_GOOD } from '../../../../../test/support/apa.js'
import { Browserless, type RunningService, startService } from '../../../../../test/support/web.js'
import {
  addRecommendation,
  createAssessment,
  moveAssessment,
  recordJudgement,
  updateDetails,
} from '../../../../app/assessments.js'
import type { Assessment } from '../../../../domain/index.js'

/** An officer's list of every recommendation made to their authority, 20 to a page. */
describe('/la, paged', () => {
  let s: RunningService
  let a: Assessment
  let officer: Browserless

  beforeAll(async () => {
    s = await startService()
    a = await createAssessment(s.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
    for (const areaId of APA_GOOD) a = await recordJudgement(s.ctx, inspector, a.id, a.version, { areaId, grade: 3 })
    a = await updateDetails(s.ctx, inspector, a.id, a.version, { dates: { letter: '2007-11-26' } })
    for (let i = 1; i <= 21; i++)
      a = await addRecommendation(s.ctx, inspector, a.id, a.version, {
        areaId: 'being-healthy',
        text: `Recommendation number ${i}`,
        timescaleId: 'in-the-next-six-months',
      })
    a = await moveAssessment(s.ctx, inspector, a.id, a.version, 'quality-assurance')
    a = await moveAssessment(s.ctx, qa, a.id, a.version, 'factual-accuracy-check')
    a = await moveAssessment(s.ctx, qa, a.id, a.version, 'published')
    officer = new Browserless(s.base)
    await officer.signIn(s.users.officer.email)
  })
  afterAll(async () => s.close())

  const cards = (html: string) => html.match(/data-qa="la-recommendation"/g)?.length ?? 0

  it('shows 20 a page with GOV.UK pagination, and the rest on the next', async () => {
    const first = await (await officer.fetch('/la')).text()
    expect(cards(first)).toBe(20)
    expect(first).toContain('21 recommendations, latest due first (page 1 of 2)')
    expect(first).toContain('aria-label="Pages of recommendations"')
    expect(first).toContain('href="/la?page=2#recommendations"')
    const second = await (await officer.fetch('/la?page=2')).text()
    expect(cards(second)).toBe(1)
    // A page past the end shows the last.
    expect(cards(await (await officer.fetch('/la?page=9')).text())).toBe(1)
  })

  it('names a page that is not a number as the problem', async () => {
    const res = await officer.fetch('/la?page=two')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Enter the page of recommendations as a number, like 2')
  })

  it('brings an officer back to the page they recorded progress on', async () => {
    const second = await (await officer.fetch('/la?page=2')).text()
    const action = /<form method="post" action="([^"]+)"[^>]*data-qa="progress-form"/.exec(second)?.[1]
    expect(action).toMatch(/\?page=2$/)
    const res = await officer.post((action ?? '').replaceAll('&amp;', '&'), { note: 'Begun' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/la?page=2&done=progress#recommendations')
  })
})
