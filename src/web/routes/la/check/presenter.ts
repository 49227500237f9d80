import { GENERAL_SECTION } from '../../../../app/comments.js'
import {
  type Assessment,
  areasFor,
  areaTitle,
  editionFor,
  type FactualCheck,
  type Framework,
  labelIn,
} from '../../../../domain/index.js'
import { type RenderedDocument, sectionId, toHtmlBody } from '../../../../render/document.js'

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/^\s*\d+[.)]?\s+/, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    // A heading that dates its section ("Children's services rating 2009") names it all the same.
    .replace(/\s+(?:19|20)\d{2}$/, '')

export interface Section {
  id: string
  key: string
  title: string
}

/**
 * The report cut at its headings, each part with the section (judgement area) its heading names, so that the comment
 * box of a section stands beside it. Sections no heading names (graded only in a table) and the report as a whole are
 * commented on after it.
 */
export function reportSections(doc: RenderedDocument, a: Assessment, f: Framework) {
  const edition = editionFor(f, a.dates)
  const areas = areasFor(f, a).map(area => ({
    section: { id: area.id, key: area.id.replaceAll('.', '-'), title: areaTitle(f, area.id) },
    names: [labelIn(area, edition), area.label, areaTitle(f, area.id), ...(area.alsoPrintedAs ?? [])].map(fold),
  }))
  const placed = new Set<string>()
  const parts: { html: string; section: Section | null }[] = []
  let start = 0
  const flush = (end: number) => {
    if (end <= start) return
    const blocks = doc.blocks.slice(start, end)
    const first = blocks[0]
    const heading = first?.kind === 'heading' ? fold(first.text) : null
    const match = heading ? areas.find(x => !placed.has(x.section.id) && x.names.includes(heading)) : undefined
    if (match) placed.add(match.section.id)
    const offset = start
    const html = toHtmlBody({ ...doc, draft: false, blocks }, 1).replace(
      /id="section-(\d+)"/g,
      (_, n: string) => `id="${sectionId(offset + Number(n) - 1)}"`,
    )
    parts.push({ html, section: match?.section ?? null })
    start = end
  }
  doc.blocks.forEach((b, i) => {
    if (b.kind === 'heading') flush(i)
  })
  flush(doc.blocks.length)
  const rest = areas.filter(x => !placed.has(x.section.id)).map(x => x.section)
  return { parts, rest: [{ id: GENERAL_SECTION, key: 'general', title: 'the report as a whole' }, ...rest] }
}

/** The comment box a problem is about; once the comments are closed (no box is shown), what the page says of it. */
export function commentHref(check: FactualCheck, section: string, boxes: readonly string[]): string {
  if (!check.open) return '#check-state'
  return `#comment-${(boxes.includes(section) ? section : GENERAL_SECTION).replaceAll('.', '-')}`
}
