import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { moveAssessment, readAssessment } from '../../app/assessments.js'
import {
  addComment,
  answerComment,
  endComments,
  factualCheckOf,
  GENERAL_SECTION,
  MAX_COMMENT_LENGTH,
} from '../../app/comments.js'
import {
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  type Assessment,
  areasFor,
  areaTitle,
  availableTransitions,
  type CommentAnswer,
  canComment,
  editionFor,
  type FactualCheck,
  type Framework,
  getFramework,
  labelIn,
  mayAnswerComments,
  NotFoundError,
  STATUS_LABELS,
  stageNotice,
  ValidationError,
  visibleComments,
} from '../../domain/index.js'
import { type RenderedDocument, sectionId, toHtmlBody } from '../../render/document.js'
import { buildDocument } from '../../render/render.js'
import type { Comment } from '../../store/comments.js'
import { type FieldProblem, summaryOf, textFields } from '../form.js'
import { authorityNames, gradeDisplay, minute, summary } from '../presenters.js'
import { requireRole, signedIn } from '../security.js'
import { renderPage } from '../views.js'

const Version = z.coerce.number().int().min(1)
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/^\s*\d+[.)]?\s+/, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    // A heading that dates its section ("Children's services rating 2009") names it all the same.
    .replace(/\s+(?:19|20)\d{2}$/, '')

interface Section {
  id: string
  key: string
  title: string
}

/** A comment as its page shows it: the section it is on, who wrote it and when, and its answer (appended beside it). */
function commentView(f: Framework, c: Comment, answers: readonly CommentAnswer[]) {
  const answer = answers.find(a => a.commentId === c.id)
  return {
    id: c.id,
    text: c.text,
    section: c.section,
    sectionTitle: c.section === GENERAL_SECTION ? 'The report as a whole' : areaTitle(f, c.section),
    authorName: c.authorName,
    createdAt: minute(c.createdAt),
    answer: answer
      ? {
          outcome: ANSWER_OUTCOME_LABELS[answer.outcome],
          accepted: answer.outcome === 'accepted',
          text: answer.text,
          authorName: answer.authorName,
          createdAt: minute(answer.createdAt),
        }
      : null,
  }
}

/** Where the check stands, in words: its deadline, whether it is closed and why, and how many comments wait. */
function checkView(check: FactualCheck) {
  return {
    deadline: check.deadline,
    open: check.open,
    ended: check.ended ? { authorName: check.ended.authorName, at: minute(check.ended.at) } : null,
    unanswered: check.unanswered.length,
  }
}

/**
 * The report cut at its headings, each part with the section (judgement area) its heading names, so that the comment
 * box of a section stands beside it. Sections no heading names (graded only in a table) and the report as a whole are
 * commented on after it.
 */
function reportSections(doc: RenderedDocument, a: Assessment, f: Framework) {
  const edition = editionFor(f, a.dates)
  const areas = areasFor(f, a).map(area => ({
    section: { id: area.id, key: area.id.replaceAll('.', '-'), title: areaTitle(f, area.id) },
    names: [labelIn(area, edition), area.label, areaTitle(f, area.id), ...(area.alsoPrintedAs ?? [])].map(fold),
  }))
  const placed = new Set<string>()
  const parts: { html: string; section: Section | null }[] = []
  let start = 0
  const flush = (end: number) => {
    if (end <= start) return
    const blocks = doc.blocks.slice(start, end)
    const first = blocks[0]
    const heading = first?.kind === 'heading' ? fold(first.text) : null
    const match = heading ? areas.find(x => !placed.has(x.section.id) && x.names.includes(heading)) : undefined
    if (match) placed.add(match.section.id)
    const offset = start
    const html = toHtmlBody({ ...doc, draft: false, blocks }, 1).replace(
      /id="section-(\d+)"/g,
      (_, n: string) => `id="${sectionId(offset + Number(n) - 1)}"`,
    )
    parts.push({ html, section: match?.section ?? null })
    start = end
  }
  doc.blocks.forEach((b, i) => {
    if (b.kind === 'heading') flush(i)
  })
  flush(doc.blocks.length)
  const rest = areas.filter(x => !placed.has(x.section.id)).map(x => x.section)
  return { parts, rest: [{ id: GENERAL_SECTION, key: 'general', title: 'the report as a whole' }, ...rest] }
}

/** The comment box a problem is about; once the comments are closed (no box is shown), what the page says of it. */
function commentHref(check: FactualCheck, section: string, boxes: readonly string[]): string {
  if (!check.open) return '#check-state'
  return `#comment-${(boxes.includes(section) ? section : GENERAL_SECTION).replaceAll('.', '-')}`
}

