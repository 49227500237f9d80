import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qa } from '../../../../../test/domain/support.js'
import { publishedApa } from '../../../../../test/support/apa.js'
import {
  Browserless,
  type RunningService,
  ratingAt,
  readJson,
  startService,
  tokenFor,
} from '../../../../../test/support/web.js'
import { moveAssessment, startCorrection } from '../../../../app/assessments.js'
import { recordRecommendationUpdate } from '../../../../app/recommendations.js'
import { type Assessment, actorOf } from '../../../../domain/index.js'

/** Recommendations tracked to closure, through an authority officer's page. */
describe('recommendations on /la', () => {
  let s: RunningService
  let a: Assessment

  beforeAll(async () => {
    s = await startService()
    a = await ratingAt(s.ctx, 'E09000020', 'published')
  })
  afterAll(async () => s.close())

  const recId = () => a.recommendations[0]?.id ?? ''

  it('an officer records a note and marks it in progress; the filter shows it by status', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.officer.email)
    const before = await (await b.fetch('/la')).text()
    expect(before).toContain('data-qa="progress-form"')
    expect(before).toContain('data-qa="recommendation-status">Open<')
    const res = await b.post(`/la/recommendations/${a.id}/${recId()}`, {
      note: 'A duty team <b>since</b> March.',
      inProgress: 'yes',
    })
    expect(res.status).toBe(303)
    const page = await (await b.fetch('/la?status=in-progress')).text()
    expect(page).toContain('data-qa="recommendation-status">In progress<')
    expect(page).toContain('A duty team &lt;b&gt;since&lt;/b&gt; March.')
    expect(page).toContain(s.users.officer.name)
    const open = await (await b.fetch('/la?status=met')).text()
    expect(open).not.toContain('data-qa="la-recommendation"')
    expect(open).toContain('has that status')
    // A nonsense filter shows everything rather than failing.
    expect((await b.fetch('/la?status=nonsense')).status).toBe(200)
    const [update] = await s.store.recommendationUpdates.history(a.id, recId())
    expect([update?.status, update?.by, update?.role]).toEqual(['in-progress', s.users.officer.id, 'authority-officer'])
  })

  it('gives an empty note back with the error summary, and stores nothing', async () => {
    const fresh = await ratingAt(s.ctx, 'E09000020', 'published')
    const b = new Browserless(s.base)
    await b.signIn(s.users.officer.email)
    const res = await b.post(`/la/recommendations/${fresh.id}/${fresh.recommendations[0]?.id}`, { note: '  ' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('<title>Error: ')
    expect(html).toContain('Enter a note, or choose a different status')
    expect(html).toContain(`href="#note-progress-${fresh.id}-`)
    // A note sent as anything but text is the form's own problem, never a failure of the service.
    const json = await b.fetch(`/la/recommendations/${fresh.id}/${fresh.recommendations[0]?.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': b.csrf },
      body: JSON.stringify({ note: 42 }),
    })
    expect(json.status).toBe(400)
    expect(await json.text()).toContain('Enter a note, or choose a different status')
    expect(await s.store.recommendationUpdates.forAssessments([fresh.id])).toEqual([])
  })

  it('an officer of another authority finds nothing; once met it takes no more notes', async () => {
    const other = new Browserless(s.base)
    await other.signIn(s.users.otherOfficer.email)
    const res = await other.post(`/la/recommendations/${a.id}/${recId()}`, { note: 'Ours now.' })
    expect(res.status).toBe(404)
    await recordRecommendationUpdate(s.ctx, actorOf(s.users.qa), s.users.qa.name, a.id, recId(), { status: 'met' })
    const b = new Browserless(s.base)
    await b.signIn(s.users.officer.email)
    const met = await (await b.fetch('/la?status=met')).text()
    const card = met.slice(met.indexOf('data-qa="la-recommendation"'))
    expect(card).toContain('data-qa="recommendation-status">Met<')
    expect(card).not.toContain(`action="/la/recommendations/${a.id}/`)
  })
})

describe('recommendations on the authority page', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('lists every report’s recommendations with their status, filterable; notes only for staff and the authority', async () => {
    const first = await ratingAt(s.ctx, 'E09000020', 'published')
    const second = await ratingAt(s.ctx, 'E09000020', 'published')
    const rid = first.recommendations[0]?.id ?? ''
    await recordRecommendationUpdate(s.ctx, actorOf(s.users.officer), s.users.officer.name, first.id, rid, {
      status: 'in-progress',
      note: 'Our private working note.',
    })
    const html = await (await fetch(`${s.base}/authorities/E09000020`)).text()
    expect(html).toContain(`href="/assessments/${first.id}"`)
    expect(html).toContain(`href="/assessments/${second.id}"`)
    const table = /data-qa="authority-recommendations"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
    expect(table.match(/data-qa="recommendation-status"/g)).toHaveLength(2)
    expect(table).toContain('>In progress<')
    expect(html).not.toContain('Our private working note.')
    const filtered = await (await fetch(`${s.base}/authorities/E09000020?status=in-progress`)).text()
    const rows = /data-qa="authority-recommendations"[\s\S]*?<\/table>/.exec(filtered)?.[0] ?? ''
    expect(rows.match(/data-qa="recommendation-status"/g)).toHaveLength(1)
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    expect(await (await b.fetch('/authorities/E09000020')).text()).toContain('Our private working note.')
    const api = (await (
      await fetch(`${s.base}/api/v1/authorities/E09000020/recommendations?status=in-progress`)
    ).json()) as {
      items: { status: string; history: { note: string | null }[] }[]
    }
    expect(api.items.map(i => [i.status, i.history.map(u => u.note)])).toEqual([['in-progress', [null]]])
  })
})

