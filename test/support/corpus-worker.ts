// One thread of the corpus reading (test/support/corpus-setup.ts): reads each report it is sent as ingestion does, in pdf.js
// on this thread, and answers with the text and both extractions.
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { AUTHORITIES, AuthorityIndex } from '../../src/domain/index.js'
import { type Extraction, extract, withPublicationFromFileName } from '../../src/ingest/extract.js'
import { extractPdfText, PdfLimitError } from '../../src/ingest/pdf.js'
import { DEFAULT_PDF_LIMITS } from '../../src/ingest/pdf-pool.js'
import { readDocument } from '../../src/ingest/read.js'
import type { CorpusReading } from './corpus-setup.js'

const index = new AuthorityIndex(AUTHORITIES)

const reader = {
  async read(bytes: Uint8Array) {
    try {
      return { ok: true as const, text: await extractPdfText(bytes, DEFAULT_PDF_LIMITS) }
    } catch (e) {
      return { ok: false as const, limit: e instanceof PdfLimitError, error: (e as Error).message }
    }
  },
}

/** The framework is data every thread has: it is looked up again on the other side rather than copied. */
const wire = (e: Extraction): Extraction => ({ ...e, framework: null })

async function readOne(path: string, name: string): Promise<CorpusReading> {
  const read = await readDocument(name, new Uint8Array(readFileSync(path)), reader)
  if (!read.ok) return { name, read, extraction: null, named: null }
  const e = extract(read.text, read.hash, index)
  return { name, read, extraction: wire(e), named: wire(withPublicationFromFileName(e, name)) }
}

parentPort?.on('message', async ({ path, name }: { path: string; name: string }) => {
  try {
    parentPort?.postMessage(await readOne(path, name))
  } catch (e) {
    parentPort?.postMessage({ name, read: { ok: false, error: (e as Error).message, hash: null }, extraction: null })
  }
})
parentPort?.postMessage({ ready: true })
