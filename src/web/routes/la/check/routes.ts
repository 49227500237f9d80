import { type Request, type RequestHandler, type Response, Router } from 'express'
import { readAssessment } from '../../../../app/assessments.js'
import {
  addComment,
  endComments,
  factualCheckOf,
  GENERAL_SECTION,
  MAX_COMMENT_LENGTH,
} from '../../../../app/comments.js'
import {
  type Assessment,
  canComment,
  getFramework,
  NotFoundError,
  ValidationError,
  visibleComments,
} from '../../../../domain/index.js'
import { buildDocument } from '../../../../render/render.js'
import { textFields } from '../../../form.js'
import { authorityNames, checkView, commentView, summary } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { commentHref, reportSections, type Section } from './presenter.js'

async function checkPage(
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
  renderPage(req, res, 'la/check/view.njk', {
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
 * /la/assessments/:id: the factual accuracy check as a conversation: the authority's officers comment beside each
 * section of the draft and end with "no more comments"; the inspection team answers each comment (staff/comments).
 */
export function checkRoutes(officer: RequestHandler): Router {
  const router = Router()
  router.get('/la/assessments/:id', officer, async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
    if (!canComment(a, req.actor)) throw new NotFoundError(`No assessment ${a.id}`)
    await checkPage(req, res, a)
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
      await checkPage(req, res, await readAssessment(req.ctx, req.actor, id), { ...body, error: e.message })
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
      await checkPage(req, res, await readAssessment(req.ctx, req.actor, id), {
        section: GENERAL_SECTION,
        text: '',
        error: e.message,
      })
    }
  })

  return router
}
