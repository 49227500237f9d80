import type { Browser } from 'playwright-core'
import { DomainError } from '../domain/index.js'
import { CHROMIUM, chromiumInstalled, launchChromium } from '../lib/chromium.js'
import { escapeHtml } from '../lib/html.js'
import { DRAFT_TITLE } from './document.js'

/** PDF needs Chromium; without it HTML and text still work and PDF requests get this message. */
export class PdfUnavailableError extends DomainError {
  constructor(path: string) {
    super(
      'invalid',
      `PDF output needs Chromium at ${path}; install it with "apt-get install -y chromium". HTML and text output work without it.`,
    )
  }
}

/** The printed page: A4, with a top margin for the running header and a bottom one for the page numbers. */
const MARGIN = { top: '20mm', side: '16mm', bottom: '18mm' }

/**
 * The printer's page, over the document's own print stylesheet. Page 1 carries no running header (the report's
 * own title and letterhead head it): its top margin, where the header is drawn, is none, and the body begins as far
 * down as on the other pages. The draft mark heads the body on page 1 and the header after it, so it is on every
 * page without covering the text.
 */
const PAGE_CSS = `
@page { size: A4; margin: ${MARGIN.top} ${MARGIN.side} ${MARGIN.bottom}; }
@page :first { margin-top: 0; }
@media print {
  body { padding-top: ${MARGIN.top}; }
  .draft-mark { position: static; }
}`

/**
 * The longest running header, in characters. Reading a PDF (src/ingest/pdf.ts) sets a line aside as a running
 * header when it repeats at the top of most pages and is shorter than 100 characters; a longer one would be read
 * as the first line of every page's text.
 */
const RUNNING_HEADER = 95

/**
 * A title short enough to run at the head of every page: whole where it fits; otherwise its end, which names the
 * authority and the year ("…: Kensington and Chelsea (2007)"), kept whole and what comes before it cut short at a
 * word, with an ellipsis.
 */
export function runningTitle(title: string, room = RUNNING_HEADER): string {
  const t = title.replace(/\s+/g, ' ').trim()
  if (t.length <= room) return t
  const colon = t.lastIndexOf(': ')
  const tail = colon > 0 && t.length - colon <= room * 0.7 ? t.slice(colon) : ''
  const space = room - tail.length - 1
  let head = t.slice(0, space)
  const word = head.lastIndexOf(' ')
  if (word > space / 2 && t[space] !== ' ') head = head.slice(0, word)
  // Not ending on a word that leads into what was cut ("…in need of…").
  head = head.replace(/(?:[\s,;:–-]+(?:of|and|for|the|in|to|with|on|a|an)\b)*[\s,;:–-]*$/i, '')
  return `${head}…${tail}`
}

/** Chromium sets headers and footers in no type size unless told one. */
const FURNITURE = `font-family: Arial, Helvetica, sans-serif; font-size: 8pt; color: #505a5f; width: 100%; margin-left: ${MARGIN.side}; margin-right: ${MARGIN.side};`

/**
 * The running header: the document's title, and its draft mark if it carries one, on one line. Chromium sets it in
 * its own `#header` box, as tall as the page's top margin; clipped to that box, it does not print on page 1, whose
 * top margin is none (test/render/pdf-quality.test.ts checks that it does not).
 */
function headerTemplate(title: string, draftMark: string | null): string {
  const room = RUNNING_HEADER - (draftMark ? draftMark.length + 1 : 0)
  const mark = draftMark
    ? `<span style="white-space: nowrap; font-weight: bold; color: #d4351c;">${escapeHtml(draftMark)}</span>`
    : ''
  return `<style>#header { overflow: hidden; }</style><div style="${FURNITURE} margin-top: 6mm; display: flex; justify-content: space-between; gap: 2em;"><span style="white-space: nowrap;">${escapeHtml(runningTitle(title, room))}</span>${mark}</div>`
}

const FOOTER_TEMPLATE = `<div style="${FURNITURE} margin-bottom: 5mm; text-align: center;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`

/**
 * Prints HTML to A4 PDFs with selectable text, reusing one browser for a whole batch. Every page is numbered
 * ("Page 3 of 12"), and every page after the first carries the document's title as a running header.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined

  /**
   * `lent`: a browser someone else launches and closes, to print in instead of one of the printer's own (tests lend
   * the Chromium their worker shares).
   */
  constructor(
    private readonly chromiumPath = CHROMIUM,
    private readonly lent?: () => Promise<Browser>,
  ) {}

  async print(html: string): Promise<Buffer> {
    if (!chromiumInstalled(this.chromiumPath)) throw new PdfUnavailableError(this.chromiumPath)
    const page = await (this.lent ? await this.lent() : await this.own()).newPage()
    try {
      await page.setContent(html, { waitUntil: 'load' })
      await page.addStyleTag({ content: PAGE_CSS })
      // The running header is the document's title and its draft mark as it prints them; the title a draft's file
      // has ("DRAFT – …") does not say it twice.
      const mark = await page.$('.draft-mark')
      const draftMark = mark ? ((await mark.textContent())?.replace(/\s+/g, ' ').trim() ?? null) : null
      const title = await page.title()
      const running = draftMark && title.startsWith(DRAFT_TITLE) ? title.slice(DRAFT_TITLE.length) : title
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(running, draftMark),
        footerTemplate: FOOTER_TEMPLATE,
      })
    } finally {
      await page.close()
    }
  }

  private async own(): Promise<Browser> {
    this.browser ??= launchChromium(this.chromiumPath)
    const browser = await this.browser.catch(e => {
      this.browser = undefined
      throw e
    })
    // A long-running service outlives a browser that crashed: start another.
    if (!browser.isConnected()) {
      this.browser = undefined
      return this.own()
    }
    return browser
  }

  async close(): Promise<void> {
    const browser = this.browser
    this.browser = undefined
    if (browser) await (await browser).close()
  }
}
