import { type Request, type Response, Router } from 'express'
import { readAssessment } from '../../app/assessments.js'
import { addComment, endComments, factualCheckOf, GENERAL_SECTION, MAX_COMMENT_LENGTH } from '../../app/comments.js'
import {
  type Assessment,
  areasFor,
  areaTitle,
  canComment,
  editionFor,
  type FactualCheck,
  type Framework,
  getFramework,
  labelIn,
  NotFoundError,
  ValidationError,
  visibleComments,
} from '../../domain/index.js'
import { type RenderedDocument, sectionId, toHtmlBody } from '../../render/document.js'
import { buildDocument } from '../../render/render.js'
import { textFields } from '../form.js'
import { authorityNames, checkView, commentView, summary } from '../presenters.js'
import { requireRole, signedIn } from '../security.js'
import { renderPage } from '../views.js'

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

/**
 * The factual accuracy check as a conversation: the authority's officers comment beside each section of the draft
 * and end with "no more comments"; the inspection team answers each comment; publishing goes through a check of what
 * becomes public, and is refused (by the domain, for the API too) while a comment is unanswered.
 */
export function factualCheckRoutes() {
  const router = Router()
  const officer = requireRole('authority-officer')

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

  return router
}
