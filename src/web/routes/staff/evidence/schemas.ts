import multer from 'multer'
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceKind,
  evidenceSettings,
  type Framework,
  MAX_EVIDENCE_FILE_BYTES,
  ValidationError,
} from '../../../../domain/index.js'
import type { FieldProblem } from '../../../form.js'

/** The evidence forms' body with its one file, read before their token is checked (the token is in the body). */
export const evidenceUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 1, fields: 200 },
})

/** The longest notes or narrative the evidence schemas keep. */
export const MAX_TEXT = 20_000

export const CHOOSE_KIND = `Choose what kind of evidence it is: ${EVIDENCE_KINDS.map(k => EVIDENCE_KIND_LABELS[k].toLowerCase()).join(', ')}`

/** A kind of evidence the form named, or null. */
export const kindOf = (value: unknown): EvidenceKind | null =>
  (EVIDENCE_KINDS as readonly unknown[]).includes(value) ? (value as EvidenceKind) : null

/** The judgements a form's checkboxes (`area:<id>`) name. */
export const chosenAreas = (body: Record<string, unknown>) =>
  Object.entries(body)
    .filter(([k, v]) => k.startsWith('area:') && v === 'yes')
    .map(([k]) => k.slice('area:'.length))

/** The form's answers for a new item, read into the domain's input, with what the form itself finds wrong. */
export function evidenceInput(f: Framework, kind: EvidenceKind, body: Record<string, string>) {
  const settings = evidenceSettings(f).caseAudit
  const problems: FieldProblem[] = []
  const lines = (body.participants ?? '')
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(Boolean)
    .map(l => ({ line: l, match: /^(.+?)\s*[:×x]\s*(\d+)$/.exec(l) }))
  const participants = lines.flatMap(({ match: m }) => (m ? [{ role: m[1] as string, count: Number(m[2]) }] : []))
  const unread = lines.filter(l => !l.match).map(l => l.line)
  if (unread.length)
    problems.push({
      field: 'participants',
      text: `Enter each participant as a role and how many, like “Social worker: 4” (not “${unread.join('”, “')}”)`,
    })
  if (participants.some(p => p.count < 1 || p.count > 10_000))
    problems.push({ field: 'participants', text: 'Each number of participants must be between 1 and 10,000' })
  const respondents = body.respondents?.trim()
  if (respondents && !/^\d+$/.test(respondents))
    problems.push({ field: 'respondents', text: 'How many responded must be a whole number, like 12' })
  else if (respondents && Number(respondents) > 1_000_000)
    problems.push({ field: 'respondents', text: 'How many responded must be 1,000,000 or fewer' })
  if ((body.notes ?? '').trim().length > MAX_TEXT)
    problems.push({
      field: 'notes',
      text: `What it showed must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
    })
  const input = {
    kind,
    title: body.title ?? '',
    caseReference: kind === 'case-audit' ? (body.caseReference ?? '') : null,
    findings: settings.aspects
      .filter(x => body[`finding:${x.id}`])
      .map(x => ({ aspect: x.id, rating: body[`finding:${x.id}`] as string })),
    participants,
    respondents: respondents && /^\d+$/.test(respondents) ? Number(respondents) : null,
    notes: body.notes ?? '',
    areaIds: chosenAreas(body),
  }
  return { input, problems }
}

const FIELD_OF: [RegExp, string][] = [
  [/^notes\b/i, 'notes'],
  [/case reference/i, 'caseReference'],
  [/title|short description|evidence: /i, 'title'],
  [/participant/i, 'participants'],
  [/responded|respondents/i, 'respondents'],
  [/file/i, 'file'],
  [/aspect|rating/i, 'findings'],
  [/judges no area/i, 'areas'],
]
const fieldOf = (message: string) => FIELD_OF.find(([re]) => re.test(message))?.[1] ?? 'title'

/** A validation error's problems, each on the field it is about; any other error is thrown on. */
export function problemsOf(e: unknown): FieldProblem[] {
  if (!(e instanceof ValidationError)) throw e
  return e.problems.map(text => ({ field: fieldOf(text), text }))
}

/** The new item form's fields, in the order it shows them. */
export const EVIDENCE_FIELDS = [
  'title',
  'caseReference',
  'findings',
  'participants',
  'respondents',
  'notes',
  'areas',
  'file',
]
