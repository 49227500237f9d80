import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordRecommendationUpdate } from '../../src/app/recommendations.js'
import { type Assessment, actorOf } from '../../src/domain/index.js'
import { Browserless, type RunningService, ratingAt, startService } from '../support/web.js'

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
