import { Readable } from 'node:stream'
import { constants, createInflate, inflateSync } from 'node:zlib'
import { getDocumentProxy } from 'unpdf'

interface Item {
  str: string
  x: number
  y: number
  width: number
  height: number
}

/**
 * The text of a PDF, laid out as lines: items on one baseline form a line, a wide gap between items becomes a tab
 * (a table column), a gap between lines taller than a line becomes a blank line (a new paragraph).
 */
export async function extractPdfText(
  bytes: Uint8Array,
  limits: { pages?: number; megabytes?: number } = {},
): Promise<string> {
  const maxPages = limits.pages ?? Number.POSITIVE_INFINITY
  if (limits.megabytes !== undefined) await refuseInflatingPast(bytes, limits.megabytes)
  // verbosity 0: pdf.js's font warnings ("TT: undefined function") are not the user's business.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 })
  const pages: string[][] = []
  let title = ''
  try {
    const { info } = await pdf.getMetadata().catch(() => ({ info: {} }))
    title = String((info as { Title?: unknown }).Title ?? '')
    if (pdf.numPages > maxPages) throw new PdfLimitError(`the PDF has ${pdf.numPages} pages; the limit is ${maxPages}`)
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p)
      const content = await page.getTextContent()
      const all: Item[] = []
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str === '') continue
        const [, , , d = 0, e = 0, f = 0] = raw.transform as number[]
        all.push({ str: raw.str, x: e, y: f, width: raw.width, height: Math.abs(raw.height || d) || 10 })
      }
      const items = withoutFootnoteMarks(all)
      const lines: { y: number; height: number; items: Item[] }[] = []
      for (const item of items) {
        const line = lines.find(l => Math.abs(l.y - item.y) < Math.max(2, item.height * 0.4))
        if (line) line.items.push(item)
        else lines.push({ y: item.y, height: item.height, items: [item] })
      }
      lines.sort((a, b) => b.y - a.y)
      let out: string[] = []
      let previous: (typeof lines)[number] | undefined
      for (const line of lines) {
        if (previous && previous.y - line.y > Math.max(previous.height, line.height) * 1.9) out.push('')
        line.items.sort((a, b) => a.x - b.x)
        let text = ''
        let end: number | undefined
        for (const item of line.items) {
          if (end !== undefined) {
            const gap = item.x - end
            if (gap > item.height * 1.5) text += '\t'
            else if (gap > item.height * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' '
          }
          text += item.str
          end = item.x + item.width
        }
        out.push(text.replace(/\s+$/, ''))
        previous = line
      }
      pages.push(out)
      out = []
      page.cleanup()
    }
  } finally {
    await pdf.destroy()
  }
  return withoutPageFurniture(pages, title)
    .map(lines => `${lines.join('\n')}\n`)
    .join('\n')
}

/** A PDF refused for its size, not for being broken. */
export class PdfLimitError extends Error {}

const STREAM = Buffer.from('stream', 'latin1')
const END_STREAM = Buffer.from('endstream', 'latin1')
/** What a stream may inflate to before it is counted rather than held: far more than any page or font needs. */
const HELD = 16 * 1024 * 1024

/**
 * Refuses a PDF whose compressed streams inflate to the memory limit or more in all (a "zip bomb"). pdf.js inflates
 * into array buffers, which a worker's heap limit does not count: a 1 MB file of 1 GiB of spaces was read whole, in
 * 10 s and a gigabyte outside the heap. Every stream is tried with zlib first, whatever its dictionary says (a filter
 * may be an indirect object or a name spelt with escapes), as many times over as its filter names Flate; what it
 * inflates to is held up to 16 MB and only counted beyond. A stream zlib cannot read counts nothing: it is left to
 * pdf.js, which reads what it can of broken files, within the time limit. Not counted: LZW and run-length streams,
 * and encrypted ones.
 */
async function refuseInflatingPast(bytes: Uint8Array, megabytes: number): Promise<void> {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let left = megabytes * 1024 * 1024
  for (let at = pdf.indexOf(STREAM); at !== -1; at = pdf.indexOf(STREAM, at + STREAM.length)) {
    if (at >= 3 && pdf.toString('latin1', at - 3, at) === 'end') continue
    // The data starts after the end of the keyword's line, and runs to the next `endstream`. The scan goes on from
    // its start, not its end: a stream whose `endstream` is missing must not hide the next one.
    let start = at + STREAM.length
    if (pdf[start] === 0x0d) start++
    if (pdf[start] !== 0x0a && pdf[start - 1] !== 0x0d) continue
    if (pdf[start] === 0x0a) start++
    const end = pdf.indexOf(END_STREAM, start)
    if (end === -1) return
    left -= await inflatedSize(
      pdf.subarray(start, end),
      left,
      flateLayers(pdf.toString('latin1', Math.max(0, at - 8192), at)),
    )
    if (left <= 0) throw new PdfLimitError(`the PDF's streams inflate to ${megabytes} MB or more, the limit`)
  }
}

