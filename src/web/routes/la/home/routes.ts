import { type Request, type RequestHandler, type Response, Router } from 'express'
import { dateOf } from '../../../../app/queries.js'
import { followUpCounts, recordRecommendationUpdate, trackedRecommendations } from '../../../../app/recommendations.js'
import {
  getFramework,
  NotFoundError,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
  ValidationError,
} from '../../../../domain/index.js'
import { PAGE_SIZE, textFields } from '../../../form.js'
import {
  followsUpText,
  minute,
  pageDate,
  pageOf,
  paginationFor,
  recommendationRow,
  trackingRow,
} from '../../../presenters.js'
import { renderPage } from '../../../views.js'
import { laHref } from './presenter.js'
import { pageAsked, StatusFilter } from './schemas.js'

/** An officer's home page; with `form`, a progress note that failed, given back beside its recommendation. */
async function home(
  req: Request,
  res: Response,
  form: { key: string; note: string; error: string } | null = null,
): Promise<void> {
  const code = req.user?.authorityCode
  const authority = code ? await req.ctx.store.authorities.get(code) : undefined
  if (!authority) throw new NotFoundError('Your account is not linked to an authority')
  const { status } = StatusFilter.parse(req.query)
  const [awaiting, tracked] = await Promise.all([
    req.ctx.store.assessments.list({ authorityCode: authority.code, status: 'factual-accuracy-check' }),
    trackedRecommendations(req.ctx, req.actor, authority.code, status ? { status } : {}),
  ])
  const today = req.ctx.now().toISOString().slice(0, 10)
  const followUps = await followUpCounts(req.ctx, [...new Set(tracked.map(t => t.assessment.id))])
  const recommendations = tracked
    .map(t => {
      const f = getFramework(t.assessment.frameworkId)
      const key = `${t.assessment.id}/${t.recommendation.id}`
      return {
        ...recommendationRow(f, t.recommendation, today, t.assessment.followsUp),
        ...trackingRow(t),
        key,
        formId: `progress-${t.assessment.id}-${t.recommendation.id}`,
        action: `/la/recommendations/${t.assessment.id}/${encodeURIComponent(t.recommendation.id)}`,
        assessmentId: t.assessment.id,
        report: `${f.name} (${pageDate(dateOf(t.assessment)) ?? 'not dated'})`,
        reportFollowsUp: followsUpText(followUps.get(t.assessment.id)),
        form: form?.key === key ? form : null,
      }
    })
    .sort((a, b) => (b.dueDate ?? '').localeCompare(a.dueDate ?? ''))
  // A form given back with its problem is shown on the page that holds it.
  const held = form ? recommendations.findIndex(r => r.key === form.key) : -1
  const shown = pageOf(recommendations, held >= 0 ? Math.floor(held / PAGE_SIZE) + 1 : pageAsked(req), PAGE_SIZE)
  renderPage(req, res, 'la/home/view.njk', {
    title: `${authority.name}: your authority`,
    authority,
    awaiting: awaiting.map(a => ({
      id: a.id,
      frameworkName: getFramework(a.frameworkId).name,
      version: a.version,
      updatedAt: minute(a.updatedAt),
    })),
    recommendations: shown.items.map(r => ({ ...r, action: `${r.action}?page=${shown.page}` })),
    recommendationsTotal: shown.total,
    recommendationsPage: shown.page,
    recommendationsPages: shown.pages,
    pagination: paginationFor(shown.page, shown.pages, n => laHref(status, n), 'Pages of recommendations'),
    status: status ?? '',
    statuses: RECOMMENDATION_STATUSES.map(s => ({ value: s, text: RECOMMENDATION_STATUS_LABELS[s] })),
    ...(form
      ? {
          errors: [{ text: form.error, href: `#note-${recommendations.find(r => r.key === form.key)?.formId ?? ''}` }],
        }
      : {}),
  })
}

/**
 * /la: an authority officer's own authority: drafts awaiting their factual accuracy comments, and every recommendation
 * ever made to it with where it stands, filterable by status, each with a form to record progress.
 */
export function homeRoutes(officer: RequestHandler): Router {
  const router = Router()
  router.get('/la', officer, async (req, res) => {
    await home(req, res)
  })
  router.post('/la/recommendations/:assessmentId/:recommendationId', officer, async (req, res) => {
    const { note = '', inProgress } = textFields(req.body)
    const body = { note, inProgress }
    const { assessmentId, recommendationId } = req.params as { assessmentId: string; recommendationId: string }
    const status: RecommendationStatus | undefined = body.inProgress ? 'in-progress' : undefined
    const page = pageAsked(req)
    try {
      await recordRecommendationUpdate(
        req.ctx,
        req.actor as NonNullable<typeof req.actor>,
        req.user?.name ?? req.actor?.id ?? '',
        assessmentId,
        recommendationId,
        { status, note: body.note },
      )
      res.redirect(303, laHref(undefined, page, 'progress'))
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await home(req, res, { key: `${assessmentId}/${recommendationId}`, note: body.note, error: e.message })
    }
  })
  return router
}
