import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browserless, type RunningService, ratingAt, readJson, startService } from '../../../../../test/support/web.js'
import { importData } from '../../../../app/data-import.js'
import { generateSynthetic, SYNTHETIC_ORDER } from '../../../../app/synthetic.js'
import { createToken } from '../../../../app/users.js'
import { actorOf } from '../../../../domain/index.js'

const admin = { id: 'test-admin', role: 'administrator' } as const
const NEIGHBOURS = `la_code_new,stat_neighbours_la_code
E09000020,"E09000007, E09000033, E09000019, E09000013, E09000032, E09000022, E09000027, E09000028, E09000012, E09000001"
`

describe('the performance profile on the web', () => {
  let s: RunningService
  let adminToken: string
  let generated: ReturnType<typeof generateSynthetic>
  beforeAll(async () => {
    s = await startService()
    await importData(s.ctx, admin, 'neighbours', NEIGHBOURS, { fileName: 'neighbours.csv' })
    generated = generateSynthetic({ years: [2009], indicators: 50, settings: 3000, seed: 3 })
    for (const kind of SYNTHETIC_ORDER)
      await importData(s.ctx, admin, kind, generated[kind], { fileName: `${kind}.csv` })
    adminToken = (await createToken(s.ctx, actorOf(s.users.admin), { name: 'loader' })).token
  })
  afterAll(async () => s.close())

  it('shows an authority’s profile against similar areas and England, and says the data is synthetic', async () => {
    const html = await (await fetch(`${s.base}/authorities/E09000020/profile?year=2009`)).text()
    expect(html).toContain('data-qa="synthetic"')
    expect(html).toContain('similar areas (statistical neighbours)')
    expect(html).toContain('data-qa="settings-table"')
    expect(html).toMatch(/NI 59 <span class="govuk-body-s">Initial assessments/)
    // Each comparison says where the value lies and whether that is better or worse.
    expect(html).toMatch(
      /NI 70 <span class="govuk-body-s">Hospital admissions[^<]*admissions per 10,000[^<]*<\/span><\/th>(<td[^>]*>[^<]*<\/td>){4}<td class="govuk-table__cell">(well above, much worse|above, worse|in line|below, better|well below, much better)<\/td>/,
    )
    expect(html).not.toMatch(/<td class="govuk-table__cell">(well above|above|below|well below)<\/td>/)
    expect(html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(3)
    const api = await readJson(fetch(`${s.base}/api/v1/authorities/E09000020/profile?year=2009`))
    expect(api.synthetic).toBe(true)
    expect(api.neighbours).toHaveLength(10)
    const ni59 = api.indicators.find((c: { indicator: { code: string } }) => c.indicator.code === 'NI 59')
    expect(ni59.neighboursWithValue).toBe(10)
  })

  it('says so when no data is held for a year, rather than showing anything', async () => {
    const html = await (await fetch(`${s.base}/authorities/E09000020/profile?year=2011`)).text()
    expect(html).toContain('No profile data is held for 2011')
  })

  it('imports a file through the API, and refuses a bad one with every bad line named', async () => {
    const bad = `authority_code,indicator,period,value\nE09000020,NI 59,2008-09,80\nE09000020,NI 59,2008-09,81\nE0900,NI 59,2008-09,80\n`
    const refused = await fetch(`${s.base}/api/v1/data/indicators?fileName=bad.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
      body: bad,
    })
    expect(refused.status).toBe(422)
    expect((await readJson(refused)).errors).toEqual([
      'line 3: the same entry as line 2 (NI 59 2009 E09000020)',
      'line 4: unknown authority GSS code "E0900" (England\'s figure uses E92000001)',
    ])
    const before = await s.store.profile.indicatorValues(2009)
    expect(before.values.find(v => v.authorityCode === 'E09000020' && v.code === 'NI 59')?.value).not.toBe(80)
    const ok = await fetch(`${s.base}/api/v1/data/unannounced?fileName=ucra.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
      body: 'authority_code,date,areas_for_priority_action\nE09000020,2009-07-14,1\n',
    })
    expect(ok.status).toBe(200)
    // It replaces the synthetic inspections of Kensington and Chelsea's year, if any were generated.
    const held = generated.unannounced.split('\n').filter(l => l.startsWith('E09000020,')).length
    expect(await readJson(ok)).toMatchObject({ imported: 1, replaced: held })
  })

  it('lets an inspector work out the rating, see each rule that moved it, and draft the narrative', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
    const a = await ratingAt(s.ctx, 'E09000020', 'draft')
    await b.tokenFrom(`/staff/assessments/${a.id}/rating`)
    expect((await b.post(`/staff/assessments/${a.id}/rating/suggest`, { version: String(a.version) })).status).toBe(303)
    const page = await (await b.fetch(`/staff/assessments/${a.id}/rating`)).text()
    expect(page).toContain('data-qa="steps"')
    expect(page).toContain('SYNTHETIC DATA: the profile behind this suggestion is generated test data.')
    // The unannounced inspection imported above, with one area for priority action, moves the rating down a grade.
    expect(page).toMatch(/Unannounced inspection with areas for priority action <strong[^>]*>Moved the suggestion/)
    expect(page).toContain(
      '1 area for priority action in unannounced inspections: the starting point goes down 1 grade, before any limit.',
    )
    // The rating is the inspector's judgement; the weakest-block start is shown as the hypothesis it is.
    expect(page).toContain('data-qa="rating-note">The rating is the inspector&#39;s holistic judgement.')
    expect(page).toMatch(
      /Starting point: the weakest block <strong[^>]*>Moved the suggestion<\/strong><\/th><td[^>]*>[^<]*<\/td><td[^>]*>[^<]*<\/td><td[^>]*>hypothesis/,
    )
    expect(page).not.toMatch(/\d+% suggests/)
    const stored = await s.store.assessments.get(a.id)
    expect(stored.ratingSuggestion?.steps.find(x => x.rule === 'csa-r1-unannounced')?.moved).toBe(true)
    await b.tokenFrom(`/staff/assessments/${a.id}/rating`)
    expect((await b.post(`/staff/assessments/${a.id}/rating/draft`, { version: String(stored.version) })).status).toBe(
      303,
    )
    const drafted = await s.store.assessments.get(a.id)
    expect(drafted.judgements[0]?.narrative).toMatch(/^Children's services in Kensington and Chelsea perform well\./)
    const letter = await (await b.fetch(`/assessments/${a.id}/report.txt`)).text()
    expect(letter).toContain("Children's services in Kensington and Chelsea perform well.")
  })

  it('shows which authorities change when a rule is switched off', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.qa.email)
    const html = await (await b.fetch('/staff/what-if?data=2009&rules=2009&without=csa-r1-unannounced')).text()
    expect(html).toMatch(/data-qa="what-if-count">\d+ of \d+ suggested ratings change/)
    const api = await readJson(b.fetch('/api/v1/profiles/what-if?data=2009&rules=2009&without=csa-r1-unannounced'))
    expect(api.rows.map((r: { authorityCode: string }) => r.authorityCode)).toContain('E09000020')
    const bad = await b.fetch('/staff/what-if?data=2009&rules=2009&without=no-such-rule')
    expect(bad.status).toBe(400)
    const badApi = await b.fetch('/api/v1/profiles/what-if?data=2009&rules=2009&without=no-such-rule')
    expect(badApi.status).toBe(400)
    expect((await readJson(badApi)).detail).toContain('have no rule "no-such-rule"')
  })

  it('takes a data file through the upload page, listing bad lines', async () => {
    const b = new Browserless(s.base)
    await b.signIn(s.users.admin.email)
    const token = await b.tokenFrom('/admin/data')
    const form = new FormData()
    form.set('kind', 'settings')
    form.set(
      'file',
      new Blob([
        'urn,setting_type,name,authority_code,year,inspection_date,overall_effectiveness\nX1,castle,Keep,E09000020,2009,2009-01-01,2\n',
      ]),
      'settings.csv',
    )
    form.append('_csrf', token)
    const res = await b.fetch(`/admin/data`, { method: 'POST', body: form })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Nothing was imported: 1 of the 1 rows are bad.')
    expect(html).toContain('line 2: unknown setting type &quot;castle&quot;')
  })
})
