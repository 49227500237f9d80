import { addAuthorityAlias } from '../../../app/authorities.js'
import { authorityOverview } from '../../../app/queries.js'
import { trackedRecommendations } from '../../../app/recommendations.js'
import { NotFoundError } from '../../../domain/index.js'
import { signedIn } from '../../security.js'
import type { Api } from '../registry.js'
import { Code, summaryOf } from '../shared.js'
import { AliasBody, AuthorityList, RecommendationsQuery } from './schemas.js'

/** The authorities under /api/v1: the list, each one's overview and recommendations, and the names it is printed under. */
export function authoritiesApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/authorities',
    summary: 'The authorities, with the names reports print them under',
    tag: 'Authorities',
    access: 'public',
    responses: { 200: { description: 'Every authority', schema: AuthorityList } },
    handler: async (req, res) => {
      res.json(await req.ctx.store.authorities.list())
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code/recommendations',
    summary:
      'Every recommendation of the authority’s published reports, with its status and history (notes for staff and the authority’s officers only)',
    tag: 'Recommendations',
    access: 'public',
    params: Code,
    query: RecommendationsQuery,
    responses: { 200: { description: 'The recommendations' } },
    handler: async (req, res, { params, query }) => {
      if (!(await req.ctx.store.authorities.get(params.code))) throw new NotFoundError(`No authority ${params.code}`)
      const tracked = await trackedRecommendations(
        req.ctx,
        req.actor,
        params.code,
        query.status ? { status: query.status } : {},
      )
      res.json({
        items: tracked.map(t => ({
          assessmentId: t.assessment.id,
          recommendation: t.recommendation,
          status: t.status,
          overdue: t.overdue,
          history: t.history,
          earlier: t.earlier,
          followedUpIn: t.followedUpIn.map(a => a.id),
          candidates: t.candidates.map(a => a.id),
        })),
      })
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code',
    summary: 'An authority: its published assessments over time, recommendations and similar areas',
    tag: 'Authorities',
    access: 'public',
    params: Code,
    responses: { 200: { description: 'The authority’s overview' } },
    handler: async (req, res, { params }) => {
      const o = await authorityOverview(req.ctx, params.code)
      res.json({
        authority: o.authority,
        assessments: o.assessments.map(summaryOf),
        timeline: o.timeline.map(p => ({ ...p, framework: p.framework.id })),
        recommendations: o.recommendations
          ? { assessmentId: o.recommendations.assessment.id, items: o.recommendations.items }
          : null,
        neighbours: o.neighbours.map(n => ({
          code: n.authority.code,
          name: n.authority.name,
          latest: n.latest ? summaryOf(n.latest) : null,
        })),
      })
    },
  })

  api.add({
    method: 'post',
    path: '/authorities/:code/aliases',
    summary: 'Add a name an authority is printed under',
    tag: 'Authorities',
    access: ['administrator'],
    params: Code,
    body: AliasBody,
    responses: { 204: { description: 'Added' } },
    handler: async (req, res, { params, body }) => {
      await addAuthorityAlias(req.ctx, signedIn(req).actor, params.code, body.alias)
      res.status(204).end()
    },
  })
}
