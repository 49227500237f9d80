import { parentPort } from 'node:worker_threads'
import { getResolvedPDFJS } from 'unpdf'
import { extractPdfText, PdfLimitError } from './pdf.js'

/** One PDF at a time, off the main thread: text, or the reason it could not be read. */
parentPort?.on('message', async (job: { id: number; bytes: Uint8Array; maxPages: number }) => {
  try {
    const text = await extractPdfText(job.bytes, job.maxPages)
    parentPort?.postMessage({ id: job.id, ok: true, text })
  } catch (e) {
    parentPort?.postMessage({ id: job.id, ok: false, limit: e instanceof PdfLimitError, error: (e as Error).message })
  }
})

// Loaded, pdf.js with it, and listening: the pool's time limit counts from here, not from the worker's start.
await getResolvedPDFJS()
parentPort?.postMessage({ ready: true })
