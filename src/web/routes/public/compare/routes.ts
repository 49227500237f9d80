import { Router } from 'express'
import { authorityOverview } from '../../../../app/queries.js'
import { inspectionChanges, timelineChart } from '../../../charts.js'
import { authorityChoices, printedWithLevel } from '../../../presenters.js'
import { renderPage } from '../../../views.js'
import { comparisonRows } from './presenter.js'

const MAX_COMPARED = 8

/** /compare: two or more authorities' histories side by side. */
export function compareRoutes(): Router {
  const router = Router()
  router.get('/compare', async (req, res) => {
    const asked = ([] as unknown[]).concat(req.query.codes ?? []).filter((c): c is string => typeof c === 'string')
    const codes = [...new Set(asked.map(c => c.trim().toUpperCase()).filter(Boolean))]
    const authorities = await req.ctx.store.authorities.list()
    const known = new Set(authorities.map(a => a.code))
    const unknown = codes.filter(c => !known.has(c))
    const errors = [
      ...unknown.map(c => ({ text: `There is no authority with the code ${c}`, href: '#codes' })),
      ...(codes.length > MAX_COMPARED
        ? [{ text: `Compare at most ${MAX_COMPARED} authorities at once`, href: '#codes' }]
        : []),
    ]
    const chosen = errors.length ? [] : codes
    const overviews = await Promise.all(chosen.map(c => authorityOverview(req.ctx, c)))
    const choices = authorityChoices(authorities)
    const labelOf = new Map(choices.map(c => [c.value, c.text]))
    const compared = overviews.map(o => {
      const timeline = o.timeline.map(p => ({ ...p, inspection: p.framework.name, display: printedWithLevel(p) }))
      const name = labelOf.get(o.authority.code) ?? o.authority.name
      const rest = chosen.filter(c => c !== o.authority.code)
      return {
        code: o.authority.code,
        name,
        region: o.authority.region,
        timeline,
        chart: timelineChart(timeline, `Headline judgements of ${name} over time`),
        notes: inspectionChanges(timeline),
        removeHref: `/compare${rest.length ? `?${rest.map(c => `codes=${c}`).join('&')}` : ''}`,
      }
    })
    if (errors.length) res.status(400)
    renderPage(req, res, 'public/compare/view.njk', {
      title: compared.length ? `Compare ${compared.map(c => c.name).join(', ')}` : 'Compare authorities',
      errors,
      fieldErrors: errors.length ? { codes: errors.map(e => e.text).join('. ') } : {},
      compared,
      chosen,
      rows: comparisonRows(compared),
      choices: [{ value: '', text: '' }, ...choices.filter(c => !chosen.includes(c.value))],
    })
  })
  return router
}
