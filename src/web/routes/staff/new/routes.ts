import { type Request, type Response, Router } from 'express'
import { createAssessment } from '../../../../app/assessments.js'
import { describeScale, FRAMEWORKS } from '../../../../domain/index.js'
import { authorityChoices } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { newAssessmentForm } from './schemas.js'

/** /staff/assessments/new: a new draft of an authority's assessment under a framework. */
export function newRoutes(): Router {
  const router = Router()

  const newPage = async (
    req: Request,
    res: Response,
    values: Record<string, string>,
    fields: Record<string, string>,
  ) => {
    const authorities = await req.ctx.store.authorities.list()
    renderPage(req, res, 'staff/new/view.njk', {
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
    const { values, fields } = await newAssessmentForm(req.body, req.ctx.store)
    if (Object.keys(fields).length === 0) {
      const a = await createAssessment(req.ctx, signedIn(req).actor, values)
      return res.redirect(303, `/staff/assessments/${a.id}`)
    }
    res.status(400)
    await newPage(req, res, values, fields)
  })

  return router
}
