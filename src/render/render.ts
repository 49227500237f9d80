import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import {
  type Assessment,
  areasFor,
  areaTitle,
  type ContentBlock,
  type Framework,
  ValidationError,
} from '../domain/index.js'
import { type Block, type RenderedDocument, toHtml, toText } from './document.js'
import { layout } from './structures.js'

/** The blocks of a document as it was printed, exactly: the renderer adds no word of its own. */
function printed(content: readonly ContentBlock[]): Block[] {
  return content.map((b): Block => {
    switch (b.kind) {
      case 'heading':
        return { kind: 'heading', level: b.level, text: b.text }
      case 'paragraph':
        return { kind: 'paragraph', text: b.number ? `${b.number} ${b.text}` : b.text }
      case 'lines':
        return { kind: 'lines', lines: b.lines }
      case 'table':
        return { kind: 'table', header: null, rows: b.rows }
      default:
        return { kind: 'list', items: b.items }
    }
  })
}

/**
 * Builds the document an assessment is published as. One read from a document prints that document as it was
 * printed; one written here is laid out by its framework's report structure, which refuses it while a grade the
 * framework requires is missing.
 */
export function buildDocument(a: Assessment, f: Framework, authorityName: string): RenderedDocument {
  const title = `${f.name}: ${authorityName} (${f.year})`
  if (a.content.length) return { title, draft: a.status !== 'published', blocks: printed(a.content) }
  const missing = areasFor(f, a).filter(
    area => area.required && a.judgements.find(j => j.areaId === area.id)?.grade == null,
  )
  if (missing.length)
    throw new ValidationError(
      `The assessment cannot be rendered: ${missing.length} grade(s) that ${f.id} requires are missing`,
      missing.map(area => `${areaTitle(f, area.id)} has no grade`),
    )
  return { title, draft: a.status !== 'published', blocks: layout({ a, f, authorityName }) }
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
