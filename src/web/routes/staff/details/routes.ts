import { type Request, type Response, Router } from 'express'
import { readAssessment, updateDetails } from '../../../../app/assessments.js'
import { type Assessment, type Dates, getFramework } from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import { authorityNames, summary } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { NO_VERSION, Version } from '../form.js'
import { dateFields, detailsErrors } from './presenter.js'
import { type DateError, offeredDetails, readDetailsForm, storedDetails } from './schemas.js'

/** /staff/assessments/:id/details: the dates, addressee, signatories and texts the letter or report prints. */
export function detailsRoutes(): Router {
  const router = Router()

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
    renderPage(req, res, 'staff/details/view.njk', {
      ...summary(a, names),
      title: `Details – ${f.name}`,
      dateFields: dateFields(form.values, form.dates),
      // Only what the framework's layout prints is offered: everything entered is printed.
      offered: offeredDetails(f),
      values: form.values,
      errors: detailsErrors(fields, form.dates),
      fieldErrors: fields,
    })
  }

  router.get('/staff/assessments/:id/details', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    await detailsPage(req, res, a, { values: storedDetails(a) })
  })

  router.post('/staff/assessments/:id/details', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const body = (req.body ?? {}) as Record<string, string>
    const today = req.ctx.now().toISOString().slice(0, 10)
    const { input, boxes, fields, dateErrors } = readDetailsForm(a, getFramework(a.frameworkId), body, today)
    const version = Version.safeParse(body.version)
    if (!version.success) return sendError(req, res, 400, undefined, NO_VERSION)
    if (Object.keys(fields).length > 0 || Object.keys(dateErrors).length > 0) {
      res.status(400)
      return detailsPage(req, res, a, { values: { ...body, ...boxes }, fields, dates: dateErrors })
    }
    await updateDetails(req.ctx, signedIn(req).actor, req.params.id, version.data, input)
    res.redirect(303, `/staff/assessments/${req.params.id}?done=details`)
  })

  return router
}
