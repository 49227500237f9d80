import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import {
  addRecommendation,
  correctIngestedJudgement,
  createAssessment,
  moveAssessment,
  readAssessment,
  recordJudgement,
  removeRecommendation,
  signAssessment,
  startCorrection,
  updateDetails,
} from '../../app/assessments.js'
import { factualCheckOf } from '../../app/comments.js'
import { evidenceAdvice } from '../../app/evidence.js'
import { ingestFile } from '../../app/ingest.js'
import { type JobView, jobsOf } from '../../app/jobs.js'
import {
  type Assessment,
  areaTitle,
  availableTransitions,
  canEdit,
  DATE_NAMES,
  type DatePart,
  type DateParts,
  type Dates,
  type DetailsInput,
  describeScale,
  detailsProblems,
  evaluateRules,
  ForbiddenError,
  FRAMEWORKS,
  framingsOfArea,
  getArea,
  getFramework,
  isoFromParts,
  levelLabel,
  maySign,
  NotFoundError,
  partsOf,
  pointsBestFirst,
  printsOf,
  printsOfArea,
  printsProgress,
  RATING_RULE_SETS,
  ruleIds,
  type Source,
  STATUS_LABELS,
  STATUSES,
  signaturePrints,
  ValidationError,
} from '../../domain/index.js'
import type { ReadResult } from '../../ingest/read.js'
import { escapeHtml } from '../../lib/html.js'
import { framingsOf } from '../../render/structures.js'
import { auditChanges } from '../audit-presenter.js'
import { blockingLines, gradeChoice, gradeItems, nextArea, rulesPanel } from '../editor.js'
import { sendError } from '../errors.js'
import {
  authorityChoices,
  authorityNames,
  commentRows,
  gradeDisplay,
  minute,
  pageDate,
  personLine,
  printedGrade,
  recommendationRow,
  summary,
} from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'
import { movedNotice } from './factual-check.js'

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

const SourceUrl = z
  .url({ protocol: /^https?$/, error: 'Enter the address the report was published at, starting http:// or https://' })
  .max(2000, 'Enter an address of 2,000 characters or fewer')

/**
 * Where an uploaded report came from, as its uploader gave it (optional): an http(s) address, kept with the original
 * as the API's `sourceUrl` is.
 */
function sourceUrlOf(
  fields: unknown,
): { ok: true; url: string | null; text: string } | { ok: false; error: string; text: string } {
  const raw = (fields as { sourceUrl?: unknown } | undefined)?.sourceUrl
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (raw !== undefined && typeof raw !== 'string') return { ok: false, error: 'Enter one address', text }
  if (text === '') return { ok: true, url: null, text }
  const parsed = SourceUrl.safeParse(text)
  return parsed.success
    ? { ok: true, url: parsed.data, text }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'Enter a web address', text }
}
/** The review page waits this long for an upload's reading job before saying it is still being read. */
const READING_WAIT_MS = 5_000

/** An upload waits this long for its review to be saved. */
const UPLOAD_KEPT_MS = 24 * 3600_000

const Version = z.coerce.number().int().min(1)

/** A form field's text, trimmed; '' where the form did not send it as text. */
const fieldText = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name]
  return typeof v === 'string' ? v.trim() : ''
}
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(Boolean)

const DATE_FIELDS: { name: keyof Dates; label: string }[] = [
  { name: 'letter', label: 'Date of the letter' },
  { name: 'published', label: 'Date of publication' },
  { name: 'inspectionStart', label: 'First day of the inspection' },
  { name: 'inspectionEnd', label: 'Last day of the inspection' },
  { name: 'periodStart', label: 'Start of the period assessed' },
  { name: 'periodEnd', label: 'End of the period assessed' },
]

/** A judgement as the editor's form sends it; grade '' clears the grade. */
const JudgementForm = z.object({
  version: Version,
  grade: z.string('Choose a grade').default(''),
  narrative: z
    .string('Enter the narrative as text')
    .max(100_000, 'The narrative must be 100,000 characters or fewer')
    .default(''),
  strengths: z
    .string('Enter the strengths as text')
    .max(50_000, 'The strengths must be 50,000 characters or fewer')
    .default(''),
  areasForDevelopment: z
    .string('Enter the areas for development as text')
    .max(50_000, 'The areas for development must be 50,000 characters or fewer')
    .default(''),
})

/** The form's framing fields, one per framing paragraph around the area: "framing:<key>" → wording ('' removes it). */
function framingFrom(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => key.startsWith('framing:'))
      .map(([key, value]) => [key.slice('framing:'.length), String(value ?? '').slice(0, 5000)]),
  )
}

/**
 * The framework's framing paragraphs around an area's words, as the report prints them now: the framework's own
 * where the inspector wrote none, else theirs. A report printed as the document it was read from has none.
 */
