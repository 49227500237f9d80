import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspector } from '../../../../../test/domain/support.js'
import { summaryLinks } from '../../../../../test/support/error-summary.js'
import { Browserless, type RunningService, readJson, startService, tokenFor } from '../../../../../test/support/web.js'
import { createAssessment, recordJudgement } from '../../../../app/assessments.js'
import { type Assessment, getFramework } from '../../../../domain/index.js'

/** The evidence pages, the API and the council's self-assessment form. */
describe('the inspection’s evidence on the web and the API', () => {
  let s: RunningService
  let a: Assessment
  let b: Browserless

  beforeAll(async () => {
    s = await startService()
    a = await createAssessment(s.ctx, inspector, {
      frameworkId: 'slac-2012',
      authorityCode: 'E09000020',
      dates: { inspectionStart: '2012-04-10', inspectionEnd: '2012-04-20', published: '2012-05-29' },
    })
    // Every required grade, so that the draft can be printed.
    for (const area of getFramework('slac-2012').areas.filter(x => x.required))
      a = await recordJudgement(s.ctx, inspector, a.id, a.version, { areaId: area.id, grade: 2 })
    b = new Browserless(s.base)
    await b.signIn(s.users.inspector.email)
  })
  afterAll(async () => s.close())

  const postForm = (path: string, fields: Record<string, string>, file?: { name: string; text: string }) => {
    const body = new FormData()
    for (const [k, v] of Object.entries(fields)) body.set(k, v)
    if (file) body.set('file', new Blob([file.text], { type: 'text/plain' }), file.name)
    body.append('_csrf', b.csrf)
    return b.fetch(path, { method: 'POST', body })
  }

  it('records a case audit with a file, shows it, links it, and the rules panel stops advising', async () => {
    const work = await (await b.fetch(`/staff/assessments/${a.id}`)).text()
    expect(work).toContain('data-qa="evidence-log-link"')
    expect(work).toContain('Safeguarding services: Overall effectiveness is graded but rests on no evidence')
    expect(work).toContain(
      'Services for looked after children: Overall effectiveness is graded but rests on no evidence',
    )
    const editor = await (await b.fetch(`/staff/assessments/${a.id}/areas/safeguarding.overall-effectiveness`)).text()
    expect(editor).toContain(`/staff/assessments/${a.id}/evidence?area=safeguarding.overall-effectiveness`)

    const form = await (await b.fetch(`/staff/assessments/${a.id}/evidence/new?kind=case-audit`)).text()
    expect(form).toContain('Management oversight')
    expect(form).toContain('Never the child’s name')
    const res = await postForm(
      `/staff/assessments/${a.id}/evidence`,
      {
        kind: 'case-audit',
        title: 'Case file 4471',
        caseReference: 'CF-4471',
        'finding:planning': 'good',
        notes: 'Plan reviewed.',
      },
      { name: 'audit.txt', text: 'audit notes' },
    )
    expect(res.status).toBe(303)
    const itemPath = res.headers.get('location')?.replace(/\?.*$/, '') as string
    const item = await (await b.fetch(itemPath)).text()
    expect(item).toContain('CF-4471')
    expect(item).toContain(createHash('sha256').update('audit notes').digest('hex'))
    const download = /href="([^"]+\/files\/[^"]+)"/.exec(item)?.[1] as string
    expect(await (await b.fetch(download)).text()).toBe('audit notes')

    expect((await b.post(`${itemPath}/links`, { 'area:safeguarding.overall-effectiveness': 'yes' })).status).toBe(303)
    expect(await (await b.fetch(itemPath)).text()).toMatch(
      /data-qa="informs">Safeguarding services: Overall effectiveness</,
    )
    const after = await (await b.fetch(`/staff/assessments/${a.id}`)).text()
    expect(after).not.toContain('Safeguarding services: Overall effectiveness is graded but rests on no evidence')
    expect(after).toContain(
      'Services for looked after children: Overall effectiveness is graded but rests on no evidence',
    )

    const log = await (await b.fetch(`/staff/assessments/${a.id}/evidence?kind=case-audit`)).text()
    expect(log).toContain('data-qa="evidence-summary">1 case file<')
    expect(log).toContain('Case file 4471')
    const none = await (await b.fetch(`/staff/assessments/${a.id}/evidence?kind=meeting`)).text()
    expect(none).toContain('No evidence matches.')
    expect((await b.fetch(`/staff/assessments/${a.id}/evidence?kind=gossip`)).status).toBe(400)
  })

  it('gives a name as a case reference back with the error summary, and stores nothing', async () => {
    const before = (await s.store.evidence.forAssessment(a.id)).length
    const res = await postForm(`/staff/assessments/${a.id}/evidence`, {
      kind: 'case-audit',
      title: 'Case file',
      caseReference: 'Jane Smith',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('<title>Error: ')
    expect(html).toContain('href="#caseReference"')
    expect(html).toContain('never a child’s name')
    expect((await s.store.evidence.forAssessment(a.id)).length).toBe(before)
  })

  it('lists every problem of the form at once, in the order of its fields, each linking to its field', async () => {
    const before = (await s.store.evidence.forAssessment(a.id)).length
    const meeting = await postForm(`/staff/assessments/${a.id}/evidence`, {
      kind: 'meeting',
      title: ' ',
      participants: 'Team manager: 4\nSeveral social workers',
    })
    expect(meeting.status).toBe(400)
    const html = await meeting.text()
    expect(summaryLinks(html)).toEqual([
      ['#title', 'Enter a short description of the evidence, like “Case file 4471”'],
      [
        '#participants',
        'Enter each participant as a role and how many, like “Social worker: 4” (not “Several social workers”)',
      ],
    ])
    // Each message stands beside its field too, and what was typed is kept.
    expect(html).toMatch(/id="participants-error"[\s\S]*Several social workers/)
    const audit = await postForm(`/staff/assessments/${a.id}/evidence`, {
      kind: 'case-audit',
      title: '',
      caseReference: 'Jane Smith',
    })
    expect(summaryLinks(await audit.text()).map(([href]) => href)).toEqual(['#title', '#caseReference'])
    const survey = await postForm(`/staff/assessments/${a.id}/evidence`, {
      kind: 'survey',
      title: 'Staff survey',
      respondents: 'many',
    })
    expect(summaryLinks(await survey.text())).toEqual([
      ['#respondents', 'How many responded must be a whole number, like 12'],
    ])
    // Beyond what is kept: said in words, never the schema's own message.
    const long = await postForm(`/staff/assessments/${a.id}/evidence`, {
      kind: 'survey',
      title: 'Staff survey',
      respondents: '2000000',
      notes: 'x'.repeat(20_001),
    })
    expect(summaryLinks(await long.text())).toEqual([
      ['#respondents', 'How many responded must be 1,000,000 or fewer'],
      ['#notes', 'What it showed must be 20,000 characters or fewer'],
    ])
    expect((await s.store.evidence.forAssessment(a.id)).length).toBe(before)
  })

  it('offers the summary to About this inspection, which the drafted report then prints', async () => {
    const log = await (await b.fetch(`/staff/assessments/${a.id}/evidence`)).text()
    const version = /name="version" value="(\d+)"/.exec(log)?.[1] as string
    expect(log).toContain('data-qa="about-offer"')
    expect((await b.post(`/staff/assessments/${a.id}/evidence/about`, { version })).status).toBe(303)
    const report = await (await b.fetch(`/assessments/${a.id}/report.txt`)).text()
    expect(report).toContain('Inspectors drew on 1 case file.')
    expect(await (await b.fetch(`/staff/assessments/${a.id}/evidence`)).text()).toContain('already says so')
  })

  it('serves the same through the API, described in the OpenAPI document', async () => {
    const token = await tokenFor(s, s.users.qa)
    const h = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const created = await fetch(`${s.base}/api/v1/assessments/${a.id}/evidence`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({
        kind: 'meeting',
        title: 'Team managers',
        participants: [{ role: 'Team manager', count: 4 }],
      }),
    })
    expect(created.status).toBe(201)
    const meeting = await readJson(created)
    const linked = await fetch(`${s.base}/api/v1/assessments/${a.id}/evidence/${meeting.id}/links`, {
      method: 'PUT',
      headers: h,
      body: JSON.stringify({ areaIds: ['safeguarding.safe-and-feel-safe'] }),
    })
    expect((await readJson(linked)).areaIds).toEqual(['safeguarding.safe-and-feel-safe'])
    const file = await fetch(`${s.base}/api/v1/assessments/${a.id}/evidence/${meeting.id}/files?fileName=minutes.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'minutes',
    })
    expect(file.status).toBe(201)
    expect((await readJson(file)).files[0]).toMatchObject({ fileName: 'minutes.txt', bytes: 7 })
    const log = await readJson(fetch(`${s.base}/api/v1/assessments/${a.id}/evidence?kind=meeting`, { headers: h }))
    expect([log.summary, log.items.length]).toEqual(['1 case file and 1 meeting or interview', 1])
    const bad = await fetch(`${s.base}/api/v1/assessments/${a.id}/evidence`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ kind: 'case-audit', title: 'x', caseReference: 'Jane Smith' }),
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('never a child’s name')
    const doc = await readJson(fetch(`${s.base}/api/openapi.json`))
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/assessments/{id}/evidence',
        '/api/v1/assessments/{id}/evidence/{evidenceId}/links',
        '/api/v1/authorities/{code}/self-assessments/{frameworkId}/{year}',
      ]),
    )
  })

  it('takes the council’s self-assessment from its officer, and the inspectors see it beside their grades', async () => {
    const officer = new Browserless(s.base)
    await officer.signIn(s.users.officer.email)
    expect(await (await officer.fetch('/la')).text()).toContain('href="/la/self-assessment"')
    const year = '2012'
    const page = await (await officer.fetch(`/la/self-assessment?framework=slac-2012&year=${year}`)).text()
    expect(page).toContain('Safeguarding services: Overall effectiveness')
    const res = await officer.post('/la/self-assessment', {
      framework: 'slac-2012',
      year,
      'grade:safeguarding.overall-effectiveness': '1',
      'narrative:safeguarding.overall-effectiveness': 'We judge ourselves outstanding.',
    })
    expect(res.status).toBe(303)
    // Every grade not of the list is named, each on its own field; nothing is stored.
    const f = getFramework('slac-2012')
    const graded = f.areas.filter(x => x.grade !== 'none')
    const last = graded.length
    const bad = await officer.post('/la/self-assessment', {
      framework: 'slac-2012',
      year,
      [`grade:${graded[0]?.id}`]: 'best',
      [`grade:${graded[last - 1]?.id}`]: '2x',
    })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(summaryLinks(badHtml)).toEqual([
      ['#grade-1', 'Select a grade for Safeguarding services: Overall effectiveness from the list'],
      [`#grade-${last}`, expect.stringMatching(/^Select a grade for .+ from the list$/)],
    ])
    expect(badHtml).toContain('id="grade-1-error"')
    const tooLong = await officer.post('/la/self-assessment', {
      framework: 'slac-2012',
      year,
      [`narrative:${graded[0]?.id}`]: 'x'.repeat(20_001),
    })
    expect(tooLong.status).toBe(400)
    expect(summaryLinks(await tooLong.text())).toEqual([
      [
        '#narrative-1',
        'Your narrative for Safeguarding services: Overall effectiveness must be 20,000 characters or fewer',
      ],
    ])
    const wrongYear = await officer.fetch('/la/self-assessment?framework=slac-2012&year=twelve')
    expect(wrongYear.status).toBe(400)
    expect(summaryLinks(await wrongYear.text())).toEqual([['#year', 'Year must be a real year, like 2019']])
    const log = await (await b.fetch(`/staff/assessments/${a.id}/evidence`)).text()
    expect(log).toContain('Inspectors grade it lower')
    expect(log).toContain('We judge ourselves outstanding.')
    // Through the API: the officer of another council and the public find nothing.
    const path = `/api/v1/authorities/E09000020/self-assessments/slac-2012/${year}`
    const other = await tokenFor(s, s.users.otherOfficer)
    expect((await fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404)
    expect((await fetch(`${s.base}${path}`)).status).toBe(404)
  })
})