/** How many times a stream's filter, in the text before its data, names Flate (at least once: it is tried anyway). */
function flateLayers(before: string): number {
  const object = before.lastIndexOf(' obj')
  const dictionary = object === -1 ? before : before.slice(object)
  const filter = [...dictionary.matchAll(/\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]]+)/g)].at(-1)?.[1] ?? ''
  const names = filter.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return Math.max(1, names.match(/\/(?:FlateDecode|Fl)\b/g)?.length ?? 0)
}

/** How many bytes `data` inflates to, `layers` times over, counted up to `limit`; 0 if zlib cannot read it. */
async function inflatedSize(data: Buffer, limit: number, layers = 1): Promise<number> {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH } // a stream cut short is no error
  for (let layer = 1; layer < layers; layer++)
    try {
      data = inflateSync(data, { ...sync, maxOutputLength: limit })
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? limit : 0
    }
  try {
    return inflateSync(data, { ...sync, maxOutputLength: Math.min(limit, HELD) }).length
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return 0
  }
  let size = 0
  const counting = createInflate(sync)
  try {
    for await (const chunk of Readable.from([data]).pipe(counting)) {
      size += (chunk as Buffer).length
      if (size >= limit) break
    }
  } catch {
    // Broken further on: what was counted stands.
  } finally {
    counting.destroy()
  }
  return size
}

/**
 * Footnote marks ("Board¹"): a number in a smaller type than the text, raised beside a line of it. They are set
 * aside, so that "Children Board" reads as printed, not "Children 1 Board".
 */
function withoutFootnoteMarks(items: Item[]): Item[] {
  const heights = items.map(i => i.height).sort((a, b) => a - b)
  const body = heights[Math.floor(heights.length / 2)] ?? 10
  return items.filter(item => {
    if (!/^\s*\d{1,2}\s*$/.test(item.str) || item.height >= body * 0.8) return true
    const beside = items.some(
      o =>
        o !== item && o.y < item.y && item.y - o.y < body && Math.abs(o.x - item.x) < 400 && !/^\s*\d+\s*$/.test(o.str),
    )
    return !beside
  })
}

const key = (line: string) => line.trim().replace(/\d+/g, '#')

const fold = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * Whether a line is the document's title as its PDF's properties give it (a draft's without its "DRAFT – "), whole
 * or cut short at an ellipsis to its start and its end from the last colon ("…: Kensington and Chelsea (2007)"),
 * with perhaps a mark after it (a draft mark).
 */
function isTitle(line: string, title: string): boolean {
  const l = fold(line)
  return [fold(title), fold(title).replace(/^draft\s+[–-]\s+/, '')].some(t => {
    if (t.length < 20) return false
    if (l.startsWith(t)) return true
    const cut = l.indexOf('…')
    const head = l.slice(0, cut)
    const colon = t.lastIndexOf(': ')
    const tail = colon > 0 ? t.slice(colon) : ''
    return cut >= 10 && t.startsWith(head) && l.slice(cut + 1).startsWith(tail)
  })
}

/**
 * Page furniture: page numbers standing alone at the top or foot of a page, and running headers and footers (the
 * same line at the top or foot of most pages). Set aside, so that no paragraph runs through them. The first page's
 * title is kept even where later pages repeat it. A running title is told by its repeating, or (in a document of two
 * pages, where a line on one page after the first is no repeat) by its being the title the PDF's properties give.
 */
function withoutPageFurniture(pages: string[][], title: string): string[][] {
  const nonBlank = (lines: string[]) => lines.map((l, i) => ({ l, i })).filter(x => x.l.trim() !== '')
  const edges = (lines: string[]) => {
    const text = nonBlank(lines)
    const n = text.length < 8 ? 1 : 2
    return [...text.slice(0, n), ...text.slice(-n)].filter(x => x.l.trim().length < 100)
  }
  const seen = new Map<string, number>()
  for (const lines of pages)
    for (const k of new Set(edges(lines).map(x => key(x.l)))) seen.set(k, (seen.get(k) ?? 0) + 1)
  const onFirst = new Set(edges(pages[0] ?? []).map(x => key(x.l)))
  // On most pages; or, in a short document, on every page after the first (a running title the first page omits).
  const running = (l: string) => {
    const n = seen.get(key(l)) ?? 0
    if (pages.length === 2) return isTitle(l, title) && !onFirst.has(key(l))
    return (
      pages.length >= 3 && (n >= Math.max(3, pages.length * 0.4) || (n === pages.length - 1 && !onFirst.has(key(l))))
    )
  }
  const pageNumber = (l: string) => /^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$/i.test(l.trim())
  return pages.map((lines, p) => {
    // On a page of a few lines, only a running line that carries the page's number ("… services  12").
    const full = nonBlank(lines).length >= 8
    const drop = new Set(
      edges(lines)
        .filter(x => pageNumber(x.l) || (p > 0 && (full || /\d/.test(x.l)) && running(x.l)))
        .map(x => x.i),
    )
    return lines.filter((_, i) => !drop.has(i))
  })
}
