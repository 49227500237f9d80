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
  NotFoundError,
  pointsBestFirst,
  ValidationError,
} from '../../domain/index.js'
import { sendError } from '../errors.js'
import { authorityNames, gradeDisplay, minute, printedGrade } from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

const staff = requireRole('inspector', 'quality-assurer')
const base = (id: string) => `/staff/assessments/${id}/evidence`
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 1, fields: 200 },
})
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

/** The form's answers for a new item, read into the domain's input. */
function evidenceInput(f: Framework, kind: EvidenceKind, body: Record<string, string>) {
  const settings = evidenceSettings(f).caseAudit
  const participants = (body.participants ?? '')
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(Boolean)
    .map(l => {
      const m = /^(.+?)\s*[:×x]\s*(\d+)$/.exec(l)
      if (!m)
        throw new ValidationError(`Write each participant as a role and how many, like "Social worker: 4" (not "${l}")`)
      return { role: m[1] as string, count: Number(m[2]) }
    })
  const respondents = body.respondents?.trim()
  if (respondents && !/^\d+$/.test(respondents)) throw new ValidationError('Enter how many responded as a whole number')
  return {
    kind,
    title: body.title ?? '',
    caseReference: kind === 'case-audit' ? (body.caseReference ?? '') : null,
    findings: settings.aspects
      .filter(x => body[`finding:${x.id}`])
      .map(x => ({ aspect: x.id, rating: body[`finding:${x.id}`] as string })),
    participants,
    respondents: respondents ? Number(respondents) : null,
    notes: body.notes ?? '',
    areaIds: chosenAreas(body),
  }
}

const FIELD_OF: [RegExp, string][] = [
  [/case reference/i, 'caseReference'],
  [/title|evidence: /i, 'title'],
  [/participant/i, 'participants'],
  [/responded|respondents/i, 'respondents'],
  [/file/i, 'file'],
  [/aspect|rating/i, 'findings'],
  [/judges no area/i, 'areas'],
]
const fieldOf = (message: string) => FIELD_OF.find(([re]) => re.test(message))?.[1] ?? 'title'

/** The inspection's evidence pages, and the council's self-assessment form for its officers. */
export function evidenceRoutes() {
  const router = Router()

  router.get('/staff/assessments/:id/evidence', staff, async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const kind = q.kind ? z.enum(EVIDENCE_KINDS).safeParse(q.kind) : undefined
    if (kind && !kind.success)
      return sendError(req, res, 400, undefined, `Choose a kind of evidence: ${EVIDENCE_KINDS.join(', ')}`)
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
    fields: Record<string, string>,
  ) => {
    const f = getFramework(a.frameworkId)
    const settings = evidenceSettings(f).caseAudit
    const names = authorityNames(await req.ctx.store.authorities.list())
    renderPage(req, res, 'evidence/new/page.njk', {
      title: kind ? `Record a ${EVIDENCE_KIND_LABELS[kind].toLowerCase()}` : 'Record evidence',
      ...formErrors(fields),
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
    await newPage(req, res, a, kindOf(req.query.kind), {}, {})
  })

  router.post('/staff/assessments/:id/evidence', staff, upload.single('file'), checkCsrf, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = (req.body ?? {}) as Record<string, string>
    const a = await readAssessment(req.ctx, actor, req.params.id as string)
    const kind = kindOf(body.kind)
    if (!kind) return sendError(req, res, 400, undefined, `Choose a kind of evidence: ${EVIDENCE_KINDS.join(', ')}`)
    const file = req.file && req.file.size > 0 ? req.file : undefined
    try {
      const input = evidenceInput(getFramework(a.frameworkId), kind, body)
      const files = file
        ? [{ fileName: file.originalname, mediaType: file.mimetype, bytes: new Uint8Array(file.buffer) }]
        : []
      const item = await addEvidence(req.ctx, actor, user.name, a.id, input, files)
      res.redirect(303, `${base(a.id)}/${item.id}?done=added`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await newPage(req, res, a, kind, body, Object.fromEntries(e.problems.map(p => [fieldOf(p), p])))
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
      return itemPage(req, res, req.params.evidenceId as string, formErrors({ areas: e.message }))
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

  // The council's self-assessment, by its officers.
  const officer = requireRole('authority-officer')
  const withEvidence = FRAMEWORKS.filter(f => f.evidence)
  const selfPage = async (
    req: Request,
    res: Response,
    values: Record<string, string>,
    fields: Record<string, string>,
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
      ...formErrors(fields),
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
      areas: f.areas
        .filter(x => x.grade !== 'none')
        .map(x => {
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
    const q = req.query as Record<string, string>
    const known = withEvidence.some(f => f.id === q.framework)
    if (q.framework && !known) return sendError(req, res, 400, undefined, 'Choose one of the frameworks listed')
    if (q.year && !/^\d{4}$/.test(q.year)) return sendError(req, res, 400, undefined, 'Enter a year like 2019')
    return selfPage(req, res, { framework: q.framework ?? '', year: q.year ?? '' }, {})
  })

  router.post('/la/self-assessment', officer, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = (req.body ?? {}) as Record<string, string>
    const f = withEvidence.find(x => x.id === body.framework)
    if (!f || !/^\d{4}$/.test(body.year ?? ''))
      return sendError(req, res, 400, undefined, 'Choose the framework and year')
    try {
      await submitSelfAssessment(req.ctx, actor, user.name, {
        authorityCode: actor.authorityCode as string,
        frameworkId: f.id,
        year: Number(body.year),
        areas: f.areas
          .filter(x => x.grade !== 'none')
          .map(x => {
            const g = body[`grade:${x.id}`] ?? ''
            if (g && !/^\d+$/.test(g)) throw new ValidationError(`${areaTitle(f, x.id)}: choose a grade from the list`)
            return { areaId: x.id, grade: g ? Number(g) : null, narrative: body[`narrative:${x.id}`] ?? '' }
          }),
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      return selfPage(req, res, body, { 'self-assessment': e.message })
    }
    res.redirect(303, `/la/self-assessment?framework=${f.id}&year=${body.year}&done=submitted`)
  })

  return router
}
