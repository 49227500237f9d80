import { type Request, type Response, Router } from 'express'
import { readAssessment, recordJudgement } from '../../../../app/assessments.js'
import {
  type Assessment,
  areaTitle,
  getArea,
  getFramework,
  levelLabel,
  NotFoundError,
  printsOfArea,
  ValidationError,
} from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import { authorityNames, summary } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { gradeItems, nextArea } from '../editor.js'
import { lines, NO_VERSION } from '../form.js'
import { answerable, framingFields } from './presenter.js'
import { framingFrom, JudgementForm, overridesFrom } from './schemas.js'

/** /staff/assessments/:id/areas/:areaId: an area's grade, words and overrides; "Save and continue" to the next. */
export function areaRoutes(): Router {
  const router = Router()

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
    renderPage(req, res, 'staff/area/view.njk', {
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
      if (version) return sendError(req, res, 400, undefined, NO_VERSION)
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

  return router
}
