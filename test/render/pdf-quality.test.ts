import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf'
import { afterAll, describe, expect, it } from 'vitest'
import { type Assessment, AUTHORITIES, getFramework } from '../../src/domain/index.js'
import { extract } from '../../src/ingest/extract.js'
import { readDocument } from '../../src/ingest/read.js'
import { type RenderedDocument, toHtml, toHtmlBody } from '../../src/render/document.js'
import { PdfPrinter, runningTitle } from '../../src/render/pdf.js'
import { buildDocument, renderHtml } from '../../src/render/render.js'
import { INDEX, read } from '../ingest/support.js'
import { chromiumAvailable, launchChromium } from '../support/chromium.js'
import { SEEDS_PRESENT, seed, seedNames } from '../support/seeds.js'
import { assessmentOf } from './support.js'

const nameOf = (code: string) => AUTHORITIES.find(a => a.code === code)?.name ?? code
const MM = 72 / 25.4
/** The page's top and bottom margins in the printer (src/render/pdf.ts), in millimetres. */
const TOP = 20
const BOTTOM = 18
const A4_HEIGHT = 297

interface Line {
  text: string
  /** Millimetres from the top edge of the page to the line's baseline. */
  top: number
  /** Millimetres from the left edge to where the line begins and ends. */
  left: number
  right: number
}
interface Page {
  lines: Line[]
  /** The colours the page is painted with (fills), as "#rrggbb". */
  fills: Set<string>
}

/** A PDF's pages as pdf.js reads them: lines of text from top to bottom, and the colours each page paints. */
async function pagesOf(pdf: Uint8Array): Promise<Page[]> {
  const { OPS } = await getResolvedPDFJS()
  const doc = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 })
  const pages: Page[] = []
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const height = page.getViewport({ scale: 1 }).height
    const byBaseline = new Map<number, { x: number; end: number; str: string }[]>()
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue
      const [, , , , x = 0, y = 0] = item.transform as number[]
      const key = [...byBaseline.keys()].find(k => Math.abs(k - y) < 2) ?? y
      byBaseline.set(key, [...(byBaseline.get(key) ?? []), { x, end: x + item.width, str: item.str }])
    }
    const lines = [...byBaseline]
      .sort(([a], [b]) => b - a)
      .map(([y, items]) => {
        items.sort((a, b) => a.x - b.x)
        return {
          text: items
            .map(i => i.str)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
          top: (height - y) / MM,
          left: (items[0]?.x ?? 0) / MM,
          right: Math.max(...items.map(i => i.end)) / MM,
        }
      })
    const ops = await page.getOperatorList()
    const fills = new Set<string>()
    ops.fnArray.forEach((fn: number, i: number) => {
      if (fn === OPS.setFillRGBColor) fills.add(String(ops.argsArray[i]?.[0]))
    })
    pages.push({ lines, fills })
  }
  await doc.destroy()
  return pages
}

/** Lines in the page's body: between the top and bottom margins, where the header and footer do not reach. */
const body = (page: Page) => page.lines.filter(l => l.top > TOP && l.top < A4_HEIGHT - BOTTOM)

/** An assessment read from a seed as a document: its content is the document as printed. */
async function documentOf(prefix: string): Promise<{ a: Assessment }> {
  const name = seedNames().find(n => n.startsWith(prefix)) as string
  const r = await readDocument(name, seed(prefix))
  if (!r.ok) throw new Error(r.error)
  const e = extract(r.text, r.hash, INDEX)
  return { a: { ...assessmentOf(e), content: e.content } }
}

