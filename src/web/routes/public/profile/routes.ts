import { Router } from 'express'
import { z } from 'zod'
import { loadProfile, profileYears } from '../../../../app/profile.js'
import { NotFoundError } from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import { renderPage } from '../../../views.js'
import { profileView } from './presenter.js'

const Year = z.coerce.number().int().min(2000).max(2100)

/** /authorities/:code/profile: an authority's performance profile, of a year, against similar areas and England. */
export function profileRoutes(): Router {
  const router = Router()
  router.get('/authorities/:code/profile', async (req, res) => {
    const authority = /^E\d{8}$/.test(req.params.code)
      ? await req.ctx.store.authorities.get(req.params.code)
      : undefined
    if (!authority) throw new NotFoundError(`No authority ${req.params.code}`)
    const years = await profileYears(req.ctx)
    const asked = req.query.year === undefined ? undefined : Year.safeParse(req.query.year)
    if (asked && !asked.success) return sendError(req, res, 400, undefined, 'Enter a year from 2000 to 2100, like 2009')
    const year = asked?.data ?? years[0]
    const base = {
      title: `${authority.name}: performance profile${year ? ` ${year}` : ''}`,
      authority,
      year,
      yearItems: years.map(y => ({ value: String(y), text: String(y), selected: y === year })),
    }
    if (!year) return renderPage(req, res, 'public/profile/view.njk', { ...base, empty: true })
    const { profile, synthetic, empty } = await loadProfile(req.ctx, authority.code, year)
    if (empty) return renderPage(req, res, 'public/profile/view.njk', { ...base, empty: true, synthetic })
    renderPage(req, res, 'public/profile/view.njk', { ...base, synthetic, ...profileView(profile, authority.name) })
  })
  return router
}