async function officerPage(
  req: Request,
  res: Response,
  a: Assessment,
  failed?: { section: string; text: string; error: string },
) {
  const f = getFramework(a.frameworkId)
  const names = authorityNames(await req.ctx.store.authorities.list())
  const authorityName = names.get(a.authorityCode) ?? a.authorityCode
  const check = await factualCheckOf(req.ctx, a)
  const mine = visibleComments(a, req.actor, await req.ctx.store.comments.forAssessment(a.id)) ?? []
  const answers = await req.ctx.store.commentAnswers.forAssessment(a.id)
  const comments = mine.map(c => commentView(f, c, answers))
  const box = (s: Section) => ({
    ...s,
    comments: comments.filter(c => c.section === s.id),
    value: failed?.section === s.id ? failed.text : '',
    error: failed?.section === s.id ? failed.error : null,
  })
  let sections: ReturnType<typeof reportSections> | null = null
  let missing: string[] = []
  try {
    sections = reportSections(buildDocument(a, f, authorityName), a, f)
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    missing = [...e.problems]
  }
  const boxes = [
    ...(sections?.parts ?? []).flatMap(p => (p.section ? [p.section.id] : [])),
    ...(sections?.rest ?? []).map(r => r.id),
    GENERAL_SECTION,
  ]
  const notices: Record<string, string> = {
    comment: 'Your comment has been sent to the inspection team.',
    ended:
      'You have told the inspection team you have no more comments. Next: the inspection team answers each comment; a quality assurer publishes the report once every comment is answered.',
  }
  renderPage(req, res, 'la/check.njk', {
    ...summary(a, names),
    title: `Factual accuracy check – ${f.name}: ${authorityName}`,
    check: checkView(check),
    parts: (sections?.parts ?? []).map(p => ({ html: p.html, box: p.section ? box(p.section) : null })),
    rest: (sections?.rest ?? [{ id: GENERAL_SECTION, key: 'general', title: 'the report as a whole' }]).map(box),
    missing,
    maxLength: MAX_COMMENT_LENGTH,
    notice: typeof req.query.done === 'string' ? (notices[req.query.done] ?? null) : null,
    errors: failed ? [{ text: failed.error, href: commentHref(check, failed.section, boxes) }] : [],
  })
}

async function staffPage(
  req: Request,
  res: Response,
  a: Assessment,
  failed?: { commentId: string; outcome: string; text: string; problems: readonly FieldProblem[] },
) {
  const f = getFramework(a.frameworkId)
  const names = authorityNames(await req.ctx.store.authorities.list())
  const check = await factualCheckOf(req.ctx, a)
  const answers = await req.ctx.store.commentAnswers.forAssessment(a.id)
  const answerErrors = summaryOf(failed?.problems ?? [], [`outcome-${failed?.commentId}`, `text-${failed?.commentId}`])
  const comments = (await req.ctx.store.comments.forAssessment(a.id)).map(c => {
    const view = commentView(f, c, answers)
    const mine = failed?.commentId === c.id ? failed : null
    return {
      ...view,
      outcomeItems: ANSWER_OUTCOMES.map(o => ({
        value: o,
        text: ANSWER_OUTCOME_LABELS[o],
        checked: mine?.outcome === o,
      })),
      value: mine?.text ?? '',
      error: mine ? (answerErrors.fieldErrors[`outcome-${c.id}`] ?? null) : null,
      textError: mine ? (answerErrors.fieldErrors[`text-${c.id}`] ?? null) : null,
    }
  })
  renderPage(req, res, 'staff/comments.njk', {
    ...summary(a, names),
    title: `Factual accuracy comments – ${f.name}`,
    check: checkView(check),
    comments,
    answering: mayAnswerComments(a, req.actor),
    errors: answerErrors.errors,
    notice: req.query.done === 'answer' ? 'Your answer has been recorded beside the comment.' : null,
  })
}

