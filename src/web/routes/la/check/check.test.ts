import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { summaryLinks } from '../../../../../test/support/error-summary.js'
import {
  Browserless,
  type RunningService,
  ratingAt,
  readJson,
  startService,
  tokenFor,
} from '../../../../../test/support/web.js'
import { moveAssessment } from '../../../../app/assessments.js'
import type { Actor } from '../../../../domain/index.js'

describe('the factual accuracy check is a conversation', () => {
  let s: RunningService
  let officer: Browserless
  let inspector: Browserless
  let qa: Browserless
  beforeAll(async () => {
    s = await startService()
    officer = new Browserless(s.base)
    await officer.signIn(s.users.officer.email)
    inspector = new Browserless(s.base)
    await inspector.signIn(s.users.inspector.email)
    qa = new Browserless(s.base)
    await qa.signIn(s.users.qa.email)
  })
  afterAll(async () => s.close())

  it('takes comments beside their sections, answers them, and publishes only once each is answered', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    const check = `/la/assessments/${a.id}`
    const page = await (await officer.fetch(check)).text()
    // The box for the rating's section stands inside the report, after its heading and before the next section's.
    const report =
      /<div class="report" data-qa="report">([\s\S]*)<h2 class="govuk-heading-m">Other comments<\/h2>/.exec(
        page,
      )?.[1] ?? ''
    expect(report).toContain('data-qa="comment-box-childrens-services-rating"')
    expect(page).toMatch(/Comment by the end of <strong><time datetime="\d{4}-\d{2}-\d{2}">/)

    await officer.tokenFrom(check)
    const sent = await officer.post(`${check}/comments`, {
      section: 'childrens-services-rating',
      text: 'The date of the visit is wrong.',
    })
    expect(sent.status).toBe(303)
    const empty = await officer.post(`${check}/comments`, { section: 'general', text: ' ' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('href="#comment-general"')

    // Publishing is refused while the comment is unanswered: on the web and through the API.
    const staffComments = `/staff/assessments/${a.id}/comments`
    expect(await (await inspector.fetch(staffComments)).text()).toContain('1 comment is waiting for an answer')
    await qa.tokenFrom(`/staff/assessments/${a.id}/publish`)
    const refused = await qa.post(`/staff/assessments/${a.id}/publish`, { version: String(a.version) })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('cannot be published while a factual accuracy comment is unanswered')
    const token = await tokenFor(s, s.users.qa)
    const api = await fetch(`${s.base}/api/v1/assessments/${a.id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"v${a.version}"` },
      body: JSON.stringify({ to: 'published' }),
    })
    expect(api.status).toBe(400)
    expect((await s.store.assessments.get(a.id)).status).toBe('factual-accuracy-check')

    // The inspector answers: a reason is required; the answer is appended beside the comment.
    const [comment] = await s.store.comments.forAssessment(a.id)
    const answer = `/staff/assessments/${a.id}/comments/${comment?.id}/answer`
    await inspector.tokenFrom(staffComments)
    const bare = await inspector.post(answer, { outcome: 'not-accepted', text: '' })
    expect(bare.status).toBe(400)
    expect(await bare.text()).toContain('Enter the reason it is not accepted')
    // Every problem at once, in the order of the fields, each linking to its own field and shown beside it.
    const blank = await (await inspector.post(answer, { text: '' })).text()
    expect(summaryLinks(blank)).toEqual([
      [`#outcome-${comment?.id}`, 'Select whether the comment is accepted'],
      [`#text-${comment?.id}`, 'Enter the change made to the report'],
    ])
    expect(blank).toContain(`id="outcome-${comment?.id}-error"`)
    expect(blank).toContain(`id="text-${comment?.id}-error"`)
    // A body that is not a form's text is refused as the form's own problem, never a failure of the service.
    const json = await inspector.fetch(answer, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': inspector.csrf },
      body: JSON.stringify({ outcome: ['accepted'], text: 42 }),
    })
    expect(json.status).toBe(400)
    expect(summaryLinks(await json.text()).map(([href]) => href)).toEqual([
      `#outcome-${comment?.id}`,
      `#text-${comment?.id}`,
    ])
    expect((await inspector.post(answer, { outcome: 'accepted', text: 'The date is corrected.' })).status).toBe(303)
    expect((await inspector.post(answer, { outcome: 'accepted', text: 'Again.' })).status).toBe(400)
    expect((await s.store.comments.forAssessment(a.id))[0]?.text).toBe('The date of the visit is wrong.')
    expect(await (await officer.fetch(check)).text()).toContain('The date is corrected.')

    // The officer ends the check; no comment is taken after it.
    const ended = await officer.post(`${check}/comments/done`, {})
    expect(ended.status).toBe(303)
    const after = await (await officer.fetch(ended.headers.get('location') as string)).text()
    expect(after).toContain('You have told the inspection team you have no more comments. Next:')
    expect(after).not.toContain('name="text"')
    const late = await officer.post(`${check}/comments`, { section: 'general', text: 'One more.' })
    expect(late.status).toBe(400)
    const lateHtml = await late.text()
    expect(lateHtml).toContain('the comments are closed')
    // No comment box is shown once they are closed: the error links to what the page says of the check.
    expect(summaryLinks(lateHtml).map(([href]) => href)).toEqual(['#check-state'])
    expect(lateHtml).toContain('id="check-state"')

    // Publishing goes through the check of what becomes public.
    const viaMove = await qa.post(`/staff/assessments/${a.id}/move`, { version: String(a.version), to: 'published' })
    expect(viaMove.status).toBe(303)
    expect(viaMove.headers.get('location')).toBe(`/staff/assessments/${a.id}/publish`)
    const cya = await (await qa.fetch(`/staff/assessments/${a.id}/publish`)).text()
    expect(cya).toContain('Check before publishing')
    expect(cya).toContain('cannot be changed afterwards')
    expect(cya).toContain('1 comment from the authority: 1 accepted, 0 not accepted')
    const published = await qa.post(`/staff/assessments/${a.id}/publish`, { version: String(a.version) })
    expect(published.status).toBe(303)
    expect((await s.store.assessments.get(a.id)).status).toBe('published')
    const banner = await (await qa.fetch(published.headers.get('location') as string)).text()
    expect(banner).toContain('The assessment is now at: Published. Next: Nobody')
  })

  it('names the new stage and who acts next after every move', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'quality-assurance')
    await qa.tokenFrom(`/staff/assessments/${a.id}`)
    const moved = await qa.post(`/staff/assessments/${a.id}/move`, {
      version: String(a.version),
      to: 'factual-accuracy-check',
    })
    expect(moved.status).toBe(303)
    const page = await (await qa.fetch(moved.headers.get('location') as string)).text()
    expect(page).toContain('The assessment is now at: Factual accuracy check. Next: The authority’s officers comment')
  })

  it('is the same conversation through the API', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    const call = async (user: keyof RunningService['users'], method: string, path: string, body?: unknown) =>
      fetch(`${s.base}/api/v1/assessments/${a.id}${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenFor(s, s.users[user])}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const comment = await readJson(
      call('officer', 'POST', '/comments', { section: 'general', text: 'A figure is wrong.' }),
    )
    expect(
      (await call('officer', 'POST', `/comments/${comment.id}/answers`, { outcome: 'accepted', text: 'x' })).status,
    ).toBe(403)
    const answered = await call('inspector', 'POST', `/comments/${comment.id}/answers`, {
      outcome: 'not-accepted',
      text: 'The figure is the one the council sent.',
    })
    expect(answered.status).toBe(201)
    expect((await call('officer', 'POST', '/comments/done')).status).toBe(201)
    const read = await readJson(call('officer', 'GET', '/comments'))
    expect(read.comments[0].answer).toMatchObject({
      outcome: 'not-accepted',
      text: 'The figure is the one the council sent.',
    })
    expect(read.check).toMatchObject({ open: false, unanswered: 0 })
    expect((await call('officer', 'POST', '/comments', { section: 'general', text: 'Late.' })).status).toBe(400)
  })

  it('shows an officer of another authority nothing, and answers only for the inspection team', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    const other = new Browserless(s.base)
    await other.signIn(s.users.otherOfficer.email)
    expect((await other.fetch(`/la/assessments/${a.id}`)).status).toBe(404)
    expect((await officer.fetch(`/staff/assessments/${a.id}/comments`)).status).toBe(403)
    const read = await readJson(
      fetch(`${s.base}/api/v1/assessments/${a.id}/comments`, {
        headers: { authorization: `Bearer ${await tokenFor(s, s.users.inspector)}` },
      }),
    )
    expect(read.comments).toEqual([])
    // Taken back into quality assurance, the check is no longer the officer's.
    const qaActor: Actor = { id: s.users.qa.id, role: 'quality-assurer' }
    await moveAssessment(s.ctx, qaActor, a.id, a.version, 'quality-assurance')
    expect((await officer.fetch(`/la/assessments/${a.id}`)).status).toBe(404)
  })
})
