import { Router } from 'express'
import { areaTitle, describeScale, FRAMEWORKS, pointsBestFirst } from '../../../../domain/index.js'
import { renderPage } from '../../../views.js'

/** /frameworks: each framework's scale, areas and timescales, as the service holds them. */
export function frameworksRoutes(): Router {
  const router = Router()
  router.get('/frameworks', (req, res) => {
    renderPage(req, res, 'public/frameworks/view.njk', {
      title: 'Assessment frameworks',
      frameworks: FRAMEWORKS.map(f => ({
        id: f.id,
        name: f.name,
        year: f.year,
        scaleDescription: `Scale: ${describeScale(f.scale)}.`,
        points: pointsBestFirst(f.scale),
        areas: f.areas.map(a => ({ title: areaTitle(f, a.id), grade: a.grade })),
        timescales: f.timescales,
      })),
    })
  })
  return router
}
