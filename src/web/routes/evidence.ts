import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { readAssessment } from '../../app/assessments.js'
import {
  addEvidence,
  addSummaryToAbout,
  attachEvidenceFile,
  type EvidenceLog,
  evidenceFile,
  evidenceLog,
  linkEvidenceItem,
  readEvidence,
  readSelfAssessment,
  submitSelfAssessment,
} from '../../app/evidence.js'
import {
  type Assessment,
  areasFor,
  areaTitle,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceItem,
  type EvidenceKind,
  evidenceFor,
  evidenceSettings,
  FRAMEWORKS,
  type Framework,
  getFramework,
  MAX_EVIDENCE_FILE_BYTES,
  makeEvidence,
  NotFoundError,
  pointsBestFirst,
  ValidationError,
} from '../../domain/index.js'
import { sendError } from '../errors.js'
import { type FieldProblem, summaryOf, textFields } from '../form.js'
import { authorityNames, gradeDisplay, minute, printedGrade } from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

const staff = requireRole('inspector', 'quality-assurer')
const base = (id: string) => `/staff/assessments/${id}/evidence`
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 1, fields: 200 },
})
/** The longest notes or narrative the evidence schemas keep. */
const MAX_TEXT = 20_000
const CHOOSE_KIND = `Choose what kind of evidence it is: ${EVIDENCE_KINDS.map(k => EVIDENCE_KIND_LABELS[k].toLowerCase()).join(', ')}`
const AGREEMENT: Record<string, string> = {
  agrees: 'Inspectors agree',
  'inspectors-higher': 'Inspectors grade it higher',
  'inspectors-lower': 'Inspectors grade it lower',
}

/** What the log and item pages say of an item. */
function itemRow(f: Framework, id: string, i: EvidenceItem) {
  return {
    id: i.id,
    href: `${base(id)}/${i.id}`,
    title: i.title,
    kind: EVIDENCE_KIND_LABELS[i.kind],
    caseReference: i.caseReference,
    informs: i.areaIds.map(a => areaTitle(f, a)),
    recorded: `${i.recordedByName || i.recordedBy}, ${minute(i.recordedAt)}`,
    files: i.files.map(file => ({
      ...file,
      href: `${base(id)}/${i.id}/files/${file.id}`,
      size: `${Math.max(1, Math.round(file.bytes / 1024)).toLocaleString('en-GB')} KB`,
    })),
  }
}

/** The fields of the form that names judgements: one checkbox per area, `area:<id>`. */
function areaCheckboxes(f: Framework, a: Assessment, chosen: readonly string[]) {
  return areasFor(f, a).map(area => ({
    value: 'yes',
    name: `area:${area.id}`,
    text: areaTitle(f, area.id),
    checked: chosen.includes(area.id),
  }))
}

const chosenAreas = (body: Record<string, unknown>) =>
  Object.entries(body)
    .filter(([k, v]) => k.startsWith('area:') && v === 'yes')
    .map(([k]) => k.slice('area:'.length))

