import { type Request, type Response, Router } from 'express'
import { readAssessment } from '../../../../app/assessments.js'
import { addComment } from '../../../../app/comments.js'
import { followUpCounts } from '../../../../app/recommendations.js'
import {
  type Assessment,
  canComment,
  getFramework,
  isAuthorityOfficer,
  isStaff,
  STATUS_LABELS,
  ValidationError,
} from '../../../../domain/index.js'
import { toHtmlBody } from '../../../../render/document.js'
import { buildDocument, renderHtml, renderText } from '../../../../render/render.js'
import type { Services } from '../../../context.js'
import { notFound } from '../../../errors.js'
import { authorityNames, commentRows, followsUpText, minute, summary } from '../../../presenters.js'
import { ReportPdfs } from '../../../report-pdfs.js'
import { renderPage } from '../../../views.js'
import {
  commentSections,
  documentRow,
  inspectionTypeOf,
  judgementRows,
  judgementsCsv,
  reportContents,
} from './presenter.js'
import { CommentForm } from './schemas.js'

/** /assessments/:id: a report, its editions and documents, and its downloads; its officers' comments at the check. */
export function assessmentRoutes(services: Pick<Services, 'printer'>): Router {
  const pdfs = new ReportPdfs(services.printer)
  const router = Router()

  /** The documents a report was read from, each with its original where it is held. */
  async function publishedDocuments(req: Request, a: Assessment) {
    const documents = await req.ctx.store.documents.forAssessment(a.id)
    const held = await req.ctx.store.documents.heldOriginals(documents.map(d => d.hash))
    return documents.map(d => documentRow(a.id, d, held.has(d.hash)))
  }

  /** The assessment's page; a comment that failed comes back in its section's form with the error. */
  async function assessmentPage(
    req: Request,
    res: Response,
    a: Assessment,
    failed?: { section: string; text: string; error: string },
  ) {
    const f = getFramework(a.frameworkId)
    const authority = await req.ctx.store.authorities.get(a.authorityCode)
    const names = authorityNames(authority ? [authority] : [])
    let reportHtml = ''
    let contents: ReturnType<typeof reportContents> = []
    let missing: string[] = []
    try {
      const doc = buildDocument(a, f, authority?.name ?? a.authorityCode)
      reportHtml = toHtmlBody(doc, 1)
      contents = reportContents(doc, f)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      missing = [...e.problems]
    }
    const editions = await req.ctx.store.assessments.editions(a.id)
    const chain = editions.filter(e => e.id === a.id || e.status === 'published' || isStaff(req.actor))
    const staffView = isStaff(req.actor)
    const commenting = canComment(a, req.actor)
    const comments = staffView || commenting ? await req.ctx.store.comments.forAssessment(a.id) : null
    const visibleComments = commenting ? comments?.filter(c => c.authorId === req.actor?.id) : comments
    const sections = commenting
      ? commentSections(f).map(x => (x.id === failed?.section ? { ...x, value: failed.text, error: failed.error } : x))
      : null
    const target = sections?.find(x => x.error)
    const s = summary(a, names)
    renderPage(req, res, 'public/assessment/view.njk', {
      ...s,
      title: `${f.name}: ${s.authorityName}${s.dateText ? ` (${s.dateText})` : ''}`,
      dateFromFileName: !a.dates.letter && a.provenance['dates.published']?.kind === 'file-name',
      frameworkName: f.name,
      inspectionType: inspectionTypeOf(f, a),
      authority: authority ?? { code: a.authorityCode, name: a.authorityCode },
      origin: a.origin,
      renderable: missing.length === 0,
      reportHtml,
      contents,
      missing,
      judgements: judgementRows(a),
      workLink: staffView ? `/staff/assessments/${a.id}` : null,
      supersededBy: editions.find(e => e.supersedes === a.id && e.status === 'published')?.id ?? null,
      followsUp: a.status === 'published' ? followsUpText((await followUpCounts(req.ctx, [a.id])).get(a.id)) : null,
      editions: chain.map(e => ({
        ...e,
        statusLabel: STATUS_LABELS[e.status],
        updatedAt: minute(e.updatedAt),
      })),
      documents: a.origin === 'ingested' ? await publishedDocuments(req, a) : [],
      comments: visibleComments ? commentRows(f, visibleComments) : null,
      commentSections: sections,
      errors: failed ? [{ text: failed.error, href: target ? `#comment-${target.key}` : '#main-content' }] : [],
      notice: req.query.done === 'comment' ? 'Your comment has been sent to the inspection team.' : null,
    })
  }

  router.get('/assessments/:id', async (req, res) => {
    await assessmentPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id))
  })

  router.post('/assessments/:id/comments', async (req, res) => {
    const body = CommentForm.parse(req.body ?? {})
    if (!req.actor || !isAuthorityOfficer(req.actor)) return notFound(req, res)
    try {
      await addComment(req.ctx, req.actor, req.user?.name ?? req.actor.id, req.params.id, body)
      res.redirect(303, `/assessments/${req.params.id}?done=comment#comments`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await assessmentPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id), {
        ...body,
        error: e.message,
      })
    }
  })

  router.get('/assessments/:id/report.:format', async (req, res) => {
    const format = req.params.format
    if (format !== 'pdf' && format !== 'txt') return notFound(req, res)
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const f = getFramework(a.frameworkId)
    const name = (await req.ctx.store.authorities.get(a.authorityCode))?.name ?? a.authorityCode
    const file = `${f.id}-${a.authorityCode}-${a.id.slice(0, 8)}${a.status === 'published' ? '' : '-draft'}`
    if (format === 'txt') {
      const text = renderText(a, f, name)
      res.attachment(`${file}.txt`).type('text/plain; charset=utf-8').send(text)
      return
    }
    const pdf = await pdfs.pdf(a, () => renderHtml(a, f, name), req.ctx.store.reportPdfs)
    res.attachment(`${file}.pdf`).type('application/pdf').send(pdf)
  })

  /** The report as published: the bytes that were read, exactly, under the name they were given. */
  router.get('/assessments/:id/documents/:hash', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const d = (await req.ctx.store.documents.forAssessment(a.id)).find(x => x.hash === req.params.hash)
    const bytes = d && (await req.ctx.store.documents.original(d.hash))
    if (!d || !bytes) return notFound(req, res)
    // A saved web page is offered as a file to keep, never shown as a page of this site.
    res
      .attachment(d.fileName)
      .type(
        d.format === 'pdf'
          ? 'application/pdf'
          : d.format === 'html'
            ? 'text/html; charset=utf-8'
            : 'text/plain; charset=utf-8',
      )
      .set('Content-Security-Policy', "sandbox; default-src 'none'")
      .set('Digest', `sha-256=${Buffer.from(d.hash, 'hex').toString('base64')}`)
      .send(Buffer.from(bytes))
  })

  router.get('/assessments/:id/assessment.json', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    res.attachment(`assessment-${a.id}.json`).json(a)
  })

  router.get('/assessments/:id/judgements.csv', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const authority = await req.ctx.store.authorities.get(a.authorityCode)
    if (!authority) return notFound(req, res)
    res.attachment(`judgements-${a.id}.csv`).type('text/csv; charset=utf-8').send(judgementsCsv(a, authority))
  })

  return router
}