function framingFields(a: Assessment, areaId: string, authorityName: string, values: Record<string, string>) {
  const f = getFramework(a.frameworkId)
  if (a.content.length) return []
  const prints = framingsOf({ a, f, authorityName })
  return framingsOfArea(f, areaId).map(p => {
    const x = prints.find(y => y.key === p.key)
    return {
      label: p.label,
      name: `framing:${p.key}`,
      id: `framing-${p.key.replace(/[^A-Za-z0-9-]/g, '-')}`,
      value: values[`framing:${p.key}`] ?? a.framing[p.key] ?? '',
      own: Boolean(x?.own),
      printed: x?.printed,
      fixed: x?.fixed,
    }
  })
}

/** The form's override fields, one per rule: "override:<rule>" → rationale ('' removes it). */
function overridesFrom(body: Record<string, unknown>): { rule: string; rationale: string | null }[] {
  return Object.entries(body)
    .filter(([key]) => key.startsWith('override:'))
    .map(([key, value]) => ({ rule: key.slice('override:'.length), rationale: String(value ?? '').trim() || null }))
}

/**
 * The findings on one area a person may answer with an override: each rule's departure (advice or blocking), and
 * any rule already answered. Each gets its own rationale.
 */
function answerable(a: Assessment, areaId: string, values: Record<string, string>) {
  const f = getFramework(a.frameworkId)
  const j = a.judgements.find(x => x.areaId === areaId)
  const findings = evaluateRules(a, f).filter(
    x =>
      x.areaId === areaId &&
      ruleIds(f).includes(x.rule) &&
      (x.severity !== 'info' || j?.overrides.some(o => o.rule === x.rule)),
  )
  return findings.map(x => ({
    rule: x.rule,
    name: `override:${x.rule}`,
    id: `override-${x.rule}`,
    message: x.message,
    blocking: x.blocking,
    value: values[`override:${x.rule}`] ?? j?.overrides.find(o => o.rule === x.rule)?.rationale ?? '',
  }))
}

