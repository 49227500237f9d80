import ExcelJS from 'exceljs'
import {
  type Area,
  type Authority,
  areasOf,
  editionFor,
  FRAMEWORKS,
  type Framework,
  getFramework,
  gradeLabel,
  headlineAreas,
  LEVELS,
  type Level,
  labelIn,
  pointForLevel,
  ValidationError,
} from '../domain/index.js'
import { toCsv } from '../lib/csv.js'
import type { Context } from './assessments.js'
import { nationalOverview, type Search, searchAssessments } from './queries.js'

/** A cell of a download: text, a number, or empty (a value that is not recorded is never guessed). */
export type Cell = string | number | null

/** One table of a download: a CSV file, or a worksheet of a workbook. */
export interface Sheet {
  name: string
  header: string[]
  rows: Cell[][]
}

/** What a download of the record may be narrowed to: the search's choices, published assessments only. */
export type RecordFilter = Omit<Search, 'page' | 'pageSize' | 'status'>

const EVERYTHING = 1_000_000

type Judged = { areaId: string; grade: number | null; level: Level | null }

/** A grade as the framework prints it, and the number only where its scale prints numbers. */
function printed(f: Framework, j: Judged | undefined): { number: Cell; printed: Cell; level: Cell } {
  if (!j || j.grade === null) return { number: null, printed: null, level: j?.level ?? null }
  return {
    number: f.scale.numbersPrinted === false ? null : j.grade,
    printed: gradeLabel(f.scale, j.grade),
    level: j.level,
  }
}

const areaLabel = (f: Framework, area: Area, edition: ReturnType<typeof editionFor>) => {
  const part = f.parts.find(p => p.id === area.part)
  return part ? `${part.label}: ${labelIn(area, edition)}` : labelIn(area, edition)
}

/** The areas that carry a grade in a report: those its edition judges, and any other it recorded a grade for. */
const gradedAreas = (f: Framework, edition: ReturnType<typeof editionFor>, judged: readonly Judged[]) => {
  const judges = new Set(areasOf(f, edition).map(a => a.id))
  return f.areas.filter(a => a.grade !== 'none' && (judges.has(a.id) || judged.some(j => j.areaId === a.id)))
}

export const RECORD_HEADER = [
  'assessment_id',
  'authority_code',
  'la_code',
  'authority',
  'region',
  'framework_id',
  'framework',
  'framework_edition',
  'report_edition',
  'inspection_start',
  'inspection_end',
  'letter_date',
  'published_date',
  'area_id',
  'area',
  'grade',
  'grade_as_printed',
  'level',
]

/**
 * The published record, or the part of it a search chose: one row per graded judgement of every current edition
 * (an edition a published correction replaced is not in it), most recent first.
 */
export async function recordSheet(ctx: Context, filter: RecordFilter = {}): Promise<Sheet> {
  const found = await searchAssessments(ctx, null, { ...filter, status: 'published', page: 1, pageSize: EVERYTHING })
  const [authorities, data] = await Promise.all([
    ctx.store.authorities.list(),
    ctx.store.assessments.openData(found.items.map(a => a.id)),
  ])
  const byCode = new Map(authorities.map(a => [a.code, a]))
  const dataOf = new Map(data.map(d => [d.id, d]))
  const rows = found.items.flatMap(a => {
    const d = dataOf.get(a.id)
    if (!d) return []
    const f = getFramework(a.frameworkId)
    const edition = editionFor(f, d.dates)
    const who = byCode.get(a.authorityCode)
    return gradedAreas(f, edition, d.judgements).map(area => {
      const g = printed(
        f,
        d.judgements.find(j => j.areaId === area.id),
      )
      return [
        a.id,
        a.authorityCode,
        who?.laCode ?? null,
        who?.name ?? null,
        who?.region ?? null,
        f.id,
        f.name,
        edition?.id ?? null,
        a.edition,
        d.dates.inspectionStart,
        d.dates.inspectionEnd,
        d.dates.letter,
        d.dates.published,
        area.id,
        areaLabel(f, area, edition),
        g.number,
        g.printed,
        g.level,
      ]
    })
  })
  return { name: 'Judgements', header: RECORD_HEADER, rows }
}

/** The framework a summary of latest judgements is of when none is named: the newest. */
export const latestFramework = (): Framework =>
  [...FRAMEWORKS].sort((a, b) => a.year - b.year || FRAMEWORKS.indexOf(a) - FRAMEWORKS.indexOf(b)).at(-1) as Framework

const column = (areaId: string) => areaId.replaceAll('-', '_')

