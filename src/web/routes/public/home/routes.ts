import { Router } from 'express'
import { searchAssessments } from '../../../../app/queries.js'
import { FRAMEWORKS, isStaff, LEVELS, levelLabel, STATUS_LABELS, STATUSES } from '../../../../domain/index.js'
import { PAGE_SIZE } from '../../../form.js'
import { authorityChoices, mixedFrameworksNote, paginationFor, summary } from '../../../presenters.js'
import { SearchQuerySchema } from '../../../shared/search.js'
import { formErrors, renderPage } from '../../../views.js'
import { downloadQuery, selectItems } from './presenter.js'

/** /: the search of published assessments (staff may search every status). */
export function homeRoutes(): Router {
  const router = Router()

  router.get('/', async (req, res) => {
    const parsed = SearchQuerySchema.safeParse(req.query)
    const values = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
    const q = parsed.success ? parsed.data : { page: 1 }
    const fields = parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map(i => [String(i.path[0]), i.message]))
    const [authorities, results] = await Promise.all([
      req.ctx.store.authorities.list(),
      parsed.success
        ? searchAssessments(req.ctx, req.actor, {
            authorityCode: q.authority,
            frameworkId: q.framework,
            year: q.year,
            level: q.level,
            status: q.status,
            page: q.page,
            pageSize: PAGE_SIZE,
          })
        : Promise.resolve({ total: 0, items: [], page: 1, pageSize: PAGE_SIZE, pages: 1 }),
    ])
    const choices = authorityChoices(authorities)
    // Lists tell apart two councils of one name as the choices do.
    const names = new Map(choices.map(c => [c.value, c.text]))
    // Whether anything is published at all: an empty store's home page says how to load reports instead.
    const held = results.total > 0 || (await searchAssessments(req.ctx, null, { page: 1, pageSize: 1 })).total > 0
    const chosen = q.authority ? choices.find(c => c.value === q.authority) : undefined
    const link = (page: number) => {
      const p = new URLSearchParams(values)
      p.set('page', String(page))
      return `/?${p.toString()}`
    }
    const pagination = paginationFor(results.page, results.pages, link)
    if (!parsed.success) res.status(400)
    renderPage(req, res, 'public/home/view.njk', {
      title:
        results.page > 1
          ? `Search published assessments (page ${results.page} of ${results.pages})`
          : 'Search published assessments',
      heading: 'Children’s services assessments and inspections',
      action: '/',
      values,
      ...formErrors(fields),
      authorityItems: selectItems('Any authority', choices, q.authority),
      held,
      chosenAuthority: chosen ? { code: chosen.value, name: chosen.text } : null,
      downloadQuery: downloadQuery(values),
      frameworkItems: selectItems(
        'Any framework',
        FRAMEWORKS.map(f => ({ value: f.id, text: `${f.name} (${f.year})` })),
        q.framework,
      ),
      levelItems: selectItems(
        'Any judgement',
        LEVELS.map(l => ({ value: l, text: levelLabel(l) })),
        q.level,
      ),
      statusItems: isStaff(req.actor)
        ? selectItems(
            'Any status',
            STATUSES.map(s => ({ value: s, text: STATUS_LABELS[s] })),
            q.status,
          )
        : null,
      results: { ...results, items: results.items.map(a => summary(a, names)) },
      mixedNote: mixedFrameworksNote(results.items.map(a => a.frameworkId)),
      pagination,
    })
  })

  return router
}
