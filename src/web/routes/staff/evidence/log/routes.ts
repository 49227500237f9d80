import { Router } from 'express'
import { z } from 'zod'
import { addSummaryToAbout, evidenceLog } from '../../../../../app/evidence.js'
import { EVIDENCE_KINDS, ValidationError } from '../../../../../domain/index.js'
import { sendError } from '../../../../errors.js'
import { authorityNames } from '../../../../presenters.js'
import { signedIn } from '../../../../security.js'
import { renderPage } from '../../../../views.js'
import { NO_VERSION, Version } from '../../form.js'
import { evidenceBase } from '../presenter.js'
import { CHOOSE_KIND } from '../schemas.js'
import { logView } from './presenter.js'

/** /staff/assessments/:id/evidence: the inspection's evidence, by judgement and kind; its summary for the report. */
export function logRoutes(): Router {
  const router = Router()

  router.get('/staff/assessments/:id/evidence', async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const kind = q.kind ? z.enum(EVIDENCE_KINDS).safeParse(q.kind) : undefined
    if (kind && !kind.success) return sendError(req, res, 400, undefined, CHOOSE_KIND)
    const log = await evidenceLog(req.ctx, req.actor, req.params.id as string, {
      areaId: q.area || undefined,
      kind: kind?.data,
    })
    renderPage(req, res, 'staff/evidence/log/view.njk', {
      ...logView(log, authorityNames(await req.ctx.store.authorities.list()), q),
      notice: q.done === 'about' ? 'The summary has been added to About this inspection.' : null,
    })
  })

  router.post('/staff/assessments/:id/evidence/about', async (req, res) => {
    const version = Version.safeParse((req.body as Record<string, unknown>)?.version)
    if (!version.success) return sendError(req, res, 400, undefined, NO_VERSION)
    try {
      await addSummaryToAbout(req.ctx, signedIn(req).actor, req.params.id as string, version.data)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      return sendError(req, res, 400, undefined, e.message)
    }
    res.redirect(303, `${evidenceBase(req.params.id as string)}?done=about`)
  })

  return router
}
