import { type Request, type RequestHandler, type Response, Router } from 'express'
import { readSelfAssessment, submitSelfAssessment } from '../../../../app/evidence.js'
import { areaTitle, getFramework, NotFoundError, pointsBestFirst, ValidationError } from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import { type FieldProblem, summaryOf, textFields } from '../../../form.js'
import { minute, printedGrade } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { answerProblems, gradedAreas, queryProblems, selfAssessmentFields, WITH_EVIDENCE } from './schemas.js'

/** /la/self-assessment: the council's self-assessment, by its officers: a grade and a narrative per graded area. */
export function selfAssessmentRoutes(officer: RequestHandler): Router {
  const router = Router()

  const selfPage = async (
    req: Request,
    res: Response,
    values: Record<string, string>,
    problems: readonly FieldProblem[],
  ) => {
    const { actor } = signedIn(req)
    const f = getFramework(values.framework || (WITH_EVIDENCE.at(-1)?.id as string))
    const year = Number(values.year) || Math.min(f.years[1], req.ctx.now().getUTCFullYear())
    const code = actor.authorityCode as string
    const held = await readSelfAssessment(req.ctx, actor, code, f.id, year).catch(e => {
      if (e instanceof NotFoundError) return null
      throw e
    })
    const authority = await req.ctx.store.authorities.get(code)
    renderPage(req, res, 'la/self-assessment/view.njk', {
      title: 'Your council’s self-assessment',
      ...summaryOf(problems, selfAssessmentFields(f)),
      authorityName: authority?.name ?? code,
      frameworkItems: WITH_EVIDENCE.map(x => ({
        value: x.id,
        text: `${x.name} (${x.years[0]}–${x.years[1]})`,
        selected: x.id === f.id,
      })),
      framework: f.id,
      frameworkName: f.name,
      year,
      held: held ? { by: held.submittedByName, at: minute(held.submittedAt) } : null,
      notice: req.query.done === 'submitted' ? 'Your self-assessment has been submitted.' : null,
      areas: gradedAreas(f).map(x => {
        const given = held?.areas.find(y => y.areaId === x.id)
        const grade = values[`grade:${x.id}`] ?? (given?.grade == null ? '' : String(given.grade))
        return {
          id: x.id,
          title: areaTitle(f, x.id),
          gradeName: `grade:${x.id}`,
          narrativeName: `narrative:${x.id}`,
          narrative: values[`narrative:${x.id}`] ?? given?.narrative ?? '',
          gradeItems: [
            { value: '', text: 'No grade', selected: grade === '' },
            ...pointsBestFirst(f.scale).map(p => ({
              value: String(p.value),
              text: printedGrade(f, p.value) ?? p.label,
              selected: grade === String(p.value),
            })),
          ],
        }
      }),
    })
  }

  router.get('/la/self-assessment', officer, (req, res) => {
    const q = textFields(req.query)
    const problems = queryProblems(q)
    if (problems.length) res.status(400)
    return selfPage(req, res, problems.length ? {} : q, problems)
  })

  router.post('/la/self-assessment', officer, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = textFields(req.body)
    const f = WITH_EVIDENCE.find(x => x.id === body.framework)
    if (!f || !/^\d{4}$/.test(body.year ?? ''))
      return sendError(req, res, 400, undefined, 'Choose the framework and year')
    const areas = gradedAreas(f)
    const problems = answerProblems(f, body)
    if (problems.length) {
      res.status(400)
      return selfPage(req, res, body, problems)
    }
    try {
      await submitSelfAssessment(req.ctx, actor, user.name, {
        authorityCode: actor.authorityCode as string,
        frameworkId: f.id,
        year: Number(body.year),
        areas: areas.map(x => {
          const g = body[`grade:${x.id}`] ?? ''
          return { areaId: x.id, grade: g ? Number(g) : null, narrative: body[`narrative:${x.id}`] ?? '' }
        }),
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      // A problem that names an area is put on its grade; one about the whole form, on the first grade.
      const onField = (text: string) => {
        const at = areas.findIndex(x => text.startsWith(`${areaTitle(f, x.id)}:`))
        return { field: `grade-${at < 0 ? 1 : at + 1}`, text }
      }
      return selfPage(req, res, body, e.problems.map(onField))
    }
    res.redirect(303, `/la/self-assessment?framework=${f.id}&year=${body.year}&done=submitted`)
  })

  return router
}