describe('the letterhead of a standalone report (no browser needed)', () => {
  const letterhead = {
    kind: 'paragraph',
    text: 'Alexandra House 33 Kingsway London WC2B 6SE enquiries@example.gov.uk',
  } as const
  const rest: RenderedDocument['blocks'] = [
    { kind: 'paragraph', text: '26 November 2007' },
    { kind: 'lines', lines: ['Mrs A Person', 'Director of Children’s Services'] },
    { kind: 'heading', level: 1, text: 'Annual performance assessment' },
    { kind: 'paragraph', text: 'The letter, with enquiries@example.gov.uk in it.' },
  ]
  const doc: RenderedDocument = { title: 'Annual performance assessment', draft: false, blocks: [letterhead, ...rest] }
  const main = (html: string) => /<main[^>]*>\n([\s\S]*)\n<\/main>/.exec(html)?.[1] ?? ''

  it('prints the blocks the document opens with that carry the publisher’s address as a letterhead', () => {
    const html = toHtml(doc, '')
    const header = /<header class="letterhead">([\s\S]*?)<\/header>/.exec(html)?.[1]
    expect(header).toBe(toHtmlBody({ ...doc, blocks: [letterhead] }))
  })

  it('adds no word and moves none: the page is the document’s own blocks, the first ones inside <header>', () => {
    for (const d of [doc, { ...doc, draft: true }]) {
      const withoutHeader = main(toHtml(d, '')).replace(/<header class="letterhead">|<\/header>/g, '')
      expect(withoutHeader.replace(/\n/g, '')).toBe(toHtmlBody(d).replace(/\n/g, ''))
    }
  })

  it('gives no letterhead to a document whose opening blocks carry no address of the publisher', () => {
    expect(toHtml({ ...doc, blocks: rest }, '')).not.toMatch(/<header/)
    // An address further on (after the title, or after the letter's date) is the letter's, not a letterhead.
    expect(toHtml({ ...doc, blocks: [...rest.slice(0, 3), letterhead] }, '')).not.toMatch(/<header/)
  })

  it('prints from a browser on white: the GOV.UK template’s grey is a screen background only', () => {
    expect(toHtml(doc, '')).toMatch(/@media print \{[\s\S]*\.govuk-template[^{]*\{[^}]*background: #fff/)
  })
})

describe('the running title', () => {
  it('is the title where it fits, and otherwise keeps its end (the authority and the year) whole', () => {
    expect(runningTitle('Children’s services annual rating: Kensington and Chelsea (2009)')).toBe(
      'Children’s services annual rating: Kensington and Chelsea (2009)',
    )
    const sif = getFramework('sif-2013')
    const long = `${sif.name}: Bournemouth, Christchurch and Poole (2013)`
    const short = runningTitle(long)
    expect(long.length).toBeGreaterThan(100)
    expect(short.length).toBeLessThanOrEqual(95)
    expect(short).toMatch(
      /^Inspection of services for children in need[\w ,]*…: Bournemouth, Christchurch and Poole \(2013\)$/,
    )
    // Cut at a word, never inside one.
    expect(long.startsWith(short.slice(0, short.indexOf('…')))).toBe(true)
    expect(long[short.indexOf('…')]).toMatch(/[ ,]/)
  })
})

describe.runIf(SEEDS_PRESENT && chromiumAvailable('PDF print quality tests'))('the printed PDF of a report', () => {
  const printer = new PdfPrinter()
  afterAll(() => printer.close())
  /** Each page of HTML printed and read once for the file: several tests look at one report's PDF. */
  const printed = new Map<string, Promise<{ pdf: Uint8Array; pages: Page[] }>>()
  const print = (html: string) => {
    let p = printed.get(html)
    if (!p) {
      p = printer.print(html).then(async pdf => ({ pdf, pages: await pagesOf(pdf) }))
      printed.set(html, p)
    }
    return p
  }
  const printedPages = async (html: string) => (await print(html)).pages

  const laidOut = (prefix: string, status: Assessment['status'] = 'published') => {
    const a = { ...assessmentOf(read(seed(prefix).toString('utf8'))), status }
    const f = getFramework(a.frameworkId)
    return { doc: buildDocument(a, f, nameOf(a.authorityCode)), html: renderHtml(a, f, nameOf(a.authorityCode)) }
  }

  it('numbers every page "Page N of M" at its foot, in the bottom margin, below the body', async () => {
    const pages = await printedPages(laidOut('000').html)
    expect(pages.length).toBeGreaterThan(3)
    pages.forEach((page, i) => {
      const foot = page.lines.at(-1)
      expect(foot?.text, `page ${i + 1}`).toBe(`Page ${i + 1} of ${pages.length}`)
      expect(foot?.top, `page ${i + 1}`).toBeGreaterThan(A4_HEIGHT - BOTTOM)
      expect(page.lines.filter(l => /^Page \d+ of \d+$/.test(l.text))).toHaveLength(1)
    })
  })

  it('heads every page but the first with the report’s running title, in the top margin, above the body', async () => {
    const { doc, html } = laidOut('002')
    const pages = await printedPages(html)
    expect(pages.length).toBeGreaterThan(10)
    expect(pages[0]?.lines.some(l => l.text === runningTitle(doc.title))).toBe(false)
    expect(pages[0]?.lines[0]?.top).toBeGreaterThan(TOP)
    pages.slice(1).forEach((page, i) => {
      const head = page.lines[0]
      expect(head?.text, `page ${i + 2}`).toBe(runningTitle(doc.title))
      expect(head?.top, `page ${i + 2}`).toBeLessThan(TOP)
      // The body begins below the header and ends above the footer: nothing else is in the margins.
      expect(page.lines.length - body(page).length, `page ${i + 2}`).toBe(2)
    })
  })

  it('ends with the report’s last words, on a white page: no grey block, no empty page', async () => {
    for (const prefix of ['000', '002', '004']) {
      const { doc, html } = laidOut(prefix)
      const pages = await printedPages(html)
      const last = pages.at(-1) as Page
      const end = doc.blocks.at(-1)
      const lastWords =
        end?.kind === 'lines'
          ? end.lines.at(-1)
          : end?.kind === 'table'
            ? end.rows.at(-1)?.[0]
            : end?.kind === 'list'
              ? end.items.at(-1)
              : end?.text
      expect(
        body(last)
          .map(l => l.text)
          .join(' '),
        `seed ${prefix}`,
      ).toContain(lastWords?.slice(0, 30))
      pages.forEach((page, i) => {
        expect(page.fills.has('#f3f2f1'), `seed ${prefix} page ${i + 1} is painted grey`).toBe(false)
        expect(body(page).length, `seed ${prefix} page ${i + 1} has no body text`).toBeGreaterThan(0)
      })
    }
  })

  it('keeps the draft mark on every page: heading the body on page 1, in the page header after it', async () => {
    const { doc, html } = laidOut('000', 'draft')
    const pages = await printedPages(html)
    expect(body(pages[0] as Page)[0]?.text).toBe('Draft – not for publication')
    pages.slice(1).forEach((page, i) => {
      const head = page.lines[0]
      expect(head?.text, `page ${i + 2}`).toMatch(/Draft – not for publication$/)
      // The title, shortened to share the line with the mark: its start, and its end naming the authority and year.
      expect(head?.text.startsWith(doc.title.slice(0, 20)), `page ${i + 2}`).toBe(true)
      expect(head?.text, `page ${i + 2}`).toContain(': Kensington and Chelsea (2007)')
      expect(head?.top, `page ${i + 2}`).toBeLessThan(TOP)
      expect(body(page).some(l => /Draft – not for publication/.test(l.text))).toBe(false)
    })
  })

  it('prints the publisher’s letterhead as the document printed it, at the top of page 1, set to the right', async () => {
    const { a } = await documentOf('004')
    const html = renderHtml(a, getFramework(a.frameworkId), nameOf(a.authorityCode))
    const pages = await printedPages(html)
    const first = body(pages[0] as Page)
    expect(first.slice(0, 7).map(l => l.text)).toEqual([
      'Making Social Care Better for People',
      'Alexandra House',
      '33 Kingsway',
      'London WC2B 6SE',
      'T 08456 404045',
      'enquiries@ofsted.gov.uk',
      'www.ofsted.gov.uk',
    ])
    // Right-aligned: each line ends at the right margin (A4 is 210 mm wide; the side margins are 16 mm).
    for (const l of first.slice(0, 7)) expect(210 - 16 - l.right).toBeLessThan(2)
    // The addressee that follows is the letter's own, at the left.
    expect(first[7]?.text).toBe('Graham Badman')
    expect(first[7]?.left).toBeLessThan(17)
  })

  // Reading a PDF (src/ingest/pdf.ts) tells a running header from the text by its repeating on the pages after the
  // first, or, in a PDF of two pages (where it is on one page only), by its being the title the PDF's properties give.
  it('read back, the PDF gives the document’s text without its page numbers or running header', async () => {
    for (const prefix of ['000', '002', '003', '004']) {
      const { a } = await documentOf(prefix)
      const { pdf, pages } = await print(renderHtml(a, getFramework(a.frameworkId), nameOf(a.authorityCode)))
      expect(pages.length, `seed ${prefix}`).toBeGreaterThanOrEqual(4)
      const running = pages[1]?.lines[0]?.text as string
      expect(running, `seed ${prefix}`).toMatch(/\(\d{4}\)$/)
      const back = await readDocument('r.pdf', pdf)
      if (!back.ok) throw new Error(back.error)
      expect(back.text, `seed ${prefix}`).not.toMatch(/Page \d+ of \d+/)
      expect(back.text, `seed ${prefix}`).not.toContain(running)
    }
  })

  it('read back, a PDF of two pages gives its text without the running title, whole or cut short, draft or not', async () => {
    const text = 'Children and families are seen promptly and their needs are understood by those who visit. '.repeat(6)
    const titles = [
      'Inspection of Hartlepool children’s services: Hartlepool (2018)',
      'Inspection of services for children in need of help and protection, children looked after and care leavers, and review of the effectiveness of the Local Safeguarding Children Board: Hartlepool (2013)',
    ]
    for (const title of titles)
      for (const draft of [false, true]) {
        const blocks: RenderedDocument['blocks'] = [
          { kind: 'heading', level: 1, text: 'Inspection of Hartlepool' },
          ...Array.from({ length: 9 }, () => ({ kind: 'paragraph' as const, text })),
        ]
        const pdf = await printer.print(toHtml({ title, draft, blocks }, ''))
        const pages = await pagesOf(pdf)
        expect(pages.length, title).toBe(2)
        const running = pages[1]?.lines[0]?.text as string
        expect(running, title).toContain('Hartlepool (')
        const back = await readDocument('r.pdf', pdf)
        if (!back.ok) throw new Error(back.error)
        expect(back.text).not.toContain('Hartlepool (')
        // Every paragraph is still there, and no more.
        expect(back.text.split(/\n\s*\n/).filter(p => p.includes('Children and families'))).toHaveLength(9)
      }
  })
})

describe.runIf(chromiumAvailable('browser print stylesheet test'))(
  'a page of the service printed from a browser',
  () => {
    const require = createRequire(import.meta.url)
    const css = [
      readFileSync(require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8'),
      readFileSync(new URL('../../src/web/public/stylesheets/application.css', import.meta.url), 'utf8'),
    ].join('\n')
    const page = `<!doctype html><html lang="en" class="govuk-template"><head><style>${css}</style></head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" data-qa="chrome">GOV.UK</header>
<section class="govuk-service-navigation" data-qa="chrome"><nav class="govuk-service-navigation__wrapper">Home</nav></section>
<div class="govuk-width-container">
<div class="govuk-phase-banner" data-qa="chrome">Beta</div>
<a class="govuk-back-link" href="/" data-qa="chrome">Back</a>
<p class="govuk-body-s signed-in" data-qa="chrome">Signed in as A Person</p>
<main class="govuk-main-wrapper" id="main-content">
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds" id="column">
<h1 class="govuk-heading-l" id="title">Kensington and Chelsea</h1>
<p class="govuk-body"><a class="govuk-link" id="external" href="https://www.gov.uk/ofsted">Ofsted</a>
<a class="govuk-link" id="internal" href="/frameworks">frameworks</a></p>
<table class="govuk-table"><tr class="govuk-table__row" id="row"><td class="govuk-table__cell">x</td></tr></table>
<div class="govuk-button-group" data-qa="chrome"><a class="govuk-button" href="/x">Print</a></div>
<form method="post" data-qa="chrome"><button class="govuk-button">Comment</button></form>
</div></div>
</main></div>
<footer class="govuk-footer" data-qa="chrome">Footer</footer>
</body></html>`

    it('leaves out the service’s header, navigation, footer, forms and buttons, and prints the rest full width', async () => {
      const browser = await launchChromium()
      try {
        const p = await browser.newPage()
        await p.emulateMedia({ media: 'print' })
        await p.setContent(page)
        for (const el of await p.locator('[data-qa="chrome"], .govuk-skip-link').all())
          expect(await el.isVisible(), (await el.getAttribute('class')) ?? '').toBe(false)
        expect(await p.locator('#title').isVisible()).toBe(true)
        const style = (selector: string, property: string, pseudo = '') =>
          p.evaluate<string>(
            `getComputedStyle(document.querySelector(${JSON.stringify(selector)}), ${JSON.stringify(pseudo || null)}).${property}`,
          )
        // Links outside the service show where they go; the service's own (a path, meaningless on paper) do not.
        expect(await style('#external', 'content', '::after')).toContain('https://www.gov.uk/ofsted')
        expect(await style('#internal', 'content', '::after')).toBe('none')
        expect(await style('#row', 'breakInside')).toBe('avoid')
        expect(await style('#title', 'breakAfter')).toBe('avoid')
        const [column, body] = [await style('#column', 'width'), await style('body', 'width')]
        expect(Number.parseFloat(column)).toBeGreaterThan(Number.parseFloat(body) * 0.95)
      } finally {
        await browser.close()
      }
    })
  },
)
