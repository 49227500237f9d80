import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestBatch } from '../../src/app/ingest.js'
import { authorityOverview, dateOf } from '../../src/app/queries.js'
import {
  AUTHORITIES,
  AuthorityIndex,
  areasFor,
  checkRules,
  editionFor,
  getFramework,
  longDate,
} from '../../src/domain/index.js'
import { dateInFileName } from '../../src/ingest/dates.js'
import { type Extraction, extract } from '../../src/ingest/extract.js'
import { OPEN_ENDING } from '../../src/ingest/text.js'
import { parseCsvRows } from '../../src/lib/csv.js'
import { fidelity } from '../../src/render/fidelity.js'
import { renderText } from '../../src/render/render.js'
import { gradesNotInText } from '../ingest/support.js'
import { assessmentOf } from '../render/support.js'
import { CorpusPool, corpusReadings } from '../support/corpus.js'
import { CORPUS_DIR, sharedAvailable } from '../support/shared.js'
import { freshPglite } from '../support/stores.js'
import disagreements from './d2i-disagreements.json' with { type: 'json' }
import group0 from './expected/group-0.json' with { type: 'json' }
import group1 from './expected/group-1.json' with { type: 'json' }
import group2 from './expected/group-2.json' with { type: 'json' }
import group3 from './expected/group-3.json' with { type: 'json' }
import group4 from './expected/group-4.json' with { type: 'json' }
import group5 from './expected/group-5.json' with { type: 'json' }
import group6 from './expected/group-6.json' with { type: 'json' }
import group7 from './expected/group-7.json' with { type: 'json' }
import group8 from './expected/group-8.json' with { type: 'json' }

/**
 * The real record: every report of ../shared/corpus/reports read as published, compared with values written after
 * reading each report (expected/), and with the Data to Insight scraper's readings of the same files.
 */
const REPORTS = `${CORPUS_DIR}reports/`
const PRESENT = sharedAvailable(REPORTS, 'corpus tests on the 233 real reports')
const index = new AuthorityIndex(AUTHORITIES)

interface Expected {
  file: string
  framework: string
  edition: string | null
  inspectionType: string | null
  authorityCode: string
  inspectionStart: string
  inspectionEnd: string
  published: string | null
  leadInspectors: string[]
  judgements: Record<string, string>
  printedWords: Record<string, string>
  recommendations: { la: number; lscb: number | null }
  previousInspection: { year: number; overall: string } | null
}
const EXPECTED = [
  ...group0,
  ...group1,
  ...group2,
  ...group3,
  ...group4,
  ...group5,
  ...group6,
  ...group7,
  ...group8,
] as Expected[]

/** Grades the reports themselves do not give: "Not judged" is printed in their place. */
const NOT_JUDGED: Record<string, string[]> = {
  "80450_london_corporation_children's_services_inspection_-_20_september_2016.pdf": ['adoption'],
}

const read = new Map<string, { e: Extraction; text: string } | { error: string }>()