/** Inspectors' and quality assurers' pages: create, edit, move on, sign; upload a published report. */
export function staffRoutes() {
  const router = Router()
  router.use('/staff', requireRole('inspector', 'quality-assurer'))

  router.get('/staff', async (req, res) => {
    const names = authorityNames(await req.ctx.store.authorities.list())
    const open = await req.ctx.store.assessments.search({
      statuses: STATUSES.filter(s => s !== 'published'),
      headlineAreas: [],
      page: 1,
      pageSize: 200,
    })
    renderPage(req, res, 'staff/dashboard.njk', {
      title: 'Assessments in progress',
      items: open.items.map(a => summary(a, names)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    })
  })

  const newPage = async (
    req: Request,
    res: Response,
    values: Record<string, string>,
    fields: Record<string, string>,
  ) => {
    const authorities = await req.ctx.store.authorities.list()
    renderPage(req, res, 'staff/new.njk', {
      title: 'Create an assessment',
      ...formErrors(fields),
      // Every authority, past ones too (a 2006 letter is about a council since merged), named apart, by name.
      authorityItems: [
        { value: '', text: 'Choose an authority' },
        ...authorityChoices(authorities).map(c => ({ ...c, selected: c.value === values.authorityCode })),
      ],
      frameworkItems: FRAMEWORKS.map(f => ({
        value: f.id,
        text: `${f.name} (${f.year})`,
        hint: { text: describeScale(f.scale) },
        checked: f.id === values.frameworkId,
      })),
    })
  }

  router.get('/staff/assessments/new', (req, res) => newPage(req, res, {}, {}))

  router.post('/staff/assessments/new', async (req, res) => {
    const body = {
      authorityCode: fieldText(req.body, 'authorityCode'),
      frameworkId: fieldText(req.body, 'frameworkId'),
    }
    const fields: Record<string, string> = {}
    if (!body.authorityCode) fields.authorityCode = 'Choose the local authority'
    else if (!(await req.ctx.store.authorities.get(body.authorityCode)))
      fields.authorityCode = 'Choose the local authority from the list'
    if (!FRAMEWORKS.some(f => f.id === body.frameworkId)) fields.frameworkId = 'Choose the framework'
    if (Object.keys(fields).length === 0) {
      const a = await createAssessment(req.ctx, signedIn(req).actor, body)
      return res.redirect(303, `/staff/assessments/${a.id}`)
    }
    res.status(400)
    await newPage(req, res, body, fields)
  })

  async function workPage(req: Request, res: Response, a: Assessment, extra: Record<string, unknown> = {}) {
    const f = getFramework(a.frameworkId)
    const actor = signedIn(req).actor
    const authorities = await req.ctx.store.authorities.list()
    const names = authorityNames(authorities)
    const audit = await req.ctx.store.audit.forAssessment(a.id)
    const people = await req.ctx.store.users.names(audit.map(e => e.actor))
    const comments = await req.ctx.store.comments.forAssessment(a.id)
    const today = req.ctx.now().toISOString().slice(0, 10)
    const moves = availableTransitions(a, actor).map(t => ({
      to: t.to,
      label: t.label,
      forward: STATUSES.indexOf(t.to) > STATUSES.indexOf(t.from),
    }))
    renderPage(req, res, 'staff/work.njk', {
      ...summary(a, names),
      title: `Work on ${f.name}: ${names.get(a.authorityCode) ?? a.authorityCode}`,
      editable: canEdit(a, actor),
      detailRows: detailRows(a),
      areas: f.areas.map(area => {
        const j = a.judgements.find(x => x.areaId === area.id)
        return {
          id: area.id,
          title: areaTitle(f, area.id),
          required: area.required,
          grade: area.grade,
          printed: printedGrade(f, j?.grade ?? null),
          display: gradeDisplay(f, j?.grade ?? null),
        }
      }),
      // Grading in turn starts at the first area still without a grade; "Save and continue" goes on from there.
      firstToGrade: f.areas.find(
        x => x.grade !== 'none' && (a.judgements.find(j => j.areaId === x.id)?.grade ?? null) === null,
      )?.id,
      rules: rulesPanel(f, [...evaluateRules(a, f), ...(await evidenceAdvice(req.ctx, a))]),
      recommendations: a.recommendations.map(r => recommendationRow(f, r, today, a.followsUp)),
      recommendationAreaItems: [
        { value: '', text: 'The assessment as a whole' },
        ...f.parts.map(p => ({ value: p.id, text: p.label })),
        ...f.areas.map(x => ({ value: x.id, text: areaTitle(f, x.id) })),
      ],
      timescaleItems: [
        { value: '', text: 'Choose a timescale' },
        ...f.timescales.map(t => ({ value: t.id, text: t.label })),
      ],
      // Progress on a recommendation is printed only under some timescales (an earlier inspection's, in a 2007 letter).
      progressTimescales: f.timescales.filter(t => printsProgress(f, t.id)).map(t => t.label),
      canSign: actor.role === 'quality-assurer' && canEdit(a, actor),
      // A quality assurer corrects their own signature; the name is theirs as the service knows it.
      signature: a.signatories.find(p => p.name === signedIn(req).user.name) ?? null,
      canCorrect: a.status === 'published',
      ratingLink: RATING_RULE_SETS.some(r => r.framework === a.frameworkId)
        ? `/staff/assessments/${a.id}/rating`
        : null,
      moves,
      comments: commentRows(f, comments),
      audit: audit.map(e => ({
        at: `${minute(e.at)}:${e.at.slice(17, 19)}`,
        who: `${people.get(e.actor) ?? e.actor} (${e.actorRole})`,
        what: describeAudit(f, e.action, e.entityId),
        changes: auditChanges(f, e),
      })),
      notice:
        req.query.done === 'moved'
          ? movedNotice(a)
          : typeof req.query.done === 'string'
            ? NOTICES[req.query.done]
            : null,
      unanswered: a.status === 'factual-accuracy-check' ? (await factualCheckOf(req.ctx, a)).unanswered.length : 0,
      ...extra,
    })
  }

  router.get('/staff/assessments/:id', async (req, res) => {
    await workPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id))
  })

  /** Runs a change; a validation problem re-renders the work page with the error summary and status 400. */
  async function changeFromWorkPage(
    req: Request,
    res: Response,
    done: string,
    field: string,
    /** The change; a word it returns names what was done instead of `done`. */
    run: (version: number) => Promise<unknown>,
    explain: (e: ValidationError, a: Assessment) => readonly string[] = e => e.problems,
  ) {
    const version = Version.safeParse((req.body as Record<string, unknown> | undefined)?.version)
    if (!version.success) return sendError(req, res, 400, undefined, 'The form did not say which version you changed')
    try {
      const outcome = await run(version.data)
      res.redirect(303, `/staff/assessments/${req.params.id}?done=${typeof outcome === 'string' ? outcome : done}`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
      res.status(400)
      await workPage(req, res, a, {
        errors: explain(e, a).map(p => ({ text: p, href: `#${field}` })),
        fieldErrors: { [field.replace('recommendation-', '')]: e.message },
        values: req.body,
      })
    }
  }

  router.post('/staff/assessments/:id/recommendations', async (req, res) => {
    const [text, areaId, timescaleId, progress] = ['text', 'areaId', 'timescaleId', 'progress'].map(name =>
      fieldText(req.body, name),
    ) as [string, string, string, string]
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const f = getFramework(a.frameworkId)
    // A problem with the progress is shown at the progress; any other at the recommendation.
    const progressWrong =
      progress.length > 10_000 || (progress !== '' && timescaleId !== '' && !printsProgress(f, timescaleId))
    return changeFromWorkPage(
      req,
      res,
      'recommendation',
      progressWrong ? 'recommendation-progress' : 'recommendation-text',
      async version => {
        if (!text) throw new ValidationError('Enter the recommendation')
        if (!timescaleId) throw new ValidationError('Choose a timescale')
        if (progress.length > 10_000) throw new ValidationError('The progress must be 10,000 characters or fewer')
        await addRecommendation(req.ctx, signedIn(req).actor, req.params.id, version, {
          text,
          areaId: areaId || null,
          timescaleId,
          progress: progress || null,
        })
      },
    )
  })

  router.post('/staff/assessments/:id/recommendations/:rid/remove', (req, res) =>
    changeFromWorkPage(req, res, 'removed', 'recommendations', version =>
      removeRecommendation(req.ctx, signedIn(req).actor, req.params.id, version, req.params.rid),
    ),
  )

  /** The signature the form describes, for the signed-in person; a title where the framework prints one. */
  async function signatureFrom(req: Request) {
    const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
    const person = {
      name: signedIn(req).user.name,
      title: fieldText(req.body, 'title') || null,
      organisation: fieldText(req.body, 'organisation') || null,
    }
    if (signaturePrints(getFramework(a.frameworkId)).title && !person.title)
      throw new ValidationError('Enter your title as it is printed under your signature')
    if ((person.title?.length ?? 0) > 200 || (person.organisation?.length ?? 0) > 200)
      throw new ValidationError('Your title and organisation must each be 200 characters or fewer')
    return { a, person }
  }

  // One form signs, corrects a signature or takes it back: each person's own only, the others' stay as they are.
  router.post('/staff/assessments/:id/sign', (req, res) =>
    changeFromWorkPage(req, res, 'signed', 'signatory-title', async version => {
      const actor = signedIn(req).actor
      const name = signedIn(req).user.name
      if (fieldText(req.body, 'signature') === 'remove') {
        const a = await readAssessment(req.ctx, req.actor, req.params.id)
        if (!maySign(actor)) throw new ForbiddenError('Only a quality assurer signs')
        const signatories = a.signatories.filter(p => p.name !== name)
        await updateDetails(req.ctx, actor, req.params.id, version, { signatories })
        return 'unsigned'
      }
      const { a, person } = await signatureFrom(req)
      if (!a.signatories.some(p => p.name === name)) {
        await signAssessment(req.ctx, actor, req.params.id, version, person)
        return 'signed'
      }
      if (!maySign(actor)) throw new ForbiddenError('Only a quality assurer signs')
      const signatories = a.signatories.map(p => (p.name === name ? person : p))
      await updateDetails(req.ctx, actor, req.params.id, version, { signatories })
      return 'signature'
    }),
  )

  router.post('/staff/assessments/:id/move', (req, res) =>
    // Publishing goes through the check of what becomes public (src/web/routes/factual-check.ts).
    (req.body as Record<string, unknown> | undefined)?.to === 'published'
      ? res.redirect(303, `/staff/assessments/${req.params.id}/publish`)
      : changeFromWorkPage(
          req,
          res,
          'moved',
          'rules',
          version => {
            const to = z.enum(STATUSES).safeParse((req.body as Record<string, unknown>).to)
            if (!to.success) throw new ValidationError('Choose where to move the assessment')
            return moveAssessment(req.ctx, signedIn(req).actor, req.params.id, version, to.data)
          },
          // What stops the move, in the rules panel's words (areas still to grade as one line).
          (e, a) => {
            const lines = blockingLines(getFramework(a.frameworkId), evaluateRules(a, getFramework(a.frameworkId)))
            return lines.length ? lines : e.problems
          },
        ),
  )

  router.post('/staff/assessments/:id/correct', async (req, res) => {
    const c = await startCorrection(req.ctx, signedIn(req).actor, req.params.id)
    res.redirect(303, `/staff/assessments/${c.id}?done=correction`)
  })

  async function areaPage(req: Request, res: Response, a: Assessment, areaId: string, extra: Record<string, unknown>) {
    const f = getFramework(a.frameworkId)
    const area = getArea(f, areaId)
    if (!area) throw new NotFoundError(`No area ${areaId}`)
    const j = a.judgements.find(x => x.areaId === areaId)
    const prints = printsOfArea(f, areaId)
    const values = (extra.values as Record<string, string> | undefined) ?? {
      grade: j?.grade === null || j?.grade === undefined ? '' : String(j.grade),
      narrative: j?.narrative ?? '',
      strengths: (j?.strengths ?? []).join('\n'),
      areasForDevelopment: (j?.areasForDevelopment ?? []).join('\n'),
    }
    const names = authorityNames(await req.ctx.store.authorities.list())
    const framings = framingFields(a, areaId, names.get(a.authorityCode) ?? a.authorityCode, values)
    renderPage(req, res, 'staff/area.njk', {
      ...summary(a, names),
      framings,
      title: `${areaTitle(f, areaId)} – ${f.name}`,
      areaId,
      areaTitle: areaTitle(f, areaId),
      readings: (j?.readings ?? []).map(r => `${r.printed}${r.level ? ` (level: ${levelLabel(r.level)})` : ''}`),
      position: `Area ${f.areas.indexOf(area) + 1} of ${f.areas.length}`,
      next: nextArea(f, areaId),
      saved: typeof req.query.saved === 'string' && getArea(f, req.query.saved) ? areaTitle(f, req.query.saved) : null,
      gradeItems: area.grade === 'none' ? null : gradeItems(f, area, values.grade ?? ''),
      values,
      // Only what the report prints of this area is offered: everything entered is printed.
      prints,
      overrides: answerable(a, areaId, values),
      ...extra,
    })
  }

  router.get('/staff/assessments/:id/areas/:areaId', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    await areaPage(req, res, a, req.params.areaId, {})
  })

  router.post('/staff/assessments/:id/areas/:areaId', async (req, res) => {
    const form = JudgementForm.safeParse(req.body)
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const f = getFramework(a.frameworkId)
    const area = getArea(f, req.params.areaId)
    if (!area) throw new NotFoundError(`No area ${req.params.areaId}`)
    const values = req.body as Record<string, string>
    if (!form.success) {
      const version = form.error.issues.find(i => i.path[0] === 'version')
      if (version) return sendError(req, res, 400, undefined, 'The form did not say which version you changed')
      res.status(400)
      const fields = Object.fromEntries(form.error.issues.map(i => [String(i.path[0]), i.message]))
      return areaPage(req, res, a, area.id, { ...formErrors(fields), values })
    }
    const grade = form.data.grade === '' ? null : Number(form.data.grade)
    // A field the form did not offer (the report prints none of it) is left as it was.
    const sent = (name: string) => Object.hasOwn(values, name)
    try {
      await recordJudgement(req.ctx, signedIn(req).actor, req.params.id, form.data.version, {
        areaId: area.id,
        ...(area.grade === 'none' ? {} : { grade }),
        ...(sent('narrative') ? { narrative: form.data.narrative } : {}),
        ...(sent('strengths') ? { strengths: lines(form.data.strengths) } : {}),
        ...(sent('areasForDevelopment') ? { areasForDevelopment: lines(form.data.areasForDevelopment) } : {}),
        overrides: overridesFrom(values),
        framing: framingFrom(values),
      })
      // "Save and continue" goes on to the next area; after the last, or asked to, back to the assessment.
      const next = values.afterSaving === 'return' ? null : nextArea(f, area.id)
      res.redirect(
        303,
        next
          ? `/staff/assessments/${a.id}/areas/${next.id}?saved=${encodeURIComponent(area.id)}`
          : `/staff/assessments/${a.id}?done=judgement#judgements`,
      )
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await areaPage(req, res, a, area.id, { ...formErrors({ grade: e.message }), values })
    }
  })

  /** A date's problem on the details form: what is said, and which of its three boxes are wrong. */
  type DateError = { message: string; parts: readonly DatePart[] }

  async function detailsPage(
    req: Request,
    res: Response,
    a: Assessment,
    form: {
      values: Record<string, unknown>
      fields?: Record<string, string>
      dates?: Partial<Record<keyof Dates, DateError>>
    },
  ) {
    const f = getFramework(a.frameworkId)
    const names = authorityNames(await req.ctx.store.authorities.list())
    const fields = form.fields ?? {}
    // The error summary lists every problem in the form's order, a date's linking to its first wrong box.
    const errors = DETAIL_ORDER.flatMap(name => {
      const date = form.dates?.[name as keyof Dates]
      if (date) return [{ text: date.message, href: `#${name}-${date.parts[0] ?? 'day'}` }]
      return fields[name] ? [{ text: fields[name], href: `#${name}` }] : []
    })
    renderPage(req, res, 'staff/details.njk', {
      ...summary(a, names),
      title: `Details – ${f.name}`,
      dateFields: DATE_FIELDS.map(d => {
        const error = form.dates?.[d.name]
        const shown = form.values[d.name] as DateParts
        return {
          ...d,
          errorMessage: error ? { text: error.message } : undefined,
          items: (['day', 'month', 'year'] as const).map(part => ({
            name: part,
            label: { day: 'Day', month: 'Month', year: 'Year' }[part],
            value: shown[part],
            classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error?.parts.includes(part) ? ' govuk-input--error' : ''}`,
          })),
        }
      }),
      // Only what the framework's layout prints is offered: everything entered is printed.
      offered: offeredDetails(f),
      values: form.values,
      errors,
      fieldErrors: fields,
    })
  }

  /** The details form's answers as stored: each date as its three boxes. */
  const storedDetails = (a: Assessment): Record<string, unknown> => ({
    ...Object.fromEntries(DATE_FIELDS.map(d => [d.name, partsOf(a.dates[d.name])])),
    addresseeName: a.addressee?.name ?? '',
    addresseeTitle: a.addressee?.title ?? '',
    addresseeOrganisation: a.addressee?.organisation ?? '',
    addressLines: a.addressLines.join('\n'),
    salutation: a.salutation,
    reportingInspector: a.reportingInspector?.name ?? '',
    reportingInspectorTitle: a.reportingInspector?.title ?? '',
    summary: a.summary,
    about: a.about,
    serviceInformation: a.serviceInformation,
    numberedParagraphs: a.numberedParagraphs ? 'yes' : '',
  })

  router.get('/staff/assessments/:id/details', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    await detailsPage(req, res, a, { values: storedDetails(a) })
  })

  router.post('/staff/assessments/:id/details', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const f = getFramework(a.frameworkId)
    const body = (req.body ?? {}) as Record<string, string>
    const fields: Record<string, string> = {}
    const dateErrors: Partial<Record<keyof Dates, DateError>> = {}
    const dates: Partial<Dates> = {}
    const boxes: Record<string, DateParts> = {}
    for (const d of DATE_FIELDS) {
      const box = (part: DatePart) =>
        (typeof body[`${d.name}-${part}`] === 'string' ? body[`${d.name}-${part}`] : '') as string
      boxes[d.name] = { day: box('day'), month: box('month'), year: box('year') }
      const parsed = isoFromParts(boxes[d.name] as DateParts, DATE_NAMES[d.name])
      if (parsed.ok) dates[d.name] = parsed.iso
      else dateErrors[d.name] = parsed
    }
    const text = (name: string, label: string, max = 100_000) => {
      const v = body[name] ?? ''
      if (v.length > max) fields[name] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`
      return v
    }
    const offered = offeredDetails(f)
    const person = (name: string, title: string, organisation = '') =>
      name.trim() ? { name: name.trim(), title: title.trim() || null, organisation: organisation.trim() || null } : null
    const input: DetailsInput = {
      dates,
      ...(offered.addressee
        ? {
            addressee: person(
              text('addresseeName', 'The addressee’s name', 200),
              text('addresseeTitle', 'The addressee’s title', 200),
              text('addresseeOrganisation', 'The addressee’s organisation', 200),
            ),
          }
        : {}),
      ...(offered.addressLines ? { addressLines: lines(text('addressLines', 'The address', 2_000)) } : {}),
      ...(offered.salutation ? { salutation: text('salutation', 'The salutation', 200).trim() } : {}),
      ...(offered.reportingInspector
        ? {
            reportingInspector: person(
              text('reportingInspector', 'The reporting inspector’s name', 200),
              offered.reportingInspectorTitle ? text('reportingInspectorTitle', 'The title', 200) : '',
            ),
          }
        : {}),
      ...(offered.summary ? { summary: text('summary', 'The summary') } : {}),
      ...(offered.about ? { about: text('about', 'About this inspection') } : {}),
      ...(offered.serviceInformation ? { serviceInformation: text('serviceInformation', 'Service information') } : {}),
      ...(offered.numberedParagraphs ? { numberedParagraphs: body.numberedParagraphs === 'yes' } : {}),
    }
    const today = req.ctx.now().toISOString().slice(0, 10)
    // A date that could not be read is left out of the cross-checks: its own problem is said instead.
    const readable: DetailsInput = { ...input, dates: { ...a.dates, ...dates } }
    for (const p of detailsProblems(a, f, readable, today)) {
      if (p.date) {
        if (!dateErrors[p.date]) dateErrors[p.date] = { message: p.message, parts: ['day', 'month', 'year'] }
      } else fields[DETAIL_FIELD_IDS[p.field]] ??= p.message
    }
    const version = Version.safeParse(body.version)
    if (!version.success) return sendError(req, res, 400, undefined, 'The form did not say which version you changed')
    if (Object.keys(fields).length > 0 || Object.keys(dateErrors).length > 0) {
      res.status(400)
      return detailsPage(req, res, a, { values: { ...body, ...boxes }, fields, dates: dateErrors })
    }
    await updateDetails(req.ctx, signedIn(req).actor, req.params.id, version.data, input)
    res.redirect(303, `/staff/assessments/${req.params.id}?done=details`)
  })

  // Upload → review → save.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
  })
  const uploadPage = (req: Request, res: Response, fields: Record<string, string>, sourceUrl = '') =>
    renderPage(req, res, 'staff/upload.njk', {
      title: 'Upload a published report',
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      sourceUrl,
      ...formErrors(fields),
    })

  router.get('/staff/upload', (req, res) => uploadPage(req, res, {}))

  router.post('/staff/upload', upload.single('file'), checkCsrf, async (req, res) => {
    const file = req.file
    const given = sourceUrlOf(req.body)
    const problems: Record<string, string> = {}
    if (!file || file.size === 0) problems.file = file ? 'The selected file is empty' : 'Select a report file'
    if (!given.ok) problems.sourceUrl = given.error
    if (!file || file.size === 0 || !given.ok) {
      res.status(400)
      return uploadPage(req, res, problems, given.text)
    }
    const bytes = new Uint8Array(file.buffer)
    const id = req.ctx.newId()
    await req.ctx.store.uploads.deleteOlderThan(new Date(req.ctx.now().getTime() - UPLOAD_KEPT_MS))
    await req.ctx.store.uploads.insert({
      id,
      userId: signedIn(req).user.id,
      fileName: file.originalname,
      content: bytes,
      createdAt: req.ctx.now().toISOString(),
    })
    // Reading a long PDF takes a while: it is a job (of the upload's id), and the review page waits for it.
    await (await jobsOf(req.ctx)).submit(
      signedIn(req).actor,
      { kind: 'read' },
      [{ name: file.originalname, bytes, sourceUrl: null }],
      { id },
    )
    res.redirect(303, `/staff/upload/${id}${given.url ? `?sourceUrl=${encodeURIComponent(given.url)}` : ''}`)
  })

  /**
   * What the upload's reading job read, once it has: waiting a few seconds for it first, so a short report goes
   * straight to its review. Until then, null (the page says it is still being read).
   */
  async function readingOf(req: Request, uploadId: string): Promise<{ read: ReadResult | null; job: JobView }> {
    const job = await (await jobsOf(req.ctx)).wait(signedIn(req).actor, uploadId, undefined, 100, READING_WAIT_MS)
    if (job.state === 'failed') throw new ValidationError(`The file could not be read: ${job.error}`)
    return { read: job.state === 'completed' ? (job.result as { read: ReadResult }).read : null, job }
  }

  router.get('/staff/upload/:uploadId', async (req, res) => {
    const stored = await req.ctx.store.uploads.find(req.params.uploadId, signedIn(req).user.id)
    if (!stored) throw new NotFoundError('No such upload')
    const given = sourceUrlOf(req.query)
    if (!given.ok) throw new ValidationError(`The report’s address ${given.error.toLowerCase()}`)
    const { read, job } = await readingOf(req, stored.id)
    if (!read)
      return renderPage(req, res, 'staff/reading.njk', {
        title: 'Reading the report',
        fileName: stored.fileName,
        jobHref: `/jobs/${job.id}`,
        again: req.originalUrl,
      })
    const outcome = await ingestFile(
      req.ctx,
      signedIn(req).actor,
      { name: stored.fileName, bytes: stored.content },
      { dryRun: true, read },
    )
    if (!outcome.ok) {
      res.status(400)
      return uploadPage(req, res, { file: `The file could not be read: ${outcome.error}` })
    }
    const a = outcome.assessment
    const f = getFramework(a.frameworkId)
    const passage = (s: Source | null | undefined) => highlight(outcome.text, s)
    const authority = outcome.extraction.authority
    const existing = await req.ctx.store.documents.find(outcome.extraction.documentHash)
    renderPage(req, res, 'staff/review.njk', {
      title: 'Check what was read from the report',
      uploadId: stored.id,
      fileName: stored.fileName,
      sourceUrl: given.url,
      frameworkName: `${f.name} (${f.year})`,
      authorityName: authority?.name,
      existing: Boolean(existing),
      findings: outcome.findings.map(x => x.message),
      details: [
        {
          label: 'Authority',
          value: authority ? `${authority.name} (${authority.code})` : null,
          passage: passage(a.provenance.authorityCode),
        },
        ...DATE_FIELDS.map(d => ({
          label: d.label,
          value: pageDate(a.dates[d.name]),
          passage: passage(a.provenance[`dates.${d.name}`]),
        })),
        { label: 'Addressee', value: personLine(a.addressee), passage: passage(a.provenance.addressee) },
        {
          label: 'Signatories',
          value: a.signatories.map(personLine).join('; ') || null,
          passage: passage(a.provenance.signatories),
        },
        {
          label: 'Reporting inspector',
          value: personLine(a.reportingInspector),
          passage: passage(a.provenance.reportingInspector),
        },
      ],
      judgements: f.areas
        .filter(area => area.grade !== 'none')
        .map(area => {
          const j = a.judgements.find(x => x.areaId === area.id)
          const current = j?.grade ?? null
          return {
            areaId: area.id,
            key: area.id.replaceAll('.', '-'),
            title: areaTitle(f, area.id),
            items: [
              { value: '', text: current === null ? 'Missing (as read)' : 'Missing', selected: current === null },
              ...pointsBestFirst(f.scale).map(p => ({
                value: String(p.value),
                text: `${gradeChoice(f, p)}${p.value === current ? ' (as read)' : ''}`,
                selected: p.value === current,
              })),
            ],
            readings: (j?.readings ?? []).map(r => ({ printed: r.printed, passage: passage(r.source) })),
          }
        }),
      recommendations: a.recommendations.map(r => ({
        text: r.text,
        timescale: f.timescales.find(t => t.id === r.timescaleId)?.label ?? r.timescaleId,
        passage: passage(r.source),
      })),
    })
  })

  router.post('/staff/upload/:uploadId', async (req, res) => {
    const stored = await req.ctx.store.uploads.find(req.params.uploadId, signedIn(req).user.id)
    if (!stored) throw new NotFoundError('No such upload')
    const body = (req.body ?? {}) as Record<string, string>
    const given = sourceUrlOf(body)
    if (!given.ok) throw new ValidationError(`The report’s address ${given.error.toLowerCase()}`)
    const { read } = await readingOf(req, stored.id)
    const saved = await req.ctx.store.transaction(async tx => {
      const ctx = { ...req.ctx, store: tx }
      const file = { name: stored.fileName, bytes: stored.content, sourceUrl: given.url }
      const outcome = await ingestFile(ctx, signedIn(req).actor, file, read ? { read } : {})
      if (!outcome.ok) throw new ValidationError(outcome.error)
      let a = outcome.assessment
      const f = getFramework(a.frameworkId)
      for (const [key, value] of Object.entries(body)) {
        if (!key.startsWith('grade:')) continue
        const areaId = key.slice('grade:'.length)
        const area = getArea(f, areaId)
        if (!area || area.grade === 'none') throw new ValidationError(`"${areaId}" is not a graded area of ${f.id}`)
        const grade = value === '' ? null : Number(value)
        if (grade === (a.judgements.find(j => j.areaId === areaId)?.grade ?? null)) continue
        a = await correctIngestedJudgement(ctx, signedIn(req).actor, a.id, a.version, { areaId, grade })
      }
      await tx.uploads.delete(stored.id)
      return a
    })
    res.redirect(303, `/assessments/${saved.id}`)
  })

  return router
}

/** The details form's fields in the order it shows them: the order of its error summary. */
const DETAIL_ORDER = [
  ...DATE_FIELDS.map(d => d.name),
  'addresseeName',
  'addresseeTitle',
  'addresseeOrganisation',
  'addressLines',
  'salutation',
  'reportingInspector',
  'reportingInspectorTitle',
  'about',
  'serviceInformation',
  'summary',
  'numberedParagraphs',
  'signatories',
]

/** The details form's field for each detail a problem can be in. */
const DETAIL_FIELD_IDS: Record<keyof DetailsInput, string> = {
  dates: 'letter',
  addressee: 'addresseeName',
  addressLines: 'addressLines',
  salutation: 'salutation',
  signatories: 'signatories',
  reportingInspector: 'reportingInspector',
  summary: 'summary',
  about: 'about',
  serviceInformation: 'serviceInformation',
  numberedParagraphs: 'numberedParagraphs',
}

/** The details a framework's layout prints, and so the details form offers. */
function offeredDetails(f: ReturnType<typeof getFramework>) {
  const prints = printsOf(f)
  return {
    addressee: prints.addressee,
    addressLines: prints.addressLines,
    salutation: prints.values.has('salutation'),
    reportingInspector: prints.values.has('inspector.name'),
    reportingInspectorTitle: prints.values.has('inspector.title'),
    summary: prints.values.has('summary'),
    about: prints.values.has('about'),
    serviceInformation: prints.values.has('serviceInformation'),
    numberedParagraphs: prints.numbered,
  }
}

/** The work page's summary of the details: what the report prints. */
function detailRows(a: Assessment) {
  const offered = offeredDetails(getFramework(a.frameworkId))
  const row = (label: string, text: string) => ({ key: { text: label }, value: { text } })
  const written = (v: string) => (v.trim() ? v : 'Not written')
  return [
    ...DATE_FIELDS.map(d => row(d.label, pageDate(a.dates[d.name]) ?? 'Not recorded')),
    ...(offered.addressee ? [row('Addressee', personLine(a.addressee) ?? 'Not recorded')] : []),
    ...(offered.addressLines ? [row('Address', a.addressLines.join(', ') || 'Not recorded')] : []),
    ...(offered.salutation ? [row('Salutation', written(a.salutation))] : []),
    row('Signatories', a.signatories.map(personLine).join('; ') || 'None yet'),
    ...(offered.reportingInspector
      ? [row('Reporting inspector', personLine(a.reportingInspector) ?? 'Not recorded')]
      : []),
    ...(offered.summary ? [row('Summary', written(a.summary))] : []),
    ...(offered.about ? [row('About this inspection', written(a.about))] : []),
    ...(offered.serviceInformation ? [row('Service information', written(a.serviceInformation))] : []),
    ...(offered.numberedParagraphs ? [row('Numbered paragraphs', a.numberedParagraphs ? 'Yes' : 'No')] : []),
  ]
}

const NOTICES: Record<string, string> = {
  judgement: 'The judgement has been saved.',
  recommendation: 'The recommendation has been added.',
  removed: 'The recommendation has been removed.',
  signed: 'You have signed the assessment.',
  signature: 'Your signature has been corrected.',
  unsigned: 'Your signature has been removed.',
  details: 'The details have been saved.',
  correction: 'A correction has been started as a new draft edition.',
}

function describeAudit(f: ReturnType<typeof getFramework>, action: string, entityId: string): string {
  const part = entityId.split('/')[1]
  const area = part && getArea(f, part) ? areaTitle(f, part) : null
  const status = action.startsWith('assessment.') ? action.slice('assessment.'.length) : null
  if (status && (STATUSES as readonly string[]).includes(status))
    return `Moved to ${STATUS_LABELS[status as (typeof STATUSES)[number]].toLowerCase()}`
  const words: Record<string, string> = {
    'assessment.create': 'Created the assessment',
    'assessment.ingest': 'Read from a published document',
    'assessment.reingest': 'Read again from a published document',
    'assessment.details': 'Changed the details',
    'assessment.sign': 'Signed',
    'assessment.correction': 'Started a correction',
    'judgement.record': 'Recorded the judgement',
    'judgement.correct-reading': 'Corrected how the judgement was read',
    'recommendation.add': 'Added a recommendation',
    'recommendation.remove': 'Removed a recommendation',
    'comment.add': 'Commented (factual accuracy)',
  }
  return `${words[action] ?? action}${area ? `: ${area}` : ''}`
}

/** The source passage of a value: the span marked, with some context either side. */
function highlight(text: string, source: Source | null | undefined): string {
  if (source?.kind === 'file-name')
    return `Not printed in the report: taken from the file name, ${escapeHtml(source.fileName)}`
  if (!source || source.kind !== 'ingested') return 'Not read from the document'
  const from = Math.max(0, source.start - 120)
  const to = Math.min(text.length, source.end + 120)
  return `${from > 0 ? '…' : ''}${escapeHtml(text.slice(from, source.start))}<mark>${escapeHtml(text.slice(source.start, source.end))}</mark>${escapeHtml(text.slice(source.end, to))}${to < text.length ? '…' : ''}`
}
