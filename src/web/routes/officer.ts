import { Router } from 'express'
import { dateOf } from '../../app/queries.js'
import { getFramework, isForTheCouncil, NotFoundError } from '../../domain/index.js'
import { minute, pageDate, recommendationRow } from '../presenters.js'
import { requireRole } from '../security.js'
import { renderPage } from '../views.js'

/** An authority officer's own authority: drafts awaiting their factual accuracy comments, and recommendations. */
export function officerRoutes() {
  const router = Router()
  router.get('/la', requireRole('authority-officer'), async (req, res) => {
    const code = req.user?.authorityCode
    const authority = code ? await req.ctx.store.authorities.get(code) : undefined
    if (!authority) throw new NotFoundError('Your account is not linked to an authority')
    const [awaiting, published] = await Promise.all([
      req.ctx.store.assessments.list({ authorityCode: authority.code, status: 'factual-accuracy-check' }),
      req.ctx.store.assessments.list({ authorityCode: authority.code, status: 'published' }),
    ])
    const today = req.ctx.now().toISOString().slice(0, 10)
    const recommendations = published
      .flatMap(a => {
        const f = getFramework(a.frameworkId)
        return a.recommendations.filter(isForTheCouncil).map(r => ({
          ...recommendationRow(f, r, today, a.followsUp),
          assessmentId: a.id,
          report: `${f.name} (${pageDate(dateOf(a)) ?? 'not dated'})`,
        }))
      })
      .sort((a, b) => (b.dueDate ?? '').localeCompare(a.dueDate ?? ''))
    renderPage(req, res, 'la/home.njk', {
      title: `${authority.name}: your authority`,
      authority,
      awaiting: awaiting.map(a => ({
        id: a.id,
        frameworkName: getFramework(a.frameworkId).name,
        version: a.version,
        updatedAt: minute(a.updatedAt),
      })),
      recommendations,
    })
  })
  return router
}