describe.runIf(PRESENT)('the real corpus', () => {
  beforeAll(async () => {
    // Read once for the run, on every core, by readDocument and extract (test/support/corpus-setup.ts).
    for (const [file, r] of await corpusReadings())
      read.set(file, r.read.ok ? { e: r.extraction as Extraction, text: r.read.text } : { error: r.read.error })
  }, 300_000)

  const ok = (file: string) => {
    const r = read.get(file)
    if (!r || 'error' in r) throw new Error(`${file}: ${r ? r.error : 'not read'}`)
    return r
  }

  it('reads every report as its framework, with every judgement its edition and kind of inspection give', () => {
    const counts: Record<string, number> = {}
    const problems: string[] = []
    for (const [file, r] of read) {
      if ('error' in r) {
        problems.push(`${file}: ${r.error}`)
        continue
      }
      const { e } = r
      const key = e.framework?.id ?? `${e.detection.kind}`
      counts[key] = (counts[key] ?? 0) + 1
      if (!e.framework || !e.authority) {
        problems.push(`${file}: ${JSON.stringify(e.detection)} ${e.findings.map(f => f.message).join('; ')}`)
        continue
      }
      const missing = areasFor(e.framework, e)
        .filter(a => !e.judgements.some(j => j.areaId === a.id && j.grade !== null))
        .map(a => a.id)
        .filter(id => !NOT_JUDGED[file]?.includes(id))
      if (missing.length) problems.push(`${file}: no grade for ${missing.join(', ')}`)
    }
    console.info(`corpus: ${read.size} reports read — ${JSON.stringify(counts)}`)
    expect(problems).toEqual([])
    expect(read.size).toBe(233)
    expect(counts).toEqual({ 'sif-2013': 71, 'ilacs-2018': 162 })
  })

  it('holds every rule against the real published judgements: the stated SIF limit never fires on a SIF report', () => {
    const assessments = [...read.values()].flatMap(r => ('error' in r || !r.e.framework ? [] : [assessmentOf(r.e)]))
    const checks = checkRules(assessments.map(a => ({ a, framework: getFramework(a.frameworkId) })))
    for (const c of checks)
      console.info(`rules check: ${c.frameworkId} ${c.rule} (${c.status}) fired on ${c.fired} of ${c.applied}`)
    const sif = checks.find(c => c.rule === 'sif-key-judgement-inadequate')
    expect(sif?.applied).toBe(71)
    // Every SIF report of the corpus agrees with the rule: inadequate in a key judgement, inadequate overall.
    expect(sif).toMatchObject({ fired: 0, authorities: [] })
    // No stated rule fires on any real report, and nothing stated blocks what Ofsted published.
    expect(checks.filter(c => c.status === 'stated' && c.fired > 0)).toEqual([])
  })

  it('reads every recommendation whole: none stops on an article, a preposition or a comma, or leaves a bracket open', () => {
    const problems = [...read.entries()].flatMap(([file, r]) =>
      'error' in r
        ? []
        : r.e.recommendations
            .map(x => x.text.trim())
            .filter(t => OPEN_ENDING.test(t) || t.split('(').length > t.split(')').length)
            .map(t => `${file}: …${t.slice(-60)}`),
    )
    expect(problems).toEqual([])
  })

  it('every grade read points at the words that print it', () => {
    const problems = [...read.entries()].flatMap(([file, r]) =>
      'error' in r ? [] : gradesNotInText(r.e, r.text).map(p => `${file}: ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('renders every report as it was printed: ≥ 99.5% of its words kept in order, ≤ 0.5% added, read back the same', () => {
    const figures: Record<string, { files: number; keptMin: number; addedMax: number }> = {}
    const problems: string[] = []
    for (const [file, r] of read) {
      if ('error' in r || !r.e.framework || !r.e.authority) continue
      const a = { ...assessmentOf(r.e), content: r.e.content }
      const rendered = renderText(a, r.e.framework, r.e.authority.name)
      const f = fidelity(r.text, rendered)
      const row = figures[r.e.framework.id] ?? { files: 0, keptMin: 1, addedMax: 0 }
      figures[r.e.framework.id] = row
      row.files++
      row.keptMin = Math.min(row.keptMin, f.keptRatio)
      row.addedMax = Math.max(row.addedMax, f.addedRatio)
      if (f.keptRatio < 0.995 || f.addedRatio > 0.005)
        problems.push(`${file}: ${(f.keptRatio * 100).toFixed(2)}% kept, ${(f.addedRatio * 100).toFixed(2)}% added`)
      const again = extract(rendered, r.e.documentHash, index)
      const grades = (e: Extraction) => e.judgements.map(j => `${j.areaId}=${j.grade}`).join(' ')
      if (grades(again) !== grades(r.e) || again.authority?.code !== r.e.authority.code)
        problems.push(`${file}: read back as ${grades(again)}, not ${grades(r.e)}`)
    }
    console.log(
      'Fidelity of the rendered corpus (words kept in order, words added):\n' +
        Object.entries(figures)
          .map(
            ([id, x]) =>
              `  ${id}: ${x.files} reports, kept ≥ ${(x.keptMin * 100).toFixed(2)}%, added ≤ ${(x.addedMax * 100).toFixed(2)}%`,
          )
          .join('\n'),
    )
    expect(problems).toEqual([])
    expect(Object.values(figures).every(x => x.files >= 30)).toBe(true)
  }, 300_000)

  it(`matches the values written after reading ${EXPECTED.length} reports across every year`, () => {
    // Every report of the corpus, once.
    expect(new Set(EXPECTED.map(x => x.file))).toEqual(new Set(read.keys()))
    expect(EXPECTED).toHaveLength(233)
    const years = new Set(EXPECTED.map(x => x.inspectionEnd.slice(0, 4)))
    expect([...years].sort()).toEqual(expect.arrayContaining(['2014', '2016', '2018', '2020', '2022', '2024', '2026']))
    const problems: string[] = []
    for (const x of EXPECTED) {
      const { e } = ok(x.file)
      const f = e.framework
      const got = {
        framework: f?.id,
        edition: f && f.id === 'ilacs-2018' ? (editionFor(f, e.dates)?.id ?? null) : null,
        inspectionType: e.inspectionType,
        authorityCode: e.authority?.code,
        inspectionStart: e.dates.inspectionStart,
        inspectionEnd: e.dates.inspectionEnd,
        published: e.dates.published,
        leadInspector: e.reportingInspector?.name ?? null,
        judgements: Object.fromEntries(
          e.judgements
            .filter(j => j.level)
            .map(j => [j.areaId, j.level?.replace('-', ' ')])
            .sort(),
        ),
        recommendations: {
          la: e.recommendations.filter(r => r.areaId !== 'lscb').length,
          lscb: x.recommendations.lscb === null ? null : e.recommendations.filter(r => r.areaId === 'lscb').length,
        },
      }
      const want = {
        framework: x.framework,
        edition: x.framework === 'ilacs-2018' ? x.edition : null,
        inspectionType: x.framework === 'ilacs-2018' ? ilacsKind(x) : x.inspectionType,
        authorityCode: x.authorityCode,
        inspectionStart: x.inspectionStart,
        inspectionEnd: x.inspectionEnd,
        published: x.published,
        leadInspector: x.leadInspectors[0] ?? null,
        judgements: Object.fromEntries(Object.entries(x.judgements).sort()),
        recommendations: { la: x.recommendations.la, lscb: x.recommendations.lscb },
      }
      for (const key of Object.keys(want) as (keyof typeof want)[])
        if (JSON.stringify(got[key]) !== JSON.stringify(want[key]))
          problems.push(`${x.file} ${key}: read ${JSON.stringify(got[key])}, printed ${JSON.stringify(want[key])}`)
      // The grade is kept as printed ("Requires improvement to be good"), beside its level.
      for (const [area, printed] of Object.entries(x.printedWords)) {
        const readings = e.judgements.find(j => j.areaId === area)?.readings ?? []
        const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()
        if (!readings.some(r => norm(r.printed) === norm(printed)))
          problems.push(`${x.file} ${area}: "${printed}" not among ${JSON.stringify(readings.map(r => r.printed))}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('reads the previous inspection a report refers to only where it names its year and grade, never wrongly', () => {
    const problems: string[] = []
    let read = 0
    for (const x of EXPECTED) {
      const got = ok(x.file).e.previousInspection
      if (!got) continue
      read++
      const want = x.previousInspection
      const level = want?.overall.toLowerCase().startsWith('requir')
        ? 'requires-improvement'
        : want?.overall.toLowerCase()
      if (!want || got.year !== want.year || got.level !== level)
        problems.push(`${x.file}: read ${got.year} "${got.printed}", the report says ${JSON.stringify(want)}`)
    }
    console.info(
      `previous inspections: ${read} read of ${EXPECTED.filter(x => x.previousInspection).length} the reports name`,
    )
    expect(problems).toEqual([])
    expect(read).toBeGreaterThanOrEqual(72)
  })

  it("differs from the scraper's readings only where reading the report settled it (d2i-disagreements.json)", () => {
    const [head = [], ...rows] = parseCsvRows(readFileSync(`${CORPUS_DIR}d2i-readings.csv`, 'utf8'))
    const columns: Record<string, string> = {
      overall_effectiveness_grade: 'overall-effectiveness',
      impact_of_leaders_grade: 'impact-of-leaders',
      help_and_protection_grade: 'help-and-protection',
      in_care_grade: 'in-care',
      care_leavers_grade: 'care-leavers',
    }
    const notAGrade = ['data_unreadable', 'inspection_pre_dates_judgement', 'not_reported_post_reform', '']
    const iso = (d: string) => d.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1')
    const found: { file: string; field: string; d2i: string; report: string | null }[] = []
    for (const cells of rows) {
      const row = Object.fromEntries(head.map((h, i) => [h.replace(/^\uFEFF/, ''), cells[i] ?? '']))
      if (!row.file) continue
      const file = row.file ?? ''
      const { e } = ok(file)
      const level = (area: string) => e.judgements.find(j => j.areaId === area)?.level?.replace('-', ' ') ?? null
      for (const [column, area] of Object.entries(columns)) {
        const v = row[column] ?? ''
        if (v === 'data_unreadable') continue
        if (notAGrade.includes(v) ? e.framework?.id === 'ilacs-2018' && level(area) !== null : level(area) !== v)
          found.push({ file, field: area, d2i: v, report: level(area) })
      }
      if (e.framework?.id !== 'ilacs-2018') continue
      const kind = row.inspection_framework ?? ''
      if (kind && kind !== e.inspectionType)
        found.push({ file, field: 'inspectionType', d2i: kind, report: e.inspectionType })
      const people = row.inspector_name ?? ''
      if (people && people !== (e.reportingInspector?.name ?? ''))
        found.push({ file, field: 'leadInspector', d2i: people, report: e.reportingInspector?.name ?? null })
      for (const [column, key] of [
        ['inspection_start_date', 'inspectionStart'],
        ['inspection_end_date', 'inspectionEnd'],
      ] as const) {
        const v = iso(row[column] ?? '')
        if (v && v !== e.dates[key]) found.push({ file, field: key, d2i: v, report: e.dates[key] })
      }
    }
    console.info(`d2i: ${found.length} disagreements with the scraper, each settled by reading the report`)
    expect(found).toEqual(disagreements.map(({ file, field, d2i, report }) => ({ file, field, d2i, report })))
    for (const d of disagreements) expect(d.settledBy.length).toBeGreaterThan(20)
  })
})

/**
 * ILACS reports do not print whether an inspection was short (one week of fieldwork) or standard (two): the kind
 * expected is the one the printed dates written in the expected values give.
 */
function ilacsKind(x: { inspectionStart: string; inspectionEnd: string }): string | null {
  const days = (Date.parse(x.inspectionEnd) - Date.parse(x.inspectionStart)) / 86_400_000
  return days <= 7 ? 'short' : days <= 16 ? 'standard' : null
}

describe.runIf(PRESENT)('the real corpus, stored', () => {
  it("is stored whole by one batch, and each council's page shows its history", async () => {
    const store = await freshPglite()
    const ctx = { store, now: () => new Date('2026-12-01T10:00:00Z'), newId: randomUUID }
    // The reports this run has read already are not read again; every one is still stored by the batch.
    const pool = new CorpusPool(await corpusReadings())
    try {
      const names = readdirSync(REPORTS).sort()
      const outcomes = await ingestBatch(
        ctx,
        { id: 'loader', role: 'administrator' },
        names,
        n => readFileSync(`${REPORTS}${n}`),
        { publish: true, pool },
      )
      expect(outcomes.filter(o => !o.ok)).toEqual([])
      expect(await store.assessments.count()).toBe(233)
      // A publication date the report does not print comes from the file name, marked so, never before the
      // inspection ended; so every ILACS action plan has its due date.
      for (const o of outcomes) {
        if (!o.ok) continue
        const printed = o.extraction.dates.published
        const source = o.assessment.provenance['dates.published']
        if (printed) expect(o.assessment.dates.published).toBe(printed)
        else if (o.assessment.frameworkId === 'ilacs-2018') {
          expect(source).toEqual({ kind: 'file-name', fileName: o.file })
          expect(o.assessment.dates.published).toBe(dateInFileName(o.file))
          expect((o.assessment.dates.published ?? '') >= (o.assessment.dates.inspectionEnd ?? '')).toBe(true)
          expect(o.assessment.recommendations.every(r => r.dueDate !== null)).toBe(true)
          // … and the report as rendered never prints it as if the report had.
          const text = renderText(o.assessment, getFramework('ilacs-2018'), o.extraction.authority?.name ?? '')
          expect(text).not.toContain(longDate(o.assessment.dates.published ?? ''))
        }
      }
      const norfolk = await authorityOverview(ctx, 'E10000020')
      expect(norfolk.timeline.map(p => [p.date, p.framework.id, p.printed])).toEqual([
        ['2015-10-19', 'sif-2013', 'Inadequate'],
        ['2018-01-19', 'sif-2013', 'Requires improvement'],
        // Inspected in February 2026, under the 2023 edition: it still judges overall effectiveness. The report
        // prints no publication date: its file name's is taken, and marked so.
        ['2026-05-18', 'ilacs-2018', 'Outstanding'],
      ])
      expect(norfolk.assessments.map(a => [a.frameworkId, dateOf(a)])).toEqual([
        ['ilacs-2018', '2026-05-18'],
        ['sif-2013', '2018-01-19'],
        ['sif-2013', '2015-10-19'],
      ])
    } finally {
      await pool.close()
      await store.close()
    }
  }, 300_000)
})
