import {
  areaTitle,
  type Framework,
  getArea,
  longDate,
  RECOMMENDATION_STATUS_LABELS,
  STATUS_LABELS,
} from '../../../../domain/index.js'
import type { AuditEntry } from '../../../../store/audit.js'
import { printedGrade } from '../../../presenters.js'

/**
 * What an audit entry changed, value by value, in words: "Grade for Help and protection: 3 (Adequate) → 2 (Good)".
 * It reads the before and after the entry holds (written once, never changed); a value the entry does not hold, or
 * that an older entry held in another shape, gives no line rather than a guess.
 */
export function auditChanges(f: Framework, e: Pick<AuditEntry, 'action' | 'entityId' | 'before' | 'after'>): string[] {
  const before = record(e.before)
  const after = record(e.after)
  const areaId = e.entityId.split('/')[1]
  const area = areaId ? titleOf(f, areaId) : null
  if (e.action.startsWith('judgement.') && area) return judgementChanges(f, area, before, after)
  if (e.action === 'recommendation.update')
    return [
      change('Status', statusWord(before.status), statusWord(after.status)),
      typeof after.note === 'string' && after.note ? `Progress note: “${after.note}”` : null,
    ].filter(isLine)
  if (e.action === 'recommendation.add' || e.action === 'recommendation.remove')
    return [change('Recommendation', quoted(before.text), quoted(after.text))].filter(isLine)
  if (e.action.startsWith('assessment.') && e.action !== 'assessment.create' && e.action !== 'assessment.correction')
    return assessmentChanges(f, before, after)
  return []
}

const NONE = 'none'
/** An area's title ("Safeguarding services: Overall effectiveness" reads as one name before the line's own colon). */
const titleOf = (f: Framework, areaId: string) =>
  getArea(f, areaId) ? areaTitle(f, areaId).replaceAll(': ', ', ') : null
const isLine = (x: string | null): x is string => x !== null
const record = (x: unknown): Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {}

/** "Label: before → after", or null where the value did not change. */
function change(label: string, before: string, after: string): string | null {
  return before === after ? null : `${label}: ${before} → ${after}`
}

const quoted = (x: unknown) => (typeof x === 'string' && x ? `“${x}”` : NONE)

function statusWord(x: unknown): string {
  if (typeof x !== 'string') return NONE
  return (
    (RECOMMENDATION_STATUS_LABELS as Record<string, string>)[x] ?? (STATUS_LABELS as Record<string, string>)[x] ?? x
  )
}

/** A text by its length: the audit trail says that it changed; the text itself is on the page it belongs to. */
function words(x: unknown): string {
  const n = typeof x === 'string' ? x.split(/\s+/).filter(Boolean).length : 0
  return n === 0 ? NONE : n === 1 ? '1 word' : `${n.toLocaleString('en-GB')} words`
}

const count = (x: unknown) => String(Array.isArray(x) ? x.length : 0)

function judgementChanges(
  f: Framework,
  area: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const grade = (x: unknown) => (typeof x === 'number' ? (printedGrade(f, x) ?? String(x)) : 'no grade')
  const overrides = (x: unknown) => (Array.isArray(x) ? x.map(o => record(o)) : [])
  const had = new Set(overrides(before.overrides).map(o => `${o.rule}\n${o.rationale}`))
  return [
    change(`Grade for ${area}`, grade(before.grade), grade(after.grade)),
    change(`Narrative for ${area}`, words(before.narrative), words(after.narrative)),
    change(`Strengths for ${area}`, count(before.strengths), count(after.strengths)),
    change(`Areas for development for ${area}`, count(before.areasForDevelopment), count(after.areasForDevelopment)),
    ...overrides(after.overrides)
      .filter(o => !had.has(`${o.rule}\n${o.rationale}`))
      .map(o => `Professional override for ${area}: “${String(o.rationale)}”`),
  ].filter(isLine)
}

const DATE_LABELS: Record<string, string> = {
  letter: 'Date of the letter',
  published: 'Date of publication',
  inspectionStart: 'First day of the inspection',
  inspectionEnd: 'Last day of the inspection',
  periodStart: 'Start of the period assessed',
  periodEnd: 'End of the period assessed',
}

const day = (x: unknown) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? longDate(x) : NONE)

function person(x: unknown): string {
  const p = record(x)
  return [p.name, p.title, p.organisation].filter(v => typeof v === 'string' && v).join(', ') || NONE
}

const list = (x: unknown, each: (v: unknown) => string) =>
  Array.isArray(x) && x.length ? x.map(each).join('; ') : NONE

/**
 * A move, the details, a signature, a report read again: each field the entry holds on both sides, compared; where
 * it holds the whole assessment both sides, its judgements area by area too.
 */
function assessmentChanges(f: Framework, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const both = (key: string) => key in before && key in after
  const lines: (string | null)[] = []
  if (Array.isArray(before.judgements) && Array.isArray(after.judgements)) {
    const byArea = (list: unknown[]) => new Map(list.map(j => [String(record(j).areaId), record(j)]))
    const [was, is] = [byArea(before.judgements), byArea(after.judgements)]
    for (const { id } of f.areas.filter(x => was.has(x.id) || is.has(x.id)))
      lines.push(...judgementChanges(f, titleOf(f, id) as string, was.get(id) ?? {}, is.get(id) ?? {}))
  }
  if (both('recommendations'))
    lines.push(change('Recommendations', count(before.recommendations), count(after.recommendations)))
  if (both('status')) lines.push(change('Stage', statusWord(before.status), statusWord(after.status)))
  if (both('dates')) {
    const [was, is] = [record(before.dates), record(after.dates)]
    for (const [key, label] of Object.entries(DATE_LABELS)) lines.push(change(label, day(was[key]), day(is[key])))
  }
  const fields: [string, string, (x: unknown) => string][] = [
    ['addressee', 'Addressee', person],
    ['addressLines', 'Address', x => list(x, String)],
    ['salutation', 'Salutation', quoted],
    ['reportingInspector', 'Reporting inspector', person],
    ['signatories', 'Signed by', x => list(x, person)],
    ['summary', 'Summary', words],
    ['about', 'About this inspection', words],
    ['serviceInformation', 'Service information', words],
    ['numberedParagraphs', 'Numbered paragraphs', x => (x === true ? 'yes' : 'no')],
  ]
  for (const [key, label, show] of fields) if (both(key)) lines.push(change(label, show(before[key]), show(after[key])))
  return lines.filter(isLine)
}
