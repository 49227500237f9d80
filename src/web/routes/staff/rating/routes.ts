import { type Request, type Response, Router } from 'express'
import { readAssessment } from '../../../../app/assessments.js'
import { draftRatingNarrative, profileYearOf, suggestForAssessment } from '../../../../app/profile.js'
import {
  BUILT_IN_RULES,
  canEdit,
  getFramework,
  NotFoundError,
  RATING_NOTE,
  RATING_RULE_SETS,
  ValidationError,
} from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import { authorityNames, gradeDisplay, printedGrade } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { NO_VERSION, Version } from '../form.js'

const gradeLabel = (frameworkId: string, grade: number | null) => printedGrade(getFramework(frameworkId), grade)

/**
 * /staff/assessments/:id/rating: a rating's suggestion from the performance profile, each rule that moved it, and
 * the narrative drafted from it.
 */
export function ratingRoutes(): Router {
  const router = Router()

  async function ratingPage(req: Request, res: Response, id: string) {
    const a = await readAssessment(req.ctx, req.actor, id)
    const rules = RATING_RULE_SETS.find(r => r.framework === a.frameworkId)
    if (!rules) throw new NotFoundError(`${getFramework(a.frameworkId).name} is not rated from a performance profile`)
    const s = a.ratingSuggestion
    const j = a.judgements.find(x => x.areaId === rules.area)
    const dataYear = s?.dataYear ?? profileYearOf(a)
    const names = authorityNames(await req.ctx.store.authorities.list())
    const synthetic = await req.ctx.store.profile.syntheticIn(dataYear)
    renderPage(req, res, 'staff/rating/view.njk', {
      title: `The rating and its reasons – ${names.get(a.authorityCode) ?? a.authorityCode}`,
      id: a.id,
      version: a.version,
      areaId: rules.area,
      authorityCode: a.authorityCode,
      authorityName: names.get(a.authorityCode) ?? a.authorityCode,
      frameworkName: getFramework(a.frameworkId).name,
      editable: canEdit(a, signedIn(req).actor),
      synthetic,
      dataYear,
      rulesYear: s?.rulesYear ?? rules.year,
      note: RATING_NOTE,
      suggested: s ? gradeDisplay(getFramework(a.frameworkId), s.grade) : null,
      recorded: gradeDisplay(getFramework(a.frameworkId), j?.grade ?? null),
      rationale: j?.overrides.find(o => o.rule === BUILT_IN_RULES.profile)?.rationale ?? null,
      missing: s?.missing ?? [],
      steps: (s?.steps ?? []).map(step => ({
        ...step,
        change:
          step.before === step.after
            ? (gradeLabel(a.frameworkId, step.after) ?? '—')
            : `${gradeLabel(a.frameworkId, step.before) ?? 'none'} → ${gradeLabel(a.frameworkId, step.after) ?? 'none'}`,
      })),
      narrative: j?.narrative ? j.narrative.split(/\n{2,}/) : null,
      notice:
        req.query.done === 'suggest'
          ? 'The suggested rating has been worked out from the profile.'
          : req.query.done === 'draft'
            ? 'The narrative has been drafted from the profile. Edit it in the rating’s editor.'
            : null,
    })
  }

  router.get('/staff/assessments/:id/rating', (req, res) => ratingPage(req, res, String(req.params.id)))

  for (const [action, run] of [
    ['suggest', suggestForAssessment],
    ['draft', draftRatingNarrative],
  ] as const)
    router.post(`/staff/assessments/:id/rating/${action}`, async (req, res) => {
      const version = Version.safeParse((req.body as Record<string, unknown> | undefined)?.version)
      if (!version.success) return sendError(req, res, 400, undefined, NO_VERSION)
      try {
        await run(req.ctx, signedIn(req).actor, String(req.params.id), version.data)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        res.status(400)
        return renderPage(req, res, 'error.njk', {
          title: 'The rating could not be worked out',
          paragraphs: [...e.problems],
        })
      }
      res.redirect(303, `/staff/assessments/${req.params.id}/rating?done=${action}`)
    })

  return router
}
