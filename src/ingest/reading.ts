import { type AuthorityIndex, getFramework } from '../domain/index.js'
import { type Extraction, extract, withPublicationFromFileName } from './extract.js'
import { type PdfPool, pdfPool } from './pdf-pool.js'
import { isPdf, MAX_DOCUMENT_BYTES, type PdfReader, type ReadResult, readDocument } from './read.js'

/** A file read: its text (or why it has none), and what was extracted from that text. */
export type Reading =
  | { read: Extract<ReadResult, { ok: true }>; extraction: Extraction }
  | { read: Extract<ReadResult, { ok: false }>; extraction: null }

/** What a file read says: its framework, authority, dates, people, grades, recommendations, content. */
export function extractRead(name: string, read: ReadResult, index: AuthorityIndex): Reading {
  if (!read.ok) return { read, extraction: null }
  return { read, extraction: withPublicationFromFileName(extract(read.text, read.hash, index), name) }
}

/** Everything from a file's bytes to its extraction; needs no store, so it runs in a worker thread as well as here. */
export async function readAndExtract(
  name: string,
  bytes: Uint8Array,
  index: AuthorityIndex,
  pdf: PdfReader,
): Promise<Reading> {
  return extractRead(name, await readDocument(name, bytes, pdf), index)
}

/**
 * Reads a file and extracts what it says. A PDF goes to the worker pool (it must, for its text) and is extracted
 * there too, so that only storing is left to this thread; text and HTML, quick to read, are read here (a worker
 * takes seconds to start).
 */
export async function readReport(
  name: string,
  bytes: Uint8Array,
  index: AuthorityIndex,
  pool: PdfPool = pdfPool(),
): Promise<Reading> {
  if (!isPdf(bytes) || bytes.length > MAX_DOCUMENT_BYTES) return readAndExtract(name, bytes, index, pool)
  const reading = await pool.document(name, bytes, index.authorities)
  const e = reading.extraction
  if (!e) return reading
  // What came back is a copy: the framework was not sent, and the authority is the index's own again.
  const framework = e.detection.kind === 'supported' ? getFramework(e.detection.frameworkId) : null
  const authority = e.authority ? (index.byCode(e.authority.code) ?? e.authority) : null
  return { read: reading.read, extraction: { ...e, framework, authority } }
}
