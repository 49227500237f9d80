import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningService, ratingAt, startService } from '../../../../../test/support/web.js'
import { createAssessment, moveAssessment, recordJudgement, startCorrection } from '../../../../app/assessments.js'
import { type Actor, type Assessment, AUTHORITIES } from '../../../../domain/index.js'
import { parseCsvRows } from '../../../../lib/csv.js'

const inspector: Actor = { id: 'od-inspector', role: 'inspector' }
const qa: Actor = { id: 'od-qa', role: 'quality-assurer' }

/** An ILACS inspection of 2024 (the 2023 edition: five judgements), published, graded as given (1 is outstanding). */
async function ilacs(s: RunningService, code: string, grades: Record<string, number>, dates: Record<string, string>) {
  let a = await createAssessment(s.ctx, inspector, { frameworkId: 'ilacs-2018', authorityCode: code, dates })
  for (const [areaId, grade] of Object.entries(grades))
    a = await recordJudgement(s.ctx, inspector, a.id, a.version, { areaId, grade, narrative: '' })
  return publish(s, a)
}

async function publish(s: RunningService, a: Assessment) {
  let b = await moveAssessment(s.ctx, inspector, a.id, a.version, 'quality-assurance')
  for (const to of ['factual-accuracy-check', 'published'] as const)
    b = await moveAssessment(s.ctx, qa, b.id, b.version, to)
  return b
}

const csvOf = async (s: RunningService, path: string) => {
  const res = await fetch(`${s.base}${path}`)
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/csv')
  const [header = [], ...rows] = parseCsvRows(await res.text())
  return rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
}

const xlsxOf = async (s: RunningService, path: string) => {
  const res = await fetch(`${s.base}${path}`)
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await res.arrayBuffer())
  return book
}

/** A worksheet's rows keyed by its header row; an empty cell is null. */
function records(ws: ExcelJS.Worksheet) {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  const out: Record<string, ExcelJS.Cell>[] = []
  ws.eachRow((row, n) => {
    if (n > 1) out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])))
  })
  return out
}

