import { FRAMEWORKS } from '../../../domain/index.js'
import type { Api } from '../registry.js'

/** The frameworks, as data, under /api/v1. */
export function frameworksApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/frameworks',
    summary: 'The frameworks: scales, judgement areas, timescales and rules',
    tag: 'Frameworks',
    access: 'public',
    responses: { 200: { description: 'Every framework' } },
    handler: async (_req, res) => {
      res.json(FRAMEWORKS)
    },
  })
}
