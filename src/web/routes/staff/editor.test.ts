import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Browserless,
  type RunningService,
  ratingAt,
  readJson,
  startService,
  tokenFor,
} from '../../../../test/support/web.js'
import { createAssessment, moveAssessment } from '../../../app/assessments.js'
import { type Actor, getFramework } from '../../../domain/index.js'
import { blockingLines, descriptorOf, gradeItems, rulesPanel } from './editor.js'

/** The error summary's links, in order: "#letter-day The date of the letter must be a real date". */
const summaryLinks = (html: string) =>
  [
    ...(html.match(/<div class="govuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/)?.[0] ?? '').matchAll(
      /<a href="([^"]+)">([^<]+)<\/a>/g,
    ),
  ].map(m => `${m[1]} ${m[2]}`)

describe('the inspector’s editor and the staff forms, as GOV.UK services work', () => {
  let s: RunningService
  let inspector: Browserless
  let qa: Browserless
  beforeAll(async () => {
    s = await startService()
    inspector = new Browserless(s.base)
    await inspector.signIn(s.users.inspector.email)
    qa = new Browserless(s.base)
    await qa.signIn(s.users.qa.email)
  })
  afterAll(async () => s.close())

  const actor = (): Actor => ({ id: s.users.inspector.id, role: 'inspector' })
  const draft = (frameworkId: string) => createAssessment(s.ctx, actor(), { frameworkId, authorityCode: 'E09000020' })

  it('shows on the work page each grade before and after it changed, in words', async () => {
    const a = await draft('slac-2012')
    const area = getFramework('slac-2012').areas[0]?.id as string
    await inspector.post(`/staff/assessments/${a.id}/areas/${area}`, { version: '1', grade: '3' })
    await inspector.post(`/staff/assessments/${a.id}/areas/${area}`, { version: '2', grade: '2' })
    const work = await (await inspector.fetch(`/staff/assessments/${a.id}`)).text()
    const changes = work.match(/data-qa="audit-changes"[\s\S]*?<\/ul>/g) ?? []
    expect(changes.join(' ')).toMatch(
      /Grade for Safeguarding services, Overall effectiveness: 3 \(Adequate\) → 2 \(Good\)/,
    )
  })

  it('offers each grade with its descriptor, and "Save and continue" goes from area to area', async () => {
    const a = await draft('slac-2012')
    const f = getFramework('slac-2012')
    const first = f.areas[0]?.id as string
    const second = f.areas[1]?.id as string
    const page = await (await inspector.fetch(`/staff/assessments/${a.id}/areas/${first}`)).text()
    expect(page).toContain('Area 1 of 22')
    // The 2012 scale's key, printed under every judgement of the report, is each grade's hint.
    expect(page).toMatch(
      /1: Outstanding\s*<\/label>\s*<div[^>]*class="govuk-hint govuk-radios__hint"[^>]*>\s*A service that significantly exceeds minimum requirements/,
    )
    expect(page).toContain('A service that does not meet minimum requirements')
    expect(page).toContain('Save and continue')

    const saved = await inspector.post(`/staff/assessments/${a.id}/areas/${first}`, { version: '1', grade: '2' })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/staff/assessments/${a.id}/areas/${second}?saved=${first}`)
    const next = await (await inspector.fetch(saved.headers.get('location') as string)).text()
    expect(next).toContain('Area 2 of 22')
    expect(next).toContain('The judgement on Safeguarding services: Overall effectiveness has been saved.')

    const back = await inspector.post(`/staff/assessments/${a.id}/areas/${second}`, {
      version: '2',
      grade: '3',
      afterSaving: 'return',
    })
    expect(back.headers.get('location')).toBe(`/staff/assessments/${a.id}?done=judgement#judgements`)
    const last = f.areas.at(-1)?.id as string
    const end = await inspector.post(`/staff/assessments/${a.id}/areas/${last}`, { version: '3', grade: '2' })
    expect(end.headers.get('location')).toBe(`/staff/assessments/${a.id}?done=judgement#judgements`)
    expect((await s.store.assessments.get(a.id)).judgements.map(j => j.grade)).toEqual([2, 3, 2])
    // The work page starts grading in turn at the first area still without a grade.
    const work = await (await inspector.fetch(`/staff/assessments/${a.id}`)).text()
    expect(work).toMatch(
      new RegExp(`href="/staff/assessments/${a.id}/areas/${f.areas[2]?.id}"[^>]*data-qa="grade-in-turn"`),
    )
  })

  it('names the descriptor of an area’s own set, and none where the framework has none', () => {
    const apa = getFramework('apa-2006')
    const capacity = apa.areas.find(x => x.id === 'capacity-to-improve')
    const good = apa.scale.points.find(p => p.value === 3)
    if (!capacity || !good) throw new Error('the 2006 framework has changed')
    expect(descriptorOf(apa, capacity, good)).toBe('Good')
    // Where it only repeats the grade's word, the radio has no hint.
    expect(gradeItems(apa, capacity, '')[1]).toEqual({ value: '3', text: '3: Good', checked: false })
    const service = apa.areas.find(x => x.id === 'childrens-services') as typeof capacity
    expect(gradeItems(apa, service, '3')[1]).toMatchObject({
      hint: { text: 'A service that consistently delivers above minimum requirements for users' },
      checked: true,
    })
    const ilacs = getFramework('ilacs-2018')
    expect(descriptorOf(ilacs, ilacs.areas[0] as never, ilacs.scale.points[0] as never)).toBeNull()
  })

  it('a form that lost its version is refused in words, never with a validator’s message', async () => {
    const a = await draft('rating-2009')
    const res = await inspector.post(`/staff/assessments/${a.id}/areas/childrens-services-rating`, { grade: '2' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('The form did not say which version you changed')
    expect(html).not.toMatch(/Invalid input|expected (number|string)/)
  })

  it('shows a new draft’s rules panel in words: the areas still to grade as one line, no ids or section numbers', async () => {
    const a = await draft('slac-2012')
    const html = await (await inspector.fetch(`/staff/assessments/${a.id}`)).text()
    const panel = html.match(/<ul class="govuk-list" data-qa="findings">[\s\S]*?<\/ul>/)?.[0] ?? ''
    expect(panel).toContain('22 areas have no grade yet.')
    expect(panel.match(/Must be resolved/g)).toHaveLength(1)
    expect(html).not.toContain('slac-2012')
    expect(html).not.toMatch(/§|Domain reference|\(rule |hypothesis/)

    // A move refused for it says the same, once.
    const sent = await moveAssessment(s.ctx, actor(), a.id, a.version, 'quality-assurance')
    const moved = await qa.post(`/staff/assessments/${a.id}/move`, {
      version: String(sent.version),
      to: 'factual-accuracy-check',
    })
    expect(moved.status).toBe(400)
    const refused = await moved.text()
    expect(summaryLinks(refused)).toEqual([
      '#rules 22 areas have no grade yet. The framework requires each of them before the report goes to the authority: the table above shows which.',
    ])
  })

  it('keeps notes that need nothing apart from what needs a person, and says a stated rule’s source in words', () => {
    const f = getFramework('sif-2013')
    const base = { areaId: 'overall-effectiveness', source: 'Domain reference §10', kind: 'limit' as const }
    const panel = rulesPanel(f, [
      { ...base, rule: 'a', severity: 'info', status: 'house', message: 'It agrees.', blocking: false },
      { ...base, rule: 'b', severity: 'warning', status: 'stated', message: 'It is above the limit.', blocking: true },
      {
        ...base,
        rule: 'required-grade',
        kind: 'missing',
        severity: 'warning',
        status: 'house',
        message: 'x',
        blocking: true,
      },
    ])
    expect(panel).toEqual({
      act: [
        {
          blocking: true,
          text: 'Overall effectiveness has no grade yet. The framework requires one before the report goes to the authority.',
        },
        { blocking: true, text: 'It is above the limit. Ofsted’s 2013 framework says so.' },
      ],
      notes: ['It agrees.'],
    })
    expect(blockingLines(f, [])).toEqual([])
  })

  it('takes each date in three boxes, and lists every problem in the form’s order, each at its box', async () => {
    const a = await draft('slac-2012')
    const form = await (await inspector.fetch(`/staff/assessments/${a.id}/details`)).text()
    for (const id of ['published-day', 'published-month', 'published-year', 'inspectionEnd-day'])
      expect(form).toContain(`id="${id}"`)
    expect(form).not.toContain('YYYY-MM-DD')

    const bad = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      'published-day': '1',
      'published-month': '1',
      'published-year': '2031',
      'inspectionStart-day': '14',
      'inspectionStart-month': '5',
      'inspectionStart-year': '2012',
      'inspectionEnd-day': '11',
      'inspectionEnd-month': '5',
      'inspectionEnd-year': '',
      'periodStart-day': '30',
      'periodStart-month': '2',
      'periodStart-year': '2011',
      summary: 'x'.repeat(100_001),
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(summaryLinks(html)).toEqual([
      '#published-day The date of publication must be today or in the past',
      '#inspectionEnd-year The date the inspection ended must include a year',
      '#periodStart-day The start of the period assessed must be a real date',
      '#summary The summary must be 100,000 characters or fewer',
    ])
    // The boxes keep what was typed; the wrong box is marked.
    expect(html).toMatch(/id="inspectionEnd-year" name="inspectionEnd-year"[^>]*>/)
    expect(html).toMatch(
      /class="govuk-input govuk-date-input__input govuk-input--width-4 govuk-input--error" id="inspectionEnd-year"/,
    )
    expect(html).toMatch(/id="inspectionStart-day" name="inspectionStart-day" type="text" value="14"/)
    expect((await s.store.assessments.get(a.id)).version).toBe(1)

    const backwards = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      'inspectionStart-day': '14',
      'inspectionStart-month': '5',
      'inspectionStart-year': '2012',
      'inspectionEnd-day': '11',
      'inspectionEnd-month': 'May',
      'inspectionEnd-year': '2012',
    })
    expect(summaryLinks(await backwards.text())).toEqual([
      '#inspectionEnd-day The last day of the inspection must be the same as or after the first day',
    ])

    const ok = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      'published-day': ' 29 ',
      'published-month': '5',
      'published-year': '2012',
      'inspectionStart-day': '14',
      'inspectionStart-month': '05',
      'inspectionStart-year': '2012',
      'inspectionEnd-day': '25',
      'inspectionEnd-month': 'may',
      'inspectionEnd-year': '2012',
    })
    expect(ok.status).toBe(303)
    expect((await s.store.assessments.get(a.id)).dates).toMatchObject({
      published: '2012-05-29',
      inspectionStart: '2012-05-14',
      inspectionEnd: '2012-05-25',
    })
    // Shown again as the boxes hold them, and on the work page as GOV.UK writes dates.
    const again = await (await inspector.fetch(`/staff/assessments/${a.id}/details`)).text()
    expect(again).toMatch(/id="inspectionEnd-month" name="inspectionEnd-month" type="text" value="5"/)
    const work = await (await inspector.fetch(`/staff/assessments/${a.id}`)).text()
    expect(work).toContain('25 May 2012')
    expect(work).not.toMatch(/\d{4}-\d{2}-\d{2}</)
  })

  it('refuses the same dates through the API, which keeps ISO dates', async () => {
    const a = await draft('slac-2012')
    const token = await tokenFor(s, s.users.inspector)
    const res = await fetch(`${s.base}/api/v1/assessments/${a.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"v${a.version}"` },
      body: JSON.stringify({ dates: { inspectionStart: '2012-05-14', inspectionEnd: '2012-05-11' } }),
    })
    expect(res.status).toBe(400)
    expect((await readJson(res)).problems).toEqual([
      'dates.inspectionEnd: The last day of the inspection must be the same as or after the first day',
    ])
  })

  it('requires the title a signature prints, and lets the signer correct or remove their signature', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'quality-assurance')
    const work = `/staff/assessments/${a.id}`
    const empty = await qa.post(`${work}/sign`, { version: String(a.version), title: ' ', organisation: 'Ofsted' })
    expect(empty.status).toBe(400)
    expect(summaryLinks(await empty.text())).toEqual([
      '#signatory-title Enter your title as it is printed under your signature',
    ])
    expect((await s.store.assessments.get(a.id)).signatories).toEqual([])

    expect((await qa.post(`${work}/sign`, { version: String(a.version), title: 'Manager' })).status).toBe(303)
    const signed = await s.store.assessments.get(a.id)
    const page = await (await qa.fetch(work)).text()
    expect(page).toContain('You signed as Quinn Assurer, Manager.')
    expect(page).toContain('value="Manager"')
    const blank = await qa.post(`${work}/sign`, { version: String(signed.version), title: '' })
    expect(blank.status).toBe(400)
    const corrected = await qa.post(`${work}/sign`, {
      version: String(signed.version),
      title: 'Divisional Manager',
      organisation: 'Local Services Inspection',
    })
    expect(corrected.headers.get('location')).toBe(`${work}?done=signature`)
    const now = await s.store.assessments.get(a.id)
    expect(now.signatories).toEqual([
      { name: 'Quinn Assurer', title: 'Divisional Manager', organisation: 'Local Services Inspection' },
    ])
    expect((await qa.post(`${work}/sign`, { version: String(now.version), signature: 'remove' })).status).toBe(303)
    expect((await s.store.assessments.get(a.id)).signatories).toEqual([])
    // An inspector does not sign.
    const inspectorSigns = await inspector.post(`${work}/sign`, { version: String(now.version + 1), title: 'X' })
    expect(inspectorSigns.status).toBe(403)
  })

  it('writes dates on staff pages as GOV.UK does, never as ISO', async () => {
    const a = await ratingAt(s.ctx, 'E09000020', 'factual-accuracy-check')
    const pages = ['/staff', '', '/details', '/areas/childrens-services-rating', '/publish', '/comments'].map(p =>
      p.startsWith('/staff') ? p : `/staff/assessments/${a.id}${p}`,
    )
    for (const path of pages) {
      const res = await qa.fetch(path)
      expect(res.status, path).toBe(200)
      const text = (await res.text()).replace(/<[^>]*>/g, ' ')
      expect(text, path).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    }
    expect(await (await qa.fetch(`/staff/assessments/${a.id}`)).text()).toContain('9 December 2009')
  })

  it('offers the authorities by name, councils of one name told apart, as a type-ahead', async () => {
    const html = await (await inspector.fetch('/staff/assessments/new')).text()
    const select = html.match(/<select[\s\S]*?<\/select>/)?.[0] ?? ''
    expect(select).toContain('data-app-autocomplete')
    const names = [...select.matchAll(/<option value="(E\d{8})"[^>]*>([^<]+)<\/option>/g)].map(m => m[2]?.trim() ?? '')
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'en')))
    expect(new Set(names).size).toBe(names.length)
    expect(names).toContain('Dorset County Council (until 2019)')
    expect(html).toContain('/javascripts/autocomplete.js')

    const unknown = await inspector.post('/staff/assessments/new', { authorityCode: 'E99999999', frameworkId: 'x' })
    expect(unknown.status).toBe(400)
    expect(summaryLinks(await unknown.text())).toEqual([
      '#authorityCode Choose the local authority from the list',
      '#frameworkId Choose the framework',
    ])
  })
})