describe('staff confirm on the authority page', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('an inspector confirms a recommendation met; an empty change comes back with the error summary', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'published')
    const rid = a.recommendations[0]?.id ?? ''
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    expect(await (await b.fetch('/authorities/E09000020')).text()).toContain('data-qa="confirm-form"')
    expect(await (await fetch(`${s.base}/authorities/E09000020`)).text()).not.toContain('data-qa="confirm-form"')
    const bad = await b.post(`/authorities/E09000020/recommendations/${a.id}/${rid}`, { status: 'open', note: '' })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('<title>Error: ')
    expect(html).toContain(`href="#confirm-status-${a.id}-${rid}"`)
    const ok = await b.post(`/authorities/E09000020/recommendations/${a.id}/${rid}`, { status: 'met', note: 'Seen.' })
    expect(ok.status).toBe(303)
    expect(await s.store.recommendationUpdates.status(a.id, rid)).toBe('met')
    // Not this authority's recommendation: not found.
    const elsewhere = await b.post(`/authorities/E09000007/recommendations/${a.id}/${rid}`, {
      status: 'open',
      note: 'x',
    })
    expect(elsewhere.status).toBe(404)
  })
})

describe('recommendations linked to the later report that speaks to them', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('staff link one on the authority page; both reports show it, on the authority page, /la and the later report', async () => {
    const earlier = await publishedApa(s.ctx)
    const later = await ratingAt(s.ctx, 'E09000020', 'published')
    const rid = earlier.recommendations[0]?.id ?? ''
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    const page = await (await b.fetch('/authorities/E09000020')).text()
    // The later report is offered for the earlier one's recommendation, never linked by itself.
    expect(page).toContain(`id="confirm-later-${earlier.id}-${rid}"`)
    expect(page).toContain(`<option value="${later.id}">`)
    expect(page).not.toContain(`id="confirm-later-${later.id}-`)
    expect(page).not.toContain('data-qa="followed-up-in"')
    expect(await (await fetch(`${s.base}/authorities/E09000020`)).text()).not.toContain('laterAssessmentId')
    // Linking a report to itself is refused in words, and nothing is stored.
    const bad = await b.post(`/authorities/E09000020/recommendations/${earlier.id}/${rid}`, {
      status: 'met',
      note: 'x',
      laterAssessmentId: earlier.id,
    })
    expect(bad.status).toBe(400)
    const refused = await bad.text()
    expect(refused).toContain('Choose a later published report of this authority that speaks to it')
    expect(refused).toContain(`href="#confirm-later-${earlier.id}-${rid}"`)
    expect(await s.store.recommendationUpdates.history(earlier.id, rid)).toEqual([])
    const ok = await b.post(`/authorities/E09000020/recommendations/${earlier.id}/${rid}`, {
      status: 'met',
      note: 'The 2009 rating finds it done.',
      laterAssessmentId: later.id,
    })
    expect(ok.status).toBe(303)
    const [u] = await s.store.recommendationUpdates.history(earlier.id, rid)
    expect([u?.status, u?.laterAssessmentId]).toEqual(['met', later.id])
    const pub = await (await fetch(`${s.base}/authorities/E09000020`)).text()
    const followed = /data-qa="followed-up-in">[^<]*<a class="govuk-link" href="([^"]+)">/.exec(pub)
    expect(followed?.[1]).toBe(`/assessments/${later.id}`)
    expect(pub).toContain('follows up 1 recommendation of earlier reports')
    const report = await (await fetch(`${s.base}/assessments/${later.id}`)).text()
    expect(report).toContain('This report follows up 1 recommendation of earlier reports')
    expect(await (await fetch(`${s.base}/assessments/${earlier.id}`)).text()).not.toContain('data-qa="follows-up"')
    const la = new Browserless(s.base)
    await la.signIn(s.users.officer.email)
    const home = await (await la.fetch('/la')).text()
    expect(home).toContain(
      `data-qa="followed-up-in"><a class="govuk-link govuk-!-display-block" href="/assessments/${later.id}">`,
    )
    expect(home).toContain('This report follows up 1 recommendation of earlier reports')
  })

  it('the API takes the link as an update and lists it, with the candidates of each open recommendation', async () => {
    const earlier = await publishedApa(s.ctx)
    const later = await ratingAt(s.ctx, 'E09000007', 'published')
    const rid = earlier.recommendations[0]?.id ?? ''
    const h = { authorization: `Bearer ${await tokenFor(s, s.users.qa)}`, 'content-type': 'application/json' }
    const url = `${s.base}/api/v1/assessments/${earlier.id}/recommendations/${rid}/updates`
    // Another authority's report is not a later report of this one.
    const refused = await fetch(url, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ status: 'met', note: 'x', laterAssessmentId: later.id }),
    })
    expect(refused.status).toBe(400)
    const bad = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ laterAssessmentId: 'nope' }) })
    expect(bad.status).toBe(400)
    const list = await readJson(fetch(`${s.base}/api/v1/authorities/E09000020/recommendations`))
    const mine = list.items.find((i: { assessmentId: string }) => i.assessmentId === earlier.id)
    expect(mine.followedUpIn).toEqual([])
    const closer = await ratingAt(s.ctx, 'E09000020', 'published')
    const again = await readJson(fetch(`${s.base}/api/v1/authorities/E09000020/recommendations`))
    const candidates = again.items.find((i: { assessmentId: string }) => i.assessmentId === earlier.id).candidates
    expect(candidates).toContain(closer.id)
    const linked = await fetch(url, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ status: 'not-met', note: 'Still late.', laterAssessmentId: closer.id }),
    })
    expect(linked.status).toBe(201)
    expect(((await linked.json()) as { laterAssessmentId: string }).laterAssessmentId).toBe(closer.id)
    const after = await readJson(fetch(`${s.base}/api/v1/authorities/E09000020/recommendations?status=not-met`))
    expect(after.items.map((i: { followedUpIn: string[] }) => i.followedUpIn)).toEqual([[closer.id]])
  })
})

