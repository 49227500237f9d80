import { escapeHtml } from '../lib/html.js'

/** A report as blocks: the one structure every output (text, HTML, PDF) is written from. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'lines'; lines: string[] }
  | { kind: 'table'; header: string[] | null; rows: string[][]; caption?: string }
  | { kind: 'list'; items: string[]; marker?: string }

export interface RenderedDocument {
  title: string
  draft: boolean
  blocks: Block[]
}

/** Plain text in the layout the published reports use: tables as tab-separated rows, lists as bullets. */
export function toText(doc: RenderedDocument): string {
  const out: string[] = []
  if (doc.draft) out.push('DRAFT – NOT FOR PUBLICATION', '')
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        out.push(b.text, '')
        break
      case 'lines':
        out.push(...b.lines, '')
        break
      case 'table':
        if (b.header) out.push(b.header.join('\t'))
        out.push(...b.rows.map(r => r.join('\t')), '')
        break
      case 'list':
        out.push(...b.items.map(i => `${b.marker ?? '-'} ${i}`), '')
        break
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`
}

/** The anchor of the heading that is the document's i-th block, for a contents list to link to. */
export const sectionId = (i: number) => `section-${i + 1}`

const HEADING_CLASS = { 1: 'govuk-heading-l', 2: 'govuk-heading-m', 3: 'govuk-heading-s' } as const

/** The blocks as GOV.UK Frontend markup, for a page or a standalone file. */
export function toHtmlBody(doc: RenderedDocument, headingOffset: 0 | 1 = 0): string {
  const parts: string[] = []
  if (doc.draft) parts.push('<p class="draft-mark govuk-tag govuk-tag--red">Draft – not for publication</p>')
  for (const [i, b] of doc.blocks.entries()) {
    switch (b.kind) {
      case 'heading': {
        // Inside a page that has its own h1, the report's headings move one level down.
        const h = b.level + headingOffset
        parts.push(`<h${h} class="${HEADING_CLASS[b.level]}" id="${sectionId(i)}">${escapeHtml(b.text)}</h${h}>`)
        break
      }
      case 'paragraph':
        parts.push(`<p class="govuk-body">${escapeHtml(b.text)}</p>`)
        break
      case 'lines':
        parts.push(`<p class="govuk-body">${b.lines.map(escapeHtml).join('<br>')}</p>`)
        break
      case 'table': {
        const head = b.header
          ? `<thead class="govuk-table__head"><tr class="govuk-table__row">${b.header.map(h => `<th scope="col" class="govuk-table__header">${escapeHtml(h)}</th>`).join('')}</tr></thead>`
          : ''
        const rows = b.rows
          .map(
            r =>
              `<tr class="govuk-table__row">${r.map((c, i) => (i === 0 ? `<th scope="row" class="govuk-table__header">${escapeHtml(c)}</th>` : `<td class="govuk-table__cell">${escapeHtml(c)}</td>`)).join('')}</tr>`,
          )
          .join('')
        const caption = b.caption
          ? `<caption class="govuk-table__caption govuk-table__caption--s">${escapeHtml(b.caption)}</caption>`
          : ''
        parts.push(
          `<table class="govuk-table">${caption}${head}<tbody class="govuk-table__body">${rows}</tbody></table>`,
        )
        break
      }
      case 'list':
        // The marker is text, not CSS, so that a PDF printed from the page keeps it.
        parts.push(
          `<ul class="govuk-list report-list">${b.items.map(i => `<li><span aria-hidden="true">${b.marker ?? '•'} </span>${escapeHtml(i)}</li>`).join('')}</ul>`,
        )
        break
    }
  }
  return parts.join('\n')
}

/** An e-mail or web address: contact details, which a publisher's letterhead carries. */
const CONTACT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bwww\.[\w-]+\.\w|\bhttps?:\/\//i
/** A letter's date standing alone ("26 November 2007"): where a letter begins, below its letterhead. */
const DATE_LINE = /^\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}$/

const textOf = (b: Block): string[] =>
  b.kind === 'lines' ? b.lines : b.kind === 'heading' || b.kind === 'paragraph' ? [b.text] : []

/**
 * How many of the document's opening blocks are the publisher's letterhead: those before the letter itself begins
 * (its date, its salutation, its title) up to the last that carries the publisher's contact details. None where the
 * document opens otherwise (a report's title page, a letter without a letterhead): nothing is taken for one.
 */
function letterheadLength(blocks: readonly Block[]): number {
  let length = 0
  for (const [i, b] of blocks.slice(0, 4).entries()) {
    const text = textOf(b)
    if (
      !text.length ||
      (b.kind === 'heading' && b.level < 3) ||
      text.some(t => DATE_LINE.test(t.trim()) || /^Dear\b/.test(t.trim()))
    )
      break
    if (text.some(t => CONTACT.test(t))) length = i + 1
  }
  return length
}

const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm; }
body { margin: 0; }
.report { max-width: 60em; margin: 0 auto; padding: 2em 1em; }
.draft-mark { font-size: 1.2rem; max-width: none; margin-bottom: 15px; }
.report-list li { padding-left: 1.2em; text-indent: -1.2em; }
.letterhead { text-align: right; color: #505a5f; font-size: 0.875rem; border-bottom: 1px solid #b1b4b6; margin-bottom: 30px; }
.letterhead > * { font-size: inherit; line-height: 1.4; margin: 0 0 10px; color: inherit; }
@media print {
  .govuk-template, .govuk-template__body { background: #fff; }
  .report { padding: 0; max-width: none; }
  .draft-mark { position: fixed; top: 0; right: 0; }
  h1, h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  .letterhead { break-inside: avoid; }
}`

/**
 * The blocks of a standalone file: the document's own, its opening letterhead (if it printed one) inside a
 * <header> so that it prints as one block at the top of page 1. Nothing is written that the blocks do not hold:
 * the letterhead is the markup `toHtmlBody` gives those first blocks, cut from the front of the whole, so that
 * every block keeps its place and its anchor.
 */
function standaloneBody(doc: RenderedDocument): string {
  const all = toHtmlBody(doc)
  const n = letterheadLength(doc.blocks)
  if (!n) return all
  const mark = doc.draft ? `${toHtmlBody({ ...doc, blocks: [] })}\n` : ''
  const head = toHtmlBody({ ...doc, draft: false, blocks: doc.blocks.slice(0, n) })
  const rest = all.slice(mark.length + head.length)
  if (!all.startsWith(mark + head) || (rest !== '' && !rest.startsWith('\n'))) return all
  return `${mark}<header class="letterhead">${head}</header>${rest}`
}

/** What the title of a draft's file begins with. */
export const DRAFT_TITLE = 'DRAFT – '

/** A standalone, accessible HTML file: language, title, GOV.UK Frontend styles inline, a print stylesheet. */
export function toHtml(doc: RenderedDocument, css: string): string {
  const title = `${doc.draft ? DRAFT_TITLE : ''}${doc.title}`
  return `<!doctype html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}${PRINT_CSS}</style>
</head>
<body class="govuk-template__body">
<main class="report govuk-main-wrapper" id="main-content">
${standaloneBody(doc)}
</main>
</body>
</html>
`
}
