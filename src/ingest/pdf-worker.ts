import { parentPort } from 'node:worker_threads'
import { getResolvedPDFJS } from 'unpdf'
import { AuthorityIndex } from '../domain/index.js'
import { extractPdfText, PdfLimitError } from './pdf.js'
import type { PdfLimits, PdfOutcome, WorkerAnswer, WorkerRequest } from './pdf-pool.js'
import { readAndExtract } from './reading.js'

async function pdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfOutcome> {
  try {
    return { ok: true, text: await extractPdfText(bytes, limits) }
  } catch (e) {
    return { ok: false, limit: e instanceof PdfLimitError, error: (e as Error).message }
  }
}

let authorities: { key: number; index: AuthorityIndex } | undefined

async function answer(job: WorkerRequest): Promise<WorkerAnswer> {
  if (job.kind === 'pdf') return { id: job.id, ...(await pdfText(job.bytes, job.limits)) }
  const { key, list } = job.authorities
  if (list) authorities = { key, index: new AuthorityIndex(list) }
  if (authorities?.key !== key) return { id: job.id, ok: false, limit: false, error: 'no list of authorities was sent' }
  const reading = await readAndExtract(job.name, job.bytes, authorities.index, {
    read: bytes => pdfText(bytes, job.limits),
  })
  // The framework is the caller's to look up again: it is data every thread has.
  const e = reading.extraction
  return { id: job.id, reading: e ? { read: reading.read, extraction: { ...e, framework: null } } : reading }
}

async function reply(job: WorkerRequest): Promise<void> {
  try {
    parentPort?.postMessage(await answer(job))
  } catch (e) {
    parentPort?.postMessage({ id: job.id, ok: false, limit: false, error: (e as Error).message })
  }
}

/**
 * One file at a time, off the main thread: the PDF's text or its whole reading, or why it could not be read. The pool
 * sends the next file before this one is done; it waits its turn.
 */
let turn = Promise.resolve()
parentPort?.on('message', (job: WorkerRequest) => {
  turn = turn.then(() => reply(job))
})

// Loaded, pdf.js with it, the extraction run once, and listening: the pool's time limit counts from here, not from
// the worker's start.
await getResolvedPDFJS()
await readAndExtract('warm-up.txt', new TextEncoder().encode('A page of text, not a report.'), new AuthorityIndex([]), {
  read: bytes => pdfText(bytes, { pages: 1, milliseconds: 1000, megabytes: 1 }),
})
parentPort?.postMessage({ ready: true })
