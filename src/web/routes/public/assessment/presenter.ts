import { GENERAL_SECTION } from '../../../../app/comments.js'
import { dateOf } from '../../../../app/queries.js'
import {
  type Assessment,
  type Authority,
  areaTitle,
  type Framework,
  getFramework,
  type Judgement,
} from '../../../../domain/index.js'
import { toCsv } from '../../../../lib/csv.js'
import { type RenderedDocument, sectionId } from '../../../../render/document.js'
import type { StoredDocument } from '../../../../store/documents.js'
import { gradeDisplay, printedGrade } from '../../../presenters.js'

/** Why a grade is missing, or how it was arrived at: shown beside it, never instead of it. */
export function judgementNote(j: Judgement | undefined): string {
  if (!j) return ''
  const values = new Set(j.readings.map(r => r.value))
  if (j.grade === null && values.size > 1)
    return `The report gives different grades: ${j.readings.map(r => r.printed).join('; ')}`
  if (j.overrides.length) return j.overrides.map(o => `Professional override (${o.rule}): ${o.rationale}`).join('; ')
  if (j.source?.kind === 'ingested' && j.source.fromNarrative) return 'Judged in the narrative’s words'
  return ''
}

export function judgementRows(a: Assessment) {
  const f = getFramework(a.frameworkId)
  return f.areas
    .filter(area => area.grade !== 'none')
    .map(area => {
      const j = a.judgements.find(x => x.areaId === area.id)
      return {
        areaId: area.id,
        title: areaTitle(f, area.id),
        grade: j?.grade ?? null,
        printed: printedGrade(f, j?.grade ?? null),
        level: j?.level ?? null,
        display: gradeDisplay(f, j?.grade ?? null),
        note: judgementNote(j),
      }
    })
}

/** The kind of inspection as the framework names it, and, where it was told from the dates, a word saying so. */
export function inspectionTypeOf(f: Framework, a: Pick<Assessment, 'inspectionType'>) {
  const t = f.recognition.inspectionTypes?.find(x => x.id === a.inspectionType)
  if (!t) return null
  return {
    label: t.label,
    note: t.fieldworkDays ? 'told from how long the inspection lasted; the report does not print it' : null,
  }
}

/** The judgements of an assessment as CSV: one row per graded area, the printed grade and the level beside it. */
export function judgementsCsv(a: Assessment, authority: Authority): string {
  const f = getFramework(a.frameworkId)
  const rows = judgementRows(a).map(r => [
    authority.code,
    authority.name,
    f.id,
    dateOf(a),
    r.areaId,
    r.title,
    r.grade,
    r.printed,
    r.level,
    r.note || null,
  ])
  return toCsv([
    [
      'authority_code',
      'authority',
      'framework',
      'date',
      'area_id',
      'area',
      'grade',
      'grade_as_printed',
      'level',
      'note',
    ],
    ...rows,
  ])
}

const folded = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[ .:]+$/, '')
    .trim()

/**
 * A contents list for a long report: its headings that name a part, group or area of its framework, each linked to
 * its place, once each. A short report (or one with few such headings) has none.
 */
export function reportContents(doc: RenderedDocument, f: Framework): { text: string; href: string }[] {
  const names = new Set(
    [...f.parts, ...f.groups, ...f.areas.flatMap(a => [a, ...(a.alsoPrintedAs ?? []).map(label => ({ label }))])].map(
      x => folded(x.label),
    ),
  )
  const seen = new Set<string>()
  const entries = doc.blocks.flatMap((b, i) => {
    if (b.kind !== 'heading' || !names.has(folded(b.text)) || seen.has(folded(b.text))) return []
    seen.add(folded(b.text))
    return [{ text: b.text, href: `#${sectionId(i)}` }]
  })
  const words = doc.blocks.reduce((n, b) => n + JSON.stringify(b).split(/\s+/).length, 0)
  return entries.length >= 3 && words > 2000 ? entries : []
}

/** The comment boxes an authority's officer has: the report as a whole, then each area. */
export function commentSections(f: Framework) {
  return [
    { id: GENERAL_SECTION, key: 'general', title: 'the report as a whole', value: '', error: null as string | null },
    ...f.areas.map(a => ({
      id: a.id,
      key: a.id.replaceAll('.', '-'),
      title: areaTitle(f, a.id),
      value: '',
      error: null as string | null,
    })),
  ]
}

/** A document the report was read from, with a link to its original where that is held. */
export function documentRow(assessmentId: string, d: StoredDocument, held: boolean) {
  return {
    fileName: d.fileName,
    format: d.format.toUpperCase(),
    size: d.bytes < 1024 * 1024 ? `${Math.ceil(d.bytes / 1024)} KB` : `${(d.bytes / 1024 / 1024).toFixed(1)} MB`,
    hash: d.hash,
    sourceUrl: d.sourceUrl,
    href: held ? `/assessments/${assessmentId}/documents/${d.hash}` : null,
  }
}
