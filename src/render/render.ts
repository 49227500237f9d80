import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Assessment, areasFor, areaTitle, type Framework, ValidationError } from '../domain/index.js'
import { type RenderedDocument, toHtml, toText } from './document.js'
import { STRUCTURES } from './structures.js'

/** Builds the document an assessment is published as; refuses one missing a grade its framework requires. */
export function buildDocument(a: Assessment, f: Framework, authorityName: string): RenderedDocument {
  const missing = areasFor(f, a).filter(
    area => area.required && a.judgements.find(j => j.areaId === area.id)?.grade == null,
  )
  if (missing.length)
    throw new ValidationError(
      `The assessment cannot be rendered: ${missing.length} grade(s) that ${f.id} requires are missing`,
      missing.map(area => `${areaTitle(f, area.id)} has no grade`),
    )
  const structure = STRUCTURES.layout
  if (!structure) throw new ValidationError(`No report structure "${f.documentStructure}" for ${f.id}`)
  return {
    title: `${f.name}: ${authorityName} (${f.year})`,
    draft: a.status !== 'published',
    blocks: structure({ a, f, authorityName }),
  }
}

let govukCss: string | undefined
/** GOV.UK Frontend's stylesheet, inlined so that a rendered file stands alone. */
function css(): string {
  if (govukCss === undefined) {
    const require = createRequire(import.meta.url)
    govukCss = readFileSync(require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8')
  }
  return govukCss
}

export function renderText(a: Assessment, f: Framework, authorityName: string): string {
  return toText(buildDocument(a, f, authorityName))
}

export function renderHtml(a: Assessment, f: Framework, authorityName: string): string {
  return toHtml(buildDocument(a, f, authorityName), css())
}
