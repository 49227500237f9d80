import express, { type NextFunction, type Request, type Response } from 'express'
import { describeScale, FRAMEWORKS, pointsBestFirst } from '../domain/index.js'
import type { Logger } from '../lib/logger.js'
import type { Store } from '../store/store.js'

export interface Services {
  store: Store
  logger: Logger
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

function frameworksPage(): string {
  const sections = FRAMEWORKS.map(f => {
    const points = pointsBestFirst(f.scale)
      .map(p => `<li>${p.value}: ${escapeHtml(p.label)} (${p.level})</li>`)
      .join('')
    const areas = f.areas
      .map(a => {
        const part = f.parts.find(p => p.id === a.part)
        return `<li>${part ? `${escapeHtml(part.label)}: ` : ''}${escapeHtml(a.label)}${a.grade === 'none' ? '' : a.grade === 'narrative' ? ' (judged in words)' : ' (graded)'}</li>`
      })
      .join('')
    return `<section><h2 id="${f.id}">${escapeHtml(f.name)} (${f.year})</h2>
<p>Framework <code>${f.id}</code>; scale: ${escapeHtml(describeScale(f.scale))}</p>
<h3>Scale</h3><ul>${points}</ul><h3>Judgement areas</h3><ol>${areas}</ol>
<h3>Recommendation timescales</h3><ul>${f.timescales.map(t => `<li>${escapeHtml(t.label)}</li>`).join('')}</ul></section>`
  }).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frameworks – Inspectorate</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><a href="#main">Skip to main content</a><main id="main"><h1>Inspectorate: assessment frameworks</h1>${sections}</main></body></html>`
}

/** The HTTP service; its dependencies are passed in so tests build it over any store. */
export function createApp({ store, logger }: Services): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.use((_req, res, next) => {
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'same-origin',
      'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
    })
    next()
  })
  app.get('/healthz', async (_req, res) => {
    try {
      await store.assessments.count()
      res.json({ status: 'ok', store: store.description })
    } catch (e) {
      logger.error({ err: e }, 'health check failed')
      res.status(503).json({ status: 'unavailable' })
    }
  })
  app.get('/', (_req, res) => {
    res.type('html').send(frameworksPage())
  })
  app.get('/api/v1/frameworks', (_req, res) => {
    res.json(FRAMEWORKS)
  })
  app.use((_req, res) => {
    res.status(404).type('text').send('Page not found')
  })
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err }, 'request failed')
    res.status(500).type('text').send('Sorry, there is a problem with the service')
  })
  return app
}