function logPage(req: Request, res: Response, log: EvidenceLog, names: Map<string, string>, extra = {}) {
  const { assessment: a, framework: f } = log
  const q = req.query as Record<string, string | undefined>
  renderPage(req, res, 'evidence/log/page.njk', {
    title: `Evidence: ${names.get(a.authorityCode) ?? a.authorityCode}, ${f.name}`,
    id: a.id,
    version: a.version,
    authorityName: names.get(a.authorityCode) ?? a.authorityCode,
    frameworkName: f.name,
    summary: log.summary,
    purged: log.purged,
    retentionEnds: log.retentionEnds,
    retention: f.evidence?.retention,
    about: log.about,
    aboutWritten: log.about !== null && a.about.split(/\n{2,}/).includes(log.about),
    editable: a.status !== 'published',
    items: log.shown.map(i => itemRow(f, a.id, i)),
    filtered: Boolean(q.area || q.kind),
    areaItems: [
      { value: '', text: 'All judgements' },
      ...areasFor(f, a).map(x => ({ value: x.id, text: areaTitle(f, x.id), selected: x.id === q.area })),
    ],
    kindItems: [
      { value: '', text: 'All kinds' },
      ...EVIDENCE_KINDS.map(k => ({ value: k, text: EVIDENCE_KIND_LABELS[k], selected: k === q.kind })),
    ],
    kinds: EVIDENCE_KINDS.map(k => ({ href: `${base(a.id)}/new?kind=${k}`, text: EVIDENCE_KIND_LABELS[k] })),
    judgements: areasFor(f, a).map(area => {
      const j = a.judgements.find(x => x.areaId === area.id)
      const council = log.selfAssessment?.areas.find(x => x.areaId === area.id)
      return {
        id: area.id,
        title: areaTitle(f, area.id),
        display: gradeDisplay(f, j?.grade ?? null),
        evidence: evidenceFor(log.items, area.id).length,
        href: `${base(a.id)}?area=${encodeURIComponent(area.id)}`,
        editor: `/staff/assessments/${a.id}/areas/${area.id}`,
        council: council ? (printedGrade(f, council.council) ?? 'No grade') : null,
        councilNarrative: council?.narrative ?? '',
        agreement: council?.agreement ? AGREEMENT[council.agreement] : null,
      }
    }),
    selfAssessment: log.selfAssessment
      ? {
          by: log.selfAssessment.selfAssessment.submittedByName,
          at: minute(log.selfAssessment.selfAssessment.submittedAt),
          year: log.selfAssessment.selfAssessment.year,
        }
      : null,
    findings: log.findings,
    ...extra,
  })
}