/**
 * Each authority's latest published judgements under one framework, one row per authority, in the shape of the
 * ADCS ILACS summary: who, where, when, each judgement as printed and its level, then its statistical neighbours'
 * latest headline levels. Every current authority has a row; an abolished one only where it was assessed.
 */
export async function summarySheet(ctx: Context, frameworkId?: string): Promise<Sheet> {
  const f = frameworkId ? FRAMEWORKS.find(x => x.id === frameworkId) : latestFramework()
  if (!f) throw new ValidationError(`There is no framework ${frameworkId}`)
  const [authorities, lists] = await Promise.all([ctx.store.authorities.list(), ctx.store.authorities.allNeighbours()])
  const latest = await ctx.store.assessments.latestPublished(
    authorities.map(a => a.code),
    f.id,
    [],
  )
  const data = new Map((await ctx.store.assessments.openData(latest.map(a => a.id))).map(d => [d.id, d] as const))
  const latestOf = new Map(latest.map(a => [a.authorityCode, { summary: a, data: data.get(a.id) }]))
  const headline = headlineAreas(f)[0]
  const graded = f.areas.filter(a => a.grade !== 'none')
  const areas = [...graded.filter(a => a === headline), ...graded.filter(a => a !== headline)]
  const neighboursOf = new Map(lists.map(l => [l.authority, l.neighbours]))
  const most = Math.max(0, ...lists.map(l => l.neighbours.length))
  const byCode = new Map(authorities.map(a => [a.code, a]))
  const headlineLevel = (code: string): Cell =>
    latestOf.get(code)?.data?.judgements.find(j => j.areaId === headline?.id)?.level ?? null
  const rows = authorities
    .filter(a => a.validTo === null || latestOf.has(a.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code))
    .map((a: Authority) => {
      const mine = latestOf.get(a.code)
      const d = mine?.data
      const edition = d ? editionFor(f, d.dates) : undefined
      const judged = areas.flatMap(area => {
        const g = printed(
          f,
          d?.judgements.find(j => j.areaId === area.id),
        )
        return [g.printed, g.level]
      })
      const neighbours = Array.from({ length: most }, (_, i) => {
        const code = neighboursOf.get(a.code)?.[i]
        return code ? [code, byCode.get(code)?.name ?? null, headlineLevel(code)] : [null, null, null]
      }).flat()
      return [
        a.code,
        a.laCode,
        a.name,
        a.region,
        mine ? mine.summary.id : null,
        edition?.id ?? null,
        d?.dates.inspectionStart ?? null,
        d?.dates.inspectionEnd ?? null,
        d?.dates.published ?? null,
        ...judged,
        ...neighbours,
      ]
    })
  const header = [
    'authority_code',
    'la_code',
    'authority',
    'region',
    'assessment_id',
    'framework_edition',
    'inspection_start',
    'inspection_end',
    'published_date',
    ...areas.flatMap(a => [`${column(a.id)}_as_printed`, `${column(a.id)}_level`]),
    ...Array.from({ length: most }, (_, i) => [
      `neighbour_${i + 1}_code`,
      `neighbour_${i + 1}`,
      `neighbour_${i + 1}_${column(headline?.id ?? 'headline')}_level`,
    ]).flat(),
  ]
  return { name: 'Latest judgements', header, rows }
}

export const NATIONAL_HEADER = ['framework_id', 'framework', 'year', 'area_id', 'area', ...LEVELS.map(column), 'total']

/**
 * National figures: how many published headline judgements fell at each level, per framework, year and area. A
 * level the framework's scale does not have is an empty cell, unless a judgement was recorded at it.
 */
export async function nationalSheet(ctx: Context): Promise<Sheet> {
  const groups = await nationalOverview(ctx)
  const rows = groups.map(g => [
    g.framework.id,
    g.framework.name,
    g.year,
    g.areaId,
    g.label,
    ...LEVELS.map(l => (pointForLevel(g.framework.scale, l) || g.counts[l] ? g.counts[l] : null)),
    g.total,
  ])
  return { name: 'National figures', header: NATIONAL_HEADER, rows }
}

/** A sheet as a CSV file (a cell starting = + - @ is prefixed with ' so that a spreadsheet does not run it). */
export const sheetCsv = (sheet: Sheet): string => toCsv([sheet.header, ...sheet.rows])

/** Sheets as one workbook (text cells stay text: exceljs writes no formula from a string). */
export async function sheetsXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Inspectorate'
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(s.header).font = { bold: true }
    for (const r of s.rows) ws.addRow(r.map(c => c ?? undefined))
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2))
    })
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
