import { type Request, type Response, Router } from 'express'
import { authorityOverview } from '../../../../app/queries.js'
import { followUpCounts, recordRecommendationUpdate, trackedRecommendations } from '../../../../app/recommendations.js'
import {
  getFramework,
  mayConfirm,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  RecommendationStatusSchema,
  ValidationError,
} from '../../../../domain/index.js'
import type { AssessmentSummary } from '../../../../store/assessments.js'
import { inspectionChanges, timelineChart } from '../../../charts.js'
import { notFound, sendError } from '../../../errors.js'
import { PAGE_SIZE } from '../../../form.js'
import {
  authorityNames,
  followsUpText,
  mixedFrameworksNote,
  pageOf,
  paginationFor,
  printedWithLevel,
  recommendationRow,
  summary,
  trackingRow,
} from '../../../presenters.js'
import { requireRole, signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { authorityQuery, englandLine } from './presenter.js'
import { AuthorityPagesSchema, ConfirmationForm } from './schemas.js'

/**
 * /authorities/:code: an authority's history across every framework, its neighbours, and every recommendation made
 * to it, where staff confirm each one's progress.
 */
export function authorityRoutes(): Router {
  const router = Router()

  /** An authority's page; with `form`, a staff confirmation that failed, given back beside its recommendation. */
  async function authorityPage(
    req: Request,
    res: Response,
    code: string,
    form: { key: string; status: string; note: string; laterAssessmentId: string; error: string } | null = null,
  ) {
    const pages = AuthorityPagesSchema.safeParse(req.query)
    if (!pages.success) return sendError(req, res, 400, undefined, pages.error.issues[0]?.message)
    const overview = await authorityOverview(req.ctx, code)
    const names = authorityNames([overview.authority])
    const latest = overview.assessments[0]
    const headlineOf = (a: AssessmentSummary | undefined) =>
      a ? summary(a, names).headlines.map(h => ({ part: h.part, display: h.display })) : null
    const comparedFramework = latest ? getFramework(latest.frameworkId) : null
    const status = RecommendationStatusSchema.optional().catch(undefined).parse(req.query.status)
    const tracked = await trackedRecommendations(req.ctx, req.actor, overview.authority.code, status ? { status } : {})
    const listed = pageOf(overview.assessments, pages.data.page, PAGE_SIZE)
    const shownRecommendations = pageOf(tracked, pages.data.recommendationsPage, PAGE_SIZE)
    // The page's own address with one thing changed, so that each list's paging keeps the other's page and the filter.
    const here = { status: status ?? '', page: listed.page, recommendationsPage: shownRecommendations.page }
    const queryWith = (change: Partial<typeof here>) => authorityQuery({ ...here, ...change })
    const base = `/authorities/${overview.authority.code}`
    const followUps = await followUpCounts(
      req.ctx,
      listed.items.map(a => a.id),
    )
    const today = req.ctx.now().toISOString().slice(0, 10)
    const first = listed.page === 1 && shownRecommendations.page === 1
    const timeline = overview.timeline.map(p => ({
      ...p,
      inspection: p.framework.name,
      display: printedWithLevel(p),
    }))
    renderPage(req, res, 'public/authority/view.njk', {
      title: first
        ? overview.authority.name
        : `${overview.authority.name} (published assessments page ${listed.page}, recommendations page ${shownRecommendations.page})`,
      authority: overview.authority,
      first,
      firstHref: base,
      chart: first ? timelineChart(timeline, `Headline judgements of ${overview.authority.name} over time`) : null,
      chartNotes: first ? inspectionChanges(timeline) : [],
      timelineNote: mixedFrameworksNote(overview.timeline.map(p => p.framework.id)),
      assessmentsTotal: listed.total,
      assessments: listed.items.map(a => ({
        ...summary(a, names),
        followsUp: followsUpText(followUps.get(a.id)),
      })),
      assessmentsPagination: paginationFor(
        listed.page,
        listed.pages,
        n => `${base}${queryWith({ page: n })}#assessments`,
        'Pages of published assessments',
      ),
      recommendationsTotal: shownRecommendations.total,
      recommendationsPagination: paginationFor(
        shownRecommendations.page,
        shownRecommendations.pages,
        n => `${base}${queryWith({ recommendationsPage: n })}#recommendations`,
        'Pages of recommendations',
      ),
      assessmentsPage: listed.page,
      assessmentsPages: listed.pages,
      recommendationsPage: shownRecommendations.page,
      recommendationsPages: shownRecommendations.pages,
      recommendations: shownRecommendations.items.map(t => {
        const f = getFramework(t.assessment.frameworkId)
        return {
          ...recommendationRow(f, t.recommendation, today, t.assessment.followsUp),
          ...trackingRow(t),
          assessmentId: t.assessment.id,
          report: `${f.name} (${summary(t.assessment, names).dateText ?? 'not dated'})`,
          formId: `${t.assessment.id}-${t.recommendation.id}`,
          // Back to this page of the list, with its filter, once the confirmation is recorded.
          action: `${base}/recommendations/${t.assessment.id}/${encodeURIComponent(t.recommendation.id)}${queryWith({})}`,
          form: form?.key === `${t.assessment.id}/${t.recommendation.id}` ? form : null,
        }
      }),
      recommendationStatus: status ?? '',
      recommendationStatuses: RECOMMENDATION_STATUSES.map(x => ({ value: x, text: RECOMMENDATION_STATUS_LABELS[x] })),
      comparedFramework: comparedFramework?.name ?? null,
      self: { date: latest ? summary(latest, names).date : null, headlines: headlineOf(latest) },
      neighbours: overview.neighbours.map(n => ({
        code: n.authority.code,
        name: n.authority.name,
        date: n.latest ? summary(n.latest, names).date : null,
        headlines: headlineOf(n.latest ?? undefined),
      })),
      england: englandLine(overview.england),
      confirming: mayConfirm(req.actor),
      compareHref: `/compare?${[overview.authority.code, ...overview.neighbours.slice(0, 3).map(n => n.authority.code)]
        .map(c => `codes=${c}`)
        .join('&')}`,
      ...(form
        ? {
            errors: [
              {
                text: form.error,
                href: `#confirm-${form.laterAssessmentId ? 'later' : 'status'}-${form.key.replace('/', '-')}`,
              },
            ],
          }
        : {}),
    })
  }

  router.get('/authorities/:code', async (req, res) => {
    if (!/^E\d{8}$/.test(req.params.code)) return notFound(req, res)
    await authorityPage(req, res, req.params.code)
  })

  /** Inspectors and quality assurers confirm a recommendation met, not met or superseded, or open it again. */
  router.post(
    '/authorities/:code/recommendations/:assessmentId/:recommendationId',
    requireRole('inspector', 'quality-assurer'),
    async (req, res) => {
      const { code, assessmentId, recommendationId } = req.params as {
        code: string
        assessmentId: string
        recommendationId: string
      }
      if (!/^E\d{8}$/.test(code)) return notFound(req, res)
      const body = ConfirmationForm.parse(req.body ?? {})
      const key = `${assessmentId}/${recommendationId}`
      const status = RecommendationStatusSchema.safeParse(body.status)
      if (!status.success) {
        res.status(400)
        return authorityPage(req, res, code, { key, ...body, error: 'Choose a status' })
      }
      const seen = await req.ctx.store.assessments.visibility(assessmentId)
      if (!seen || seen.authorityCode !== code) return notFound(req, res)
      try {
        await recordRecommendationUpdate(
          req.ctx,
          signedIn(req).actor,
          signedIn(req).user.name,
          assessmentId,
          recommendationId,
          { status: status.data, note: body.note, laterAssessmentId: body.laterAssessmentId || null },
        )
        res.redirect(303, `/authorities/${code}${authorityQuery({ ...req.query, done: 'confirmed' })}#recommendations`)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        res.status(400)
        await authorityPage(req, res, code, { key, ...body, error: e.message })
      }
    },
  )

  return router
}