describe('progress carried to a correction', () => {
  let s: RunningService

  beforeAll(async () => {
    s = await startService()
  })
  afterAll(async () => s.close())

  it('shows the replaced edition’s progress with the published correction, saying so', async () => {
    const p = await publishedApa(s.ctx)
    const rid = p.recommendations[0]?.id ?? ''
    await recordRecommendationUpdate(s.ctx, actorOf(s.users.officer), s.users.officer.name, p.id, rid, {
      status: 'in-progress',
      note: 'Joint reviews began in May.',
    })
    let c = await startCorrection(s.ctx, qa, p.id)
    c = await moveAssessment(s.ctx, qa, c.id, c.version, 'quality-assurance')
    c = await moveAssessment(s.ctx, qa, c.id, c.version, 'factual-accuracy-check')
    c = await moveAssessment(s.ctx, { id: 'qa-2', role: 'quality-assurer' }, c.id, c.version, 'published')
    const pub = await (await fetch(`${s.base}/authorities/E09000020`)).text()
    const table = /data-qa="authority-recommendations"[\s\S]*?<\/table>/.exec(pub)?.[0] ?? ''
    expect(table).toContain(`href="/assessments/${c.id}"`)
    expect(table).not.toContain(`href="/assessments/${p.id}"`)
    expect(table).toContain('Recorded on edition 1, which this correction replaces: In progress')
    expect(table).toContain('data-qa="recommendation-status">In progress<')
    expect(table).not.toContain('Joint reviews began in May.')
    const la = new Browserless(s.base)
    await la.signIn(s.users.officer.email)
    const home = await (await la.fetch('/la')).text()
    expect(home).toContain('Progress recorded on the edition this correction replaces')
    expect(home).toContain('Joint reviews began in May.')
    expect(await s.store.recommendationUpdates.forAssessments([c.id])).toEqual([])
  })
})
