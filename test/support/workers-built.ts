import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { bundle, removeBundles } from './bundle.js'

/**
 * Vitest's global setup: the worker threads the tests start (the PDF pool's, the corpus reading's, the command line's) built once for the
 * run from this checkout's source into plain JavaScript. Loaded through tsx instead, each of the run's twenty or so
 * workers spent most of a second of CPU more starting. The processes the run starts inherit the paths.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  // Several projects list this setup; the first builds, the others find it built.
  if (process.env.INSPECTORATE_PDF_WORKER && existsSync(process.env.INSPECTORATE_PDF_WORKER)) return undefined
  const pdfWorker = await bundle(
    'src/ingest/pdf-worker.ts',
    'test/support/corpus-worker.ts',
    'test/support/cli-worker.ts',
  )
  process.env.INSPECTORATE_PDF_WORKER = pdfWorker
  process.env.INSPECTORATE_CORPUS_WORKER = join(pdfWorker, '..', 'corpus-worker.js')
  process.env.INSPECTORATE_CLI_WORKER = join(pdfWorker, '..', 'cli-worker.js')
  return () => {
    delete process.env.INSPECTORATE_PDF_WORKER
    delete process.env.INSPECTORATE_CORPUS_WORKER
    delete process.env.INSPECTORATE_CLI_WORKER
    removeBundles()
  }
}
