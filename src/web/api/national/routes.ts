import { nationalOverview } from '../../../app/queries.js'
import type { Api } from '../registry.js'

/** The national picture under /api/v1. */
export function nationalApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/national',
    summary: 'How published headline judgements are spread over the levels, by framework and year',
    tag: 'National',
    access: 'public',
    responses: { 200: { description: 'The distributions' } },
    handler: async (req, res) => {
      const groups = await nationalOverview(req.ctx)
      res.json(groups.map(g => ({ ...g, framework: g.framework.id })))
    },
  })
}
