import { type Request, type Response, Router } from 'express'
import { attachEvidenceFile, evidenceFile, linkEvidenceItem, readEvidence } from '../../../../../app/evidence.js'
import { evidenceSettings, MAX_EVIDENCE_FILE_BYTES, ValidationError } from '../../../../../domain/index.js'
import { summaryOf } from '../../../../form.js'
import { authorityNames } from '../../../../presenters.js'
import { checkCsrf, signedIn } from '../../../../security.js'
import { formErrors, renderPage } from '../../../../views.js'
import { areaCheckboxes, evidenceBase, itemRow } from '../presenter.js'
import { chosenAreas, evidenceUpload } from '../schemas.js'

const NOTICES: Record<string, string> = {
  added: 'The evidence has been recorded.',
  linked: 'The judgements it informs have been saved.',
  attached: 'The file has been attached.',
}

/** /staff/assessments/:id/evidence/:evidenceId: an item of evidence, the judgements it informs, its files. */
export function itemRoutes(): Router {
  const router = Router()

  const itemPage = async (req: Request, res: Response, evidenceId: string, extra: Record<string, unknown> = {}) => {
    const {
      assessment: a,
      framework: f,
      item,
    } = await readEvidence(req.ctx, req.actor, req.params.id as string, evidenceId)
    const settings = evidenceSettings(f).caseAudit
    const names = authorityNames(await req.ctx.store.authorities.list())
    renderPage(req, res, 'staff/evidence/item/view.njk', {
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
        typeof req.query.done === 'string' && Object.hasOwn(NOTICES, req.query.done) ? NOTICES[req.query.done] : null,
      ...extra,
    })
  }

  router.get('/staff/assessments/:id/evidence/:evidenceId', (req, res) =>
    itemPage(req, res, req.params.evidenceId as string),
  )

  router.post('/staff/assessments/:id/evidence/:evidenceId/links', async (req, res) => {
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
    res.redirect(303, `${evidenceBase(id)}/${req.params.evidenceId}?done=linked`)
  })

  router.post(
    '/staff/assessments/:id/evidence/:evidenceId/files',
    evidenceUpload.single('file'),
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
      res.redirect(303, `${evidenceBase(id)}/${req.params.evidenceId}?done=attached`)
    },
  )

  router.get('/staff/assessments/:id/evidence/:evidenceId/files/:fileId', async (req, res) => {
    const f = await evidenceFile(
      req.ctx,
      req.actor,
      req.params.id as string,
      req.params.evidenceId as string,
      req.params.fileId as string,
    )
    res.attachment(f.fileName).type('application/octet-stream').send(Buffer.from(f.content))
  })

  return router
}
