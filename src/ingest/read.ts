import { createHash } from 'node:crypto'
import { Parser } from 'htmlparser2'
import { type PdfOutcome, pdfPool } from './pdf-pool.js'

export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

export type ReadResult =
  | {
      ok: true
      text: string
      format: 'text' | 'pdf' | 'html'
      hash: string
      /** An HTML page saved under a .pdf name: read as the page it is, a report or (often) an error page. */
      htmlNamedPdf?: true
    }
  | { ok: false; error: string; hash: string | null }

const startsWith = (bytes: Uint8Array, s: string) => [...s].every((c, i) => bytes[i] === c.charCodeAt(0))

/** A PDF's bytes begin so, whatever the file is called. */
export const isPdf = (bytes: Uint8Array) => startsWith(bytes, '%PDF-')

/** Whatever turns a PDF's bytes into text: the worker pool, or (inside a worker) pdf.js itself. */
export interface PdfReader {
  read(bytes: Uint8Array): Promise<PdfOutcome>
}

function looksLikeHtml(head: string): boolean {
  return /^\s*(?:<!doctype html|<html\b|<head\b|<body\b)/i.test(head) || /<html[\s>]/i.test(head.slice(0, 2000))
}

// Windows-1252's printable characters at 0x80–0x9F (Latin-1 has control codes there); 0 marks unassigned bytes.
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
]

function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80] || 0xfffd : b)
  return out
}

/** Plain text: UTF-8 (Windows-1252 where it is not valid UTF-8), no BOM, lines ended by \n alone. */
function decodeText(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = decodeWindows1252(bytes)
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** A page's <title> names its browser tab, not a line of the document: it is no part of the text either. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title'])
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'ul',
  'ol',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'blockquote',
  'pre',
])

/**
 * Text from an HTML page, read by a maintained HTML parser in one pass (no regular expressions over markup, so no
 * input can make it slow): blocks become lines, table cells tabs, list items bullets, or numbers in an ordered list
 * (from its `start`), as a browser shows them. Scripts, styles and marks
 * hidden from readers (bullets drawn as text) and the page's title are no part of the text.
 */
export function htmlToText(html: string): string {
  let out = ''
  let skipping = 0
  const hidden: boolean[] = []
  // The next number of each open list, as a browser numbers it (null for a list of bullets): readers of reports
  // tell numbered recommendations and paragraphs from bullets by what is printed.
  const lists: (number | null)[] = []
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hide = SKIPPED.has(name) || attributes['aria-hidden'] === 'true'
        hidden.push(hide)
        if (hide) skipping++
        if (skipping) return
        if (name === 'ol' || name === 'ul') {
          const start = Number.parseInt(attributes.start ?? '1', 10)
          lists.push(name === 'ol' ? (Number.isFinite(start) ? start : 1) : null)
        }
        if (name === 'br') out += '\n'
        else if (name === 'li') {
          const n = lists.at(-1)
          if (typeof n === 'number') {
            out += `\n${n}. `
            lists[lists.length - 1] = n + 1
          } else out += '\n- '
        } else if (BLOCKS.has(name)) out += '\n\n'
      },
      ontext(text) {
        if (!skipping) out += text
      },
      onclosetag(name) {
        if (hidden.pop()) {
          skipping--
          return
        }
        if (skipping) return
        if (name === 'ol' || name === 'ul') lists.pop()
        if (name === 'td' || name === 'th') out += '\t'
        else if (name === 'tr') out += '\n'
        else if (BLOCKS.has(name)) out += '\n\n'
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  )
  parser.write(html)
  parser.end()
  return (
    out
      .replace(/\u00a0/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (NUL, &#0;) are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

/**
 * Turns a file into text, or into an error that names what is wrong with it: empty, too large, binary,
 * a truncated PDF, a PDF without text, an HTML page saved under a .pdf name.
 */
export async function readDocument(name: string, bytes: Uint8Array, pool: PdfReader = pdfPool()): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty', hash: null }
  if (bytes.length > MAX_DOCUMENT_BYTES)
    return {
      ok: false,
      error: `the file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is 50 MB)`,
      hash: null,
    }
  const hash = createHash('sha256').update(bytes).digest('hex')
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096))
  const namedPdf = /\.pdf$/i.test(name)
  if (isPdf(bytes)) {
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)))
    if (!tail.includes('%%EOF'))
      return { ok: false, error: 'the PDF is truncated (it has no end-of-file marker)', hash }
    const read = await pool.read(bytes)
    if (!read.ok) return { ok: false, error: read.limit ? read.error : `the PDF cannot be read: ${read.error}`, hash }
    if (read.text.trim().length < 20)
      return { ok: false, error: 'the PDF has no text layer (a scanned image?); it needs OCR first', hash }
    return { ok: true, text: read.text, format: 'pdf', hash }
  }
  if (namedPdf && !looksLikeHtml(head)) return { ok: false, error: 'the file is named .pdf but is not a PDF', hash }
  const sample = bytes.subarray(0, 65536)
  const controls = sample.filter(b => b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)).length
  if (sample.includes(0) || controls > sample.length * 0.01)
    return { ok: false, error: 'the file is binary, not text, HTML or PDF', hash }
  const text = decodeText(bytes)
  if (looksLikeHtml(text.slice(0, 4096)))
    return {
      ok: true,
      text: htmlToText(text),
      format: 'html',
      hash,
      ...(namedPdf ? { htmlNamedPdf: true as const } : {}),
    }
  return { ok: true, text, format: 'text', hash }
}
