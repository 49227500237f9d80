import type { Api } from '../registry.js'

/** Who the caller is, under /api/v1. */
export function meApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/me',
    summary: 'Who the caller is',
    tag: 'Users',
    access: 'public',
    responses: { 200: { description: 'The signed-in user or token owner; null for the public' } },
    handler: async (req, res) => {
      res.json({ user: req.user })
    },
  })
}