/** What publishing makes public, for the check-your-answers page. */
async function publishPage(req: Request, res: Response, a: Assessment, error?: string) {
  const f = getFramework(a.frameworkId)
  const names = authorityNames(await req.ctx.store.authorities.list())
  const move = availableTransitions(a, signedIn(req).actor).find(t => t.to === 'published')
  if (!move) throw new NotFoundError('This assessment cannot be published by you now')
  const check = a.status === 'factual-accuracy-check' ? await factualCheckOf(req.ctx, a) : null
  const answers = check ? await req.ctx.store.commentAnswers.forAssessment(a.id) : []
  const dateOfRecord = a.dates[f.dateOfRecord]
  renderPage(req, res, 'staff/publish.njk', {
    ...summary(a, names),
    title: `Check before publishing – ${f.name}`,
    moveLabel: move.label,
    dateOfRecord,
    dateOfRecordLabel: f.dateOfRecord === 'letter' ? 'Date of the letter' : 'Date of publication',
    judgements: areasFor(f, a)
      .filter(area => area.grade !== 'none')
      .map(area => ({
        title: areaTitle(f, area.id),
        display: gradeDisplay(f, a.judgements.find(j => j.areaId === area.id)?.grade ?? null),
      })),
    recommendations: a.recommendations.length,
    signatories: a.signatories.map(p => p.name),
    comments: check
      ? {
          total: answers.length + check.unanswered.length,
          accepted: answers.filter(x => x.outcome === 'accepted').length,
          notAccepted: answers.filter(x => x.outcome === 'not-accepted').length,
          unanswered: check.unanswered.length,
        }
      : null,
    errors: error ? [{ text: error, href: '#publish' }] : [],
  })
}

/**
 * The factual accuracy check as a conversation: the authority's officers comment beside each section of the draft
 * and end with "no more comments"; the inspection team answers each comment; publishing goes through a check of what
 * becomes public, and is refused (by the domain, for the API too) while a comment is unanswered.
 */
export function factualCheckRoutes() {
  const router = Router()
  const officer = requireRole('authority-officer')
  const staff = requireRole('inspector', 'quality-assurer')

  router.get('/la/assessments/:id', officer, async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
    if (!canComment(a, req.actor)) throw new NotFoundError(`No assessment ${a.id}`)
    await officerPage(req, res, a)
  })

  router.post('/la/assessments/:id/comments', officer, async (req, res) => {
    const id = req.params.id as string
    const { section = '', text = '' } = textFields(req.body)
    const body = { section, text }
    try {
      await addComment(req.ctx, signedIn(req).actor, signedIn(req).user.name, id, body)
      res.redirect(303, `/la/assessments/${id}?done=comment#comment-${body.section.replaceAll('.', '-')}`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await officerPage(req, res, await readAssessment(req.ctx, req.actor, id), { ...body, error: e.message })
    }
  })

  router.post('/la/assessments/:id/comments/done', officer, async (req, res) => {
    const id = req.params.id as string
    try {
      await endComments(req.ctx, signedIn(req).actor, signedIn(req).user.name, id)
      res.redirect(303, `/la/assessments/${id}?done=ended`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await officerPage(req, res, await readAssessment(req.ctx, req.actor, id), {
        section: GENERAL_SECTION,
        text: '',
        error: e.message,
      })
    }
  })

  router.get('/staff/assessments/:id/comments', staff, async (req, res) => {
    await staffPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id as string))
  })

  router.post('/staff/assessments/:id/comments/:commentId/answer', staff, async (req, res) => {
    const { id, commentId } = req.params as { id: string; commentId: string }
    const { outcome = '', text = '' } = textFields(req.body)
    const body = { outcome, text }
    try {
      await answerComment(req.ctx, signedIn(req).actor, signedIn(req).user.name, id, commentId, body)
      res.redirect(303, `/staff/assessments/${id}/comments?done=answer`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      // "Select whether…" is about the radios; the rest (enter the change or reason, its length) the text.
      const problems = e.problems.map(text => ({
        field: `${/^Select|answered already/.test(text) ? 'outcome' : 'text'}-${commentId}`,
        text,
      }))
      await staffPage(req, res, await readAssessment(req.ctx, req.actor, id), { commentId, ...body, problems })
    }
  })

  router.get('/staff/assessments/:id/publish', staff, async (req, res) => {
    await publishPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id as string))
  })

  router.post('/staff/assessments/:id/publish', staff, async (req, res) => {
    const id = req.params.id as string
    const version = Version.safeParse((req.body as Record<string, unknown> | undefined)?.version)
    if (!version.success) throw new ValidationError('The form did not say which version you checked')
    try {
      const a = await moveAssessment(req.ctx, signedIn(req).actor, id, version.data, 'published')
      res.redirect(303, `/staff/assessments/${a.id}?done=moved`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await publishPage(req, res, await readAssessment(req.ctx, req.actor, id), e.message)
    }
  })

  return router
}

/** What the banner says after a move: the new stage, and who acts next. */
export const movedNotice = (a: Pick<Assessment, 'status'>) => stageNotice(a.status, STATUS_LABELS[a.status])