describe('open data: the record, searches, the latest judgements and national figures as CSV and XLSX', () => {
  let s: RunningService
  let retired: Assessment
  let correction: Assessment
  let kensington: Assessment

  beforeAll(async () => {
    s = await startService()
    // A name a spreadsheet would run as a formula, were it not made safe.
    const islington = AUTHORITIES.find(a => a.code === 'E09000019')
    if (!islington) throw new Error('no Islington')
    await s.store.authorities.put({ ...islington, name: '=HYPERLINK("http://example.org","Islington")' })
    await ratingAt(s.ctx, 'E09000007', 'published', 4)
    retired = await ratingAt(s.ctx, 'E09000019', 'published', 3)
    let c = await startCorrection(s.ctx, inspector, retired.id)
    c = await recordJudgement(s.ctx, inspector, c.id, c.version, {
      areaId: 'childrens-services-rating',
      grade: 2,
      narrative: 'The council performs adequately.',
    })
    correction = await publish(s, c)
    kensington = await ilacs(
      s,
      'E09000020',
      {
        'impact-of-leaders': 2,
        'help-and-protection': 3,
        'in-care': 2,
        'care-leavers': 1,
        'overall-effectiveness': 2,
      },
      { inspectionStart: '2024-01-15', inspectionEnd: '2024-01-26', published: '2024-03-08' },
    )
    // Camden's ILACS of 2019 (the 2018 edition: care leavers judged with children in care), overall inadequate.
    await ilacs(
      s,
      'E09000007',
      { 'impact-of-leaders': 4, 'help-and-protection': 4, 'in-care': 3, 'overall-effectiveness': 4 },
      { inspectionStart: '2019-05-06', inspectionEnd: '2019-05-17', published: '2019-07-01' },
    )
    await s.store.authorities.replaceNeighbours(new Map([['E09000020', ['E09000007', 'E09000019', 'E09000033']]]))
  })
  afterAll(async () => s?.close())

  it('the whole record as CSV: a row per judgement, printed grade and level, never a retired edition', async () => {
    const rows = await csvOf(s, '/downloads/judgements.csv')
    const ids = new Set(rows.map(r => r.assessment_id))
    expect(ids.has(retired.id)).toBe(false)
    expect(ids.has(correction.id)).toBe(true)
    const corrected = rows.find(r => r.assessment_id === correction.id)
    expect(corrected).toMatchObject({ grade: '2', grade_as_printed: 'Performs adequately (2)', level: 'adequate' })
    expect(corrected?.report_edition).toBe('2')
    const leaders = rows.find(r => r.assessment_id === kensington.id && r.area_id === 'impact-of-leaders')
    // ILACS prints words, not numbers: the grade column is empty, the printed word and its level are given.
    expect(leaders).toMatchObject({
      authority: 'Kensington and Chelsea',
      region: 'London',
      framework_edition: '2023',
      inspection_start: '2024-01-15',
      inspection_end: '2024-01-26',
      published_date: '2024-03-08',
      grade: '',
      grade_as_printed: 'Good',
      level: 'good',
    })
    expect(rows.find(r => r.assessment_id === kensington.id && r.area_id === 'help-and-protection')?.level).toBe(
      'requires-improvement',
    )
  })

  it('a cell that starts = + - @ is prefixed with an apostrophe in CSV, and stays text in XLSX', async () => {
    const res = await fetch(`${s.base}/downloads/judgements.csv`)
    const text = await res.text()
    expect(text).toContain(`"'=HYPERLINK(""http://example.org"",""Islington"")"`)
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m)
    const ws = (await xlsxOf(s, '/downloads/judgements.xlsx')).getWorksheet('Judgements')
    const cell = records(ws as ExcelJS.Worksheet).find(r => r.authority_code?.value === 'E09000019')?.authority
    expect(cell?.type).toBe(ExcelJS.ValueType.String)
    expect(cell?.value).toBe('=HYPERLINK("http://example.org","Islington")')
  })

  it('a search as CSV and XLSX carries only what the search chose', async () => {
    const rows = await csvOf(s, '/downloads/judgements.csv?framework=ilacs-2018&level=inadequate')
    expect(new Set(rows.map(r => r.authority_code))).toEqual(new Set(['E09000007']))
    const book = await xlsxOf(s, '/downloads/judgements.xlsx?authority=E09000020')
    const got = records(book.getWorksheet('Judgements') as ExcelJS.Worksheet)
    expect(got.map(r => r.area_id?.value)).toEqual([
      'impact-of-leaders',
      'help-and-protection',
      'in-care',
      'care-leavers',
      'overall-effectiveness',
    ])
    expect(got.every(r => r.assessment_id?.value === kensington.id)).toBe(true)
    // Choices that are not valid are refused, naming the problem.
    const bad = await fetch(`${s.base}/downloads/judgements.csv?year=20x8`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Enter the year as four digits')
    expect((await fetch(`${s.base}/downloads/judgements.pdf`)).status).toBe(404)
  })

  it('the latest ILACS judgements, one row per authority with its region and its neighbours’ latest overall levels', async () => {
    const rows = await csvOf(s, '/downloads/summary.csv?framework=ilacs-2018')
    // Every current authority has a row, in name order; one not inspected has empty cells.
    expect(rows.length).toBe(AUTHORITIES.filter(a => a.validTo === null).length)
    const k = rows.find(r => r.authority_code === 'E09000020')
    expect(k).toMatchObject({
      authority: 'Kensington and Chelsea',
      region: 'London',
      assessment_id: kensington.id,
      framework_edition: '2023',
      inspection_start: '2024-01-15',
      inspection_end: '2024-01-26',
      published_date: '2024-03-08',
      overall_effectiveness_as_printed: 'Good',
      overall_effectiveness_level: 'good',
      care_leavers_as_printed: 'Outstanding',
      care_leavers_level: 'outstanding',
      help_and_protection_as_printed: 'Requires improvement to be good',
      help_and_protection_level: 'requires-improvement',
      neighbour_1_code: 'E09000007',
      neighbour_1: 'Camden',
      neighbour_1_overall_effectiveness_level: 'inadequate',
      neighbour_2_code: 'E09000019',
      neighbour_2_overall_effectiveness_level: '',
      neighbour_3_code: 'E09000033',
      neighbour_3: 'Westminster',
      neighbour_3_overall_effectiveness_level: '',
    })
    const header = Object.keys(k ?? {})
    expect(header.slice(0, 11)).toEqual([
      'authority_code',
      'la_code',
      'authority',
      'region',
      'assessment_id',
      'framework_edition',
      'inspection_start',
      'inspection_end',
      'published_date',
      'overall_effectiveness_as_printed',
      'overall_effectiveness_level',
    ])
    // Camden was inspected under the 2018 edition, which judged care leavers with children in care: empty, not guessed.
    const camden = rows.find(r => r.authority_code === 'E09000007')
    expect(camden).toMatchObject({ framework_edition: '2018', care_leavers_as_printed: '', care_leavers_level: '' })
    const westminster = rows.find(r => r.authority_code === 'E09000033')
    expect(westminster).toMatchObject({ assessment_id: '', overall_effectiveness_level: '', inspection_start: '' })
    const names = rows.map(r => r.authority ?? '')
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
    const book = await xlsxOf(s, '/downloads/summary.xlsx?framework=ilacs-2018')
    const sheet = records(book.worksheets[0] as ExcelJS.Worksheet)
    expect(
      sheet.find(r => r.authority_code?.value === 'E09000020')?.neighbour_1_overall_effectiveness_level?.value,
    ).toBe('inadequate')
    expect(sheet.find(r => r.authority_code?.value === 'E09000033')?.overall_effectiveness_level?.value ?? null).toBe(
      null,
    )
    expect((await fetch(`${s.base}/downloads/summary.csv?framework=nonesuch`)).status).toBe(400)
  })

  it('national figures per framework and year as CSV; the whole record as one workbook of three sheets', async () => {
    const rows = await csvOf(s, '/downloads/national.csv')
    const rating = rows.find(r => r.framework_id === 'rating-2009' && r.year === '2009')
    // Two current ratings (the retired edition is not counted): one performing excellently, one adequately.
    expect(rating).toMatchObject({ outstanding: '1', adequate: '1', good: '0', inadequate: '0', total: '2' })
    // The rating's scale has no "requires improvement": an empty cell, not a zero.
    expect(rating?.requires_improvement).toBe('')
    const book = await xlsxOf(s, '/downloads/record.xlsx')
    expect(book.worksheets.map(w => w.name)).toEqual(['Judgements', 'Latest judgements', 'National figures'])
    const judged = records(book.getWorksheet('Judgements') as ExcelJS.Worksheet)
    expect(judged.some(r => r.assessment_id?.value === retired.id)).toBe(false)
  })

  it('the national page shows the figures per framework and year, with a chart and the CSV', async () => {
    const html = await (await fetch(`${s.base}/national`)).text()
    expect(html).toContain('href="/downloads/national.csv"')
    const table = /data-qa="national-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
    expect(table).toContain('Total')
    expect(html).toMatch(/share of headline judgements good or outstanding/)
  })

  it('compares two authorities side by side, printed grades with their levels, saying the points are different inspections', async () => {
    const res = await fetch(`${s.base}/compare?codes=E09000020&codes=E09000007`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const table = /data-qa="comparison"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
    expect(table).toContain('Kensington and Chelsea')
    expect(table).toContain('Camden')
    const ilacsRow =
      /<tbody[^>]*>\s*<tr[^>]*><th scope="rowgroup"[^>]*>Inspection of local authority[\s\S]*?<\/tbody>/.exec(
        table,
      )?.[0] ?? ''
    expect(ilacsRow).toContain('data-level="good"')
    expect(ilacsRow).toContain('data-level="inadequate"')
    expect(ilacsRow).toContain('Inadequate</strong>')
    expect(html).toContain('data-qa="compare-statement"')
    // Camden's history passes from the 2009 rating to ILACS: said to be different inspections, not a rise or fall.
    expect(html).toMatch(/different inspections of different scope, so the line between them is not a rise or a fall/)
    const unknown = await fetch(`${s.base}/compare?codes=E09000020&codes=E99999999`)
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('There is no authority with the code E99999999')
    const none = await (await fetch(`${s.base}/compare`)).text()
    expect(none).toContain('Choose two or more authorities to compare.')
    // The select offers every authority not yet chosen, in name order, Dorset's two councils told apart.
    const one = await (await fetch(`${s.base}/compare?codes=E09000020`)).text()
    expect(one).toContain('Dorset County Council (until 2019)')
    expect(one).toContain('data-app-autocomplete')
    expect(one).toContain('<input type="hidden" name="codes" value="E09000020">')
  })

  it('finding things: an authority with nothing published links to its page; the authority page links to its profile', async () => {
    const html = await (await fetch(`${s.base}/?authority=E09000033`)).text()
    expect(html).toContain('href="/authorities/E09000033"')
    expect(html).toContain('href="/authorities/E09000033/profile"')
    expect(html).not.toContain('Try fewer choices')
    expect(html).toContain('No assessments of Westminster match these choices.')
    const page = await (await fetch(`${s.base}/authorities/E09000020`)).text()
    expect(page).toContain('href="/authorities/E09000020/profile"')
    // Every page's footer leads to the open data and to comparing authorities.
    expect(page).toMatch(/<a class="govuk-footer__link" href="\/open-data">\s*Open data\s*</)
    expect(page).toMatch(/<a class="govuk-footer__link" href="\/compare">\s*Compare authorities\s*</)
    expect(page).toContain(
      'href="/compare?codes=E09000020&amp;codes=E09000007&amp;codes=E09000019&amp;codes=E09000033"',
    )
    const results = await (await fetch(`${s.base}/?framework=ilacs-2018`)).text()
    expect(results).toContain('href="/downloads/judgements.csv?framework=ilacs-2018"')
  })

  it('the home page of an empty store says what the service is and how to load reports or sign in', async () => {
    const empty = await startService()
    try {
      const html = await (await fetch(`${empty.base}/`)).text()
      expect(html).toContain('data-qa="empty-store"')
      expect(html).toContain('npx inspectorate ingest --publish')
      expect(html).toContain('href="/staff/upload"')
      expect(html).toContain('href="/sign-in"')
      expect(html).not.toContain('Try fewer choices')
      expect(html).not.toContain('No assessments match')
    } finally {
      await empty.close()
    }
  })

  it('the API gives the same tables as JSON, a value not recorded as null', async () => {
    const got = (await (await fetch(`${s.base}/api/v1/open-data/summary?framework=ilacs-2018`)).json()) as {
      columns: string[]
      rows: Record<string, string | number | null>[]
    }
    expect(got.columns.slice(0, 3)).toEqual(['authority_code', 'la_code', 'authority'])
    const k = got.rows.find(r => r.authority_code === 'E09000020')
    expect(k).toMatchObject({
      overall_effectiveness_level: 'good',
      neighbour_1_overall_effectiveness_level: 'inadequate',
    })
    expect(got.rows.find(r => r.authority_code === 'E09000033')?.overall_effectiveness_level).toBeNull()
    const record = (await (await fetch(`${s.base}/api/v1/open-data/judgements`)).json()) as {
      rows: { assessment_id: string }[]
    }
    expect(record.rows.some(r => r.assessment_id === retired.id)).toBe(false)
    expect(record.rows.some(r => r.assessment_id === correction.id)).toBe(true)
    const bad = await fetch(`${s.base}/api/v1/open-data/summary?framework=nonesuch`)
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
  })
})