/** The form's answers for a new item, read into the domain's input, with what the form itself finds wrong. */
function evidenceInput(f: Framework, kind: EvidenceKind, body: Record<string, string>) {
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
function problemsOf(e: unknown): FieldProblem[] {
  if (!(e instanceof ValidationError)) throw e
  return e.problems.map(text => ({ field: fieldOf(text), text }))
}
/** The new item form's fields, in the order it shows them. */
const EVIDENCE_FIELDS = ['title', 'caseReference', 'findings', 'participants', 'respondents', 'notes', 'areas', 'file']

/** The inspection's evidence pages, and the council's self-assessment form for its officers. */
export function evidenceRoutes() {
  const router = Router()

  router.get('/staff/assessments/:id/evidence', staff, async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const kind = q.kind ? z.enum(EVIDENCE_KINDS).safeParse(q.kind) : undefined
    if (kind && !kind.success) return sendError(req, res, 400, undefined, CHOOSE_KIND)
    const log = await evidenceLog(req.ctx, req.actor, req.params.id as string, {
      areaId: q.area || undefined,
      kind: kind?.data,
    })
    logPage(req, res, log, authorityNames(await req.ctx.store.authorities.list()), {
      notice: q.done === 'about' ? 'The summary has been added to About this inspection.' : null,
    })
  })

  const newPage = async (
    req: Request,
    res: Response,
    a: Assessment,
    kind: EvidenceKind | null,
    values: Record<string, string>,
    problems: readonly FieldProblem[],
  ) => {
    const f = getFramework(a.frameworkId)
    const settings = evidenceSettings(f).caseAudit
    const names = authorityNames(await req.ctx.store.authorities.list())
    // Each problem links to its field's first input: the first aspect's first rating, the first judgement's box.
    const href = (field: string) =>
      field === 'findings' ? `#finding-${settings.aspects[0]?.id}` : field === 'areas' ? '#area' : `#${field}`
    renderPage(req, res, 'evidence/new/page.njk', {
      title: kind ? `Record a ${EVIDENCE_KIND_LABELS[kind].toLowerCase()}` : 'Record evidence',
      ...summaryOf(problems, EVIDENCE_FIELDS, href),
      values,
      id: a.id,
      kind,
      kindLabel: kind ? EVIDENCE_KIND_LABELS[kind] : null,
      authorityName: names.get(a.authorityCode) ?? a.authorityCode,
      frameworkName: f.name,
      kinds: EVIDENCE_KINDS.map(k => ({ href: `${base(a.id)}/new?kind=${k}`, text: EVIDENCE_KIND_LABELS[k] })),
      aspects: settings.aspects.map(x => ({
        id: `finding-${x.id}`,
        name: `finding:${x.id}`,
        label: x.label,
        items: [
          { value: '', text: 'Not audited', checked: !values[`finding:${x.id}`] },
          ...settings.scale.map(s => ({ value: s.id, text: s.label, checked: values[`finding:${x.id}`] === s.id })),
        ],
      })),
      areas: areaCheckboxes(f, a, chosenAreas(values)),
      maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024,
    })
  }

  const kindOf = (value: unknown): EvidenceKind | null =>
    (EVIDENCE_KINDS as readonly unknown[]).includes(value) ? (value as EvidenceKind) : null

  router.get('/staff/assessments/:id/evidence/new', staff, async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
    await newPage(req, res, a, kindOf(req.query.kind), {}, [])
  })

  router.post('/staff/assessments/:id/evidence', staff, upload.single('file'), checkCsrf, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = textFields(req.body)
    const a = await readAssessment(req.ctx, actor, req.params.id as string)
    const kind = kindOf(body.kind)
    if (!kind) return sendError(req, res, 400, undefined, CHOOSE_KIND)
    const file = req.file && req.file.size > 0 ? req.file : undefined
    const f = getFramework(a.frameworkId)
    const { input, problems } = evidenceInput(f, kind, body)
    if (problems.length) {
      // The form's own problems come with all the domain finds in the rest of it, in one summary.
      try {
        makeEvidence(f, a, input, { id: req.ctx.newId(), by: actor.id, byName: user.name, at: req.ctx.now() })
      } catch (e) {
        const flagged = new Set(problems.map(p => p.field))
        problems.push(...problemsOf(e).filter(p => !flagged.has(p.field)))
      }
      res.status(400)
      return newPage(req, res, a, kind, body, problems)
    }
    try {
      const files = file
        ? [{ fileName: file.originalname, mediaType: file.mimetype, bytes: new Uint8Array(file.buffer) }]
        : []
      const item = await addEvidence(req.ctx, actor, user.name, a.id, input, files)
      res.redirect(303, `${base(a.id)}/${item.id}?done=added`)
    } catch (e) {
      const found = problemsOf(e)
      res.status(400)
      await newPage(req, res, a, kind, body, found)
    }
  })

  router.post('/staff/assessments/:id/evidence/about', staff, async (req, res) => {
    const version = z.coerce
      .number()
      .int()
      .min(1)
      .safeParse((req.body as Record<string, unknown>)?.version)
    if (!version.success) return sendError(req, res, 400, undefined, 'The form did not say which version you changed')
    try {
      await addSummaryToAbout(req.ctx, signedIn(req).actor, req.params.id as string, version.data)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      return sendError(req, res, 400, undefined, e.message)
    }
    res.redirect(303, `${base(req.params.id as string)}?done=about`)
  })

  const itemPage = async (req: Request, res: Response, evidenceId: string, extra: Record<string, unknown> = {}) => {
    const {
      assessment: a,
      framework: f,
      item,
    } = await readEvidence(req.ctx, req.actor, req.params.id as string, evidenceId)
    const settings = evidenceSettings(f).caseAudit
    const names = authorityNames(await req.ctx.store.authorities.list())
    renderPage(req, res, 'evidence/item/page.njk', {
      title: `${item.title}: evidence`,
      id: a.id,
      authorityName: names.get(a.authorityCode) ?? a.authorityCode,
      frameworkName: f.name,
      item: itemRow(f, a.id, item),
      notes: item.notes ? item.notes.split(/\n{2,}/) : [],
      findings: item.findings.map(x => ({
        aspect: settings.aspects.find(y => y.id === x.aspect)?.label ?? x.aspect,
        rating: settings.scale.find(y => y.id === x.rating)?.label ?? x.rating,
      })),
      participants: item.participants.map(p => `${p.role} (${p.count})`),
      respondents: item.respondents,
      areas: areaCheckboxes(f, a, item.areaIds),
      editable: a.status !== 'published',
      maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024,
      notice:
        req.query.done === 'added'
          ? 'The evidence has been recorded.'
          : req.query.done === 'linked'
            ? 'The judgements it informs have been saved.'
            : req.query.done === 'attached'
              ? 'The file has been attached.'
              : null,
      ...extra,
    })
  }

  router.get('/staff/assessments/:id/evidence/:evidenceId', staff, (req, res) =>
    itemPage(req, res, req.params.evidenceId as string),
  )

  router.post('/staff/assessments/:id/evidence/:evidenceId/links', staff, async (req, res) => {
    const id = req.params.id as string
    try {
      await linkEvidenceItem(
        req.ctx,
        signedIn(req).actor,
        id,
        req.params.evidenceId as string,
        chosenAreas(req.body ?? {}),
      )
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      return itemPage(
        req,
        res,
        req.params.evidenceId as string,
        summaryOf([{ field: 'areas', text: e.message }], [], () => '#area'),
      )
    }
    res.redirect(303, `${base(id)}/${req.params.evidenceId}?done=linked`)
  })

  router.post(
    '/staff/assessments/:id/evidence/:evidenceId/files',
    staff,
    upload.single('file'),
    checkCsrf,
    async (req, res) => {
      const id = req.params.id as string
      const file = req.file
      try {
        if (!file || file.size === 0) throw new ValidationError(file ? 'The selected file is empty' : 'Select a file')
        await attachEvidenceFile(req.ctx, signedIn(req).actor, id, req.params.evidenceId as string, {
          fileName: file.originalname,
          mediaType: file.mimetype,
          bytes: new Uint8Array(file.buffer),
        })
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        res.status(400)
        return itemPage(req, res, req.params.evidenceId as string, formErrors({ file: e.message }))
      }
      res.redirect(303, `${base(id)}/${req.params.evidenceId}?done=attached`)
    },
  )

  router.get('/staff/assessments/:id/evidence/:evidenceId/files/:fileId', staff, async (req, res) => {
    const f = await evidenceFile(
      req.ctx,
      req.actor,
      req.params.id as string,
      req.params.evidenceId as string,
      req.params.fileId as string,
    )
    res.attachment(f.fileName).type('application/octet-stream').send(Buffer.from(f.content))
  })

  // The council's self-assessment, by its officers: a grade and a narrative for each graded area, in this order.
  const gradedAreas = (f: Framework) => f.areas.filter(x => x.grade !== 'none')
  const SELF_ASSESSMENT_FIELDS = (f: Framework) => [
    'framework',
    'year',
    ...gradedAreas(f).flatMap((_, i) => [`grade-${i + 1}`, `narrative-${i + 1}`]),
  ]
  const officer = requireRole('authority-officer')
  const withEvidence = FRAMEWORKS.filter(f => f.evidence)
  const selfPage = async (
    req: Request,
    res: Response,
    values: Record<string, string>,
    problems: readonly FieldProblem[],
  ) => {
    const { actor } = signedIn(req)
    const f = getFramework(values.framework || (withEvidence.at(-1)?.id as string))
    const year = Number(values.year) || Math.min(f.years[1], req.ctx.now().getUTCFullYear())
    const code = actor.authorityCode as string
    const held = await readSelfAssessment(req.ctx, actor, code, f.id, year).catch(e => {
      if (e instanceof NotFoundError) return null
      throw e
    })
    const authority = await req.ctx.store.authorities.get(code)
    renderPage(req, res, 'evidence/self-assessment/page.njk', {
      title: 'Your council’s self-assessment',
      ...summaryOf(problems, SELF_ASSESSMENT_FIELDS(f)),
      authorityName: authority?.name ?? code,
      frameworkItems: withEvidence.map(x => ({
        value: x.id,
        text: `${x.name} (${x.years[0]}–${x.years[1]})`,
        selected: x.id === f.id,
      })),
      framework: f.id,
      frameworkName: f.name,
      year,
      held: held ? { by: held.submittedByName, at: minute(held.submittedAt) } : null,
      notice: req.query.done === 'submitted' ? 'Your self-assessment has been submitted.' : null,
      areas: gradedAreas(f).map(x => {
        const given = held?.areas.find(y => y.areaId === x.id)
        const grade = values[`grade:${x.id}`] ?? (given?.grade == null ? '' : String(given.grade))
        return {
          id: x.id,
          title: areaTitle(f, x.id),
          gradeName: `grade:${x.id}`,
          narrativeName: `narrative:${x.id}`,
          narrative: values[`narrative:${x.id}`] ?? given?.narrative ?? '',
          gradeItems: [
            { value: '', text: 'No grade', selected: grade === '' },
            ...pointsBestFirst(f.scale).map(p => ({
              value: String(p.value),
              text: printedGrade(f, p.value) ?? p.label,
              selected: grade === String(p.value),
            })),
          ],
        }
      }),
    })
  }

  router.get('/la/self-assessment', officer, (req, res) => {
    const q = textFields(req.query)
    const problems: FieldProblem[] = []
    if (q.framework && !withEvidence.some(f => f.id === q.framework))
      problems.push({ field: 'framework', text: 'Select a framework from the list' })
    if (q.year && !/^\d{4}$/.test(q.year)) problems.push({ field: 'year', text: 'Year must be a real year, like 2019' })
    if (problems.length) res.status(400)
    return selfPage(req, res, problems.length ? {} : q, problems)
  })

  router.post('/la/self-assessment', officer, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = textFields(req.body)
    const f = withEvidence.find(x => x.id === body.framework)
    if (!f || !/^\d{4}$/.test(body.year ?? ''))
      return sendError(req, res, 400, undefined, 'Choose the framework and year')
    const areas = gradedAreas(f)
    // Every grade that is not one of the list's is named at once, each on its own field.
    const problems: FieldProblem[] = areas.flatMap((x, i) => {
      const g = body[`grade:${x.id}`] ?? ''
      const narrative = (body[`narrative:${x.id}`] ?? '').trim()
      return [
        ...(g && !/^\d+$/.test(g)
          ? [{ field: `grade-${i + 1}`, text: `Select a grade for ${areaTitle(f, x.id)} from the list` }]
          : []),
        ...(narrative.length > MAX_TEXT
          ? [
              {
                field: `narrative-${i + 1}`,
                text: `Your narrative for ${areaTitle(f, x.id)} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
              },
            ]
          : []),
      ]
    })
    if (problems.length) {
      res.status(400)
      return selfPage(req, res, body, problems)
    }
    try {
      await submitSelfAssessment(req.ctx, actor, user.name, {
        authorityCode: actor.authorityCode as string,
        frameworkId: f.id,
        year: Number(body.year),
        areas: areas.map(x => {
          const g = body[`grade:${x.id}`] ?? ''
          return { areaId: x.id, grade: g ? Number(g) : null, narrative: body[`narrative:${x.id}`] ?? '' }
        }),
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      // A problem that names an area is put on its grade; one about the whole form, on the first grade.
      const onField = (text: string) => {
        const at = areas.findIndex(x => text.startsWith(`${areaTitle(f, x.id)}:`))
        return { field: `grade-${at < 0 ? 1 : at + 1}`, text }
      }
      return selfPage(req, res, body, e.problems.map(onField))
    }
    res.redirect(303, `/la/self-assessment?framework=${f.id}&year=${body.year}&done=submitted`)
  })

  return router
}
