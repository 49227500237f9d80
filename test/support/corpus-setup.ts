import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import { Worker } from 'node:worker_threads'
import type { TestProject } from 'vitest/node'
import type { Extraction } from '../../src/ingest/extract.js'
import type { ReadResult } from '../../src/ingest/read.js'
import { CORPUS_DIR } from './shared.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding every corpus report as read in this run (test/support/corpus.ts loads it). */
    corpusReadings: string | undefined
  }
}

export const CORPUS_REPORTS = `${CORPUS_DIR}reports/`

/**
 * A report of the corpus as the code under test reads it: its text (or why it has none), what `extract` finds in the
 * text, and that with the publication date its file name gives (as ingestion stores it). The framework is left out
 * (every thread has it; test/support/corpus.ts puts it back).
 */
export interface CorpusReading {
  name: string
  read: ReadResult
  extraction: Extraction | null
  named: Extraction | null
}

const WORKER = new URL('./corpus-worker.ts', import.meta.url).href
const BOOT = `import('tsx/esm/api').then(m => m.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(WORKER)}))`

/** Reads every report of the corpus on every core, a thread each taking the next report; in file-name order. */
export async function readCorpus(dir = CORPUS_REPORTS, threads = availableParallelism()): Promise<CorpusReading[]> {
  const names = readdirSync(dir).sort()
  const out = new Map<string, CorpusReading>()
  let next = 0
  const thread = () =>
    new Promise<void>((resolve, reject) => {
      // Built for the run (test/support/workers-built.ts), or else loaded through tsx.
      const built = process.env.INSPECTORATE_CORPUS_WORKER
      // A young generation of the PDF pool's size: pdf.js allocates much that dies young.
      const options = { resourceLimits: { maxYoungGenerationSizeMb: 64 } }
      const worker = built ? new Worker(built, options) : new Worker(BOOT, { ...options, eval: true })
      const send = () => {
        const name = names[next++]
        if (name === undefined) void worker.terminate().then(() => resolve())
        else worker.postMessage({ path: join(dir, name), name })
      }
      worker.on('message', (m: CorpusReading | { ready: true }) => {
        if (!('ready' in m)) out.set(m.name, m)
        send()
      })
      worker.on('error', reject)
      worker.on('exit', code => (next > names.length ? resolve() : reject(new Error(`corpus thread exited (${code})`))))
    })
  await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, names.length)) }, thread))
  return names.map(n => out.get(n) as CorpusReading)
}

/** Vitest's global setup of the corpus project: the corpus is read once per run, for every test that reads it. */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  // Absent, nothing is read here: the tests say so, and fail under CI (test/support/shared.ts).
  if (!existsSync(CORPUS_REPORTS)) {
    project.provide('corpusReadings', undefined)
    return undefined
  }
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-corpus-'))
  const file = join(dir, 'readings.v8')
  writeFileSync(file, serialize(await readCorpus()))
  project.provide('corpusReadings', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
