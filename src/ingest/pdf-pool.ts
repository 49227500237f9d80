import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Authority } from '../domain/index.js'
import type { Reading } from './reading.js'

export interface PdfLimits {
  /** Pages a PDF may have. */
  pages: number
  /** Milliseconds one PDF may take to read. */
  milliseconds: number
  /** Megabytes of memory one reading may use (the inflated streams included). */
  megabytes: number
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { pages: 1000, milliseconds: 60_000, megabytes: 1024 }

/** The text of a PDF, or why it was not read: broken, or over one of the limits. */
export type PdfOutcome = { ok: true; text: string } | { ok: false; error: string; limit: boolean }

/** What a worker is asked: a PDF's text, or a whole reading of a file against a list of authorities. */
export type WorkerRequest =
  | { kind: 'pdf'; id: number; bytes: Uint8Array; limits: PdfLimits }
  | {
      kind: 'document'
      id: number
      name: string
      bytes: Uint8Array
      limits: PdfLimits
      /** The list is sent only to a worker that has not yet had the list of this key. */
      authorities: { key: number; list?: readonly Authority[] | undefined }
    }

/** What a worker answers: the text, a reading, or why there is neither. */
export type WorkerAnswer =
  | { id: number; ok: true; text: string }
  | { id: number; ok: false; error: string; limit: boolean }
  | { id: number; reading: Reading }

interface Job {
  id: number
  /** The file's size: the largest waiting is read first, so that the workers finish a batch together. */
  bytes: number
  send: (worker: Worker) => void
  answer: (m: WorkerAnswer) => void
  fail: (error: string, limit: boolean) => void
}

// Built, the worker is plain JavaScript beside the pool. From source (tests, the benchmark) it is TypeScript, loaded
// through tsx, which costs each worker most of a second of CPU more, unless INSPECTORATE_PDF_WORKER names a
// JavaScript build of that source (the tests build one per run: test/support/workers-built.ts).
const fromSource = import.meta.url.endsWith('.ts')
const WORKER = new URL(fromSource ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url)
const BOOT = `import('tsx/esm/api').then(m => { m.register(); return import(${JSON.stringify(WORKER.href)}) })`
const builtFromSource = () => (fromSource ? process.env.INSPECTORATE_PDF_WORKER : undefined)

/**
 * Reads PDFs in worker threads, one per core by default, so that no PDF holds the event loop; each is limited in
 * pages, time and memory, and a worker that runs over is ended and replaced. A PDF can be extracted there too (its
 * framework, dates, people, grades, content), so that reading a batch leaves only storing to the main thread.
 */
export class PdfPool {
  private readonly queue: Job[] = []
  /**
   * The jobs of each worker that has said it is ready: the one it reads and the next one, sent already so that it
   * starts at once (this thread may be busy storing when the first is done). The time limit runs for the first.
   */
  private readonly assigned = new Map<Worker, Job[]>()
  private readonly timers = new Map<Worker, NodeJS.Timeout>()
  private size = 0
  private next = 1
  private closed = false
  /** A number for each list of authorities, and the one each worker last had. */
  private readonly keys = new WeakMap<readonly Authority[], number>()
  private readonly had = new WeakMap<Worker, number>()

  constructor(
    readonly workers = Math.max(1, availableParallelism()),
    readonly limits: PdfLimits = DEFAULT_PDF_LIMITS,
  ) {}

  read(bytes: Uint8Array): Promise<PdfOutcome> {
    const failed = (error: string, limit: boolean): PdfOutcome => ({ ok: false, error, limit })
    return this.submit(
      bytes.length,
      id => ({ kind: 'pdf', id, bytes, limits: this.limits }),
      failed,
      m => ('reading' in m ? failed('the PDF reader answered out of turn', false) : m),
    )
  }

  /**
   * Reads and extracts a PDF in a worker (with the authorities given, which a worker is sent once). Over a limit or
   * failing, the reading says why.
   */
  document(name: string, bytes: Uint8Array, authorities: readonly Authority[]): Promise<Reading> {
    const k = this.keys.get(authorities) ?? this.next++
    this.keys.set(authorities, k)
    const failed = (error: string): Reading => ({ read: { ok: false, error, hash: null }, extraction: null })
    return this.submit(
      bytes.length,
      (id, worker) => {
        const list = this.had.get(worker) === k ? undefined : authorities
        this.had.set(worker, k)
        return { kind: 'document', id, name, bytes, limits: this.limits, authorities: { key: k, list } }
      },
      failed,
      m => ('reading' in m ? m.reading : failed(m.ok ? 'the PDF reader answered out of turn' : m.error)),
    )
  }

  private submit<T>(
    bytes: number,
    request: (id: number, worker: Worker) => WorkerRequest,
    failed: (error: string, limit: boolean) => T,
    answered: (m: WorkerAnswer) => T,
  ): Promise<T> {
    if (this.closed) return Promise.resolve(failed('the PDF reader has stopped', false))
    return new Promise(resolve => {
      const id = this.next++
      // Longest first (the size stands for the time a file takes), in the order given among files of one size.
      const at = this.queue.findIndex(job => job.bytes < bytes)
      this.queue.splice(at < 0 ? this.queue.length : at, 0, {
        id,
        bytes,
        send: worker => worker.postMessage(request(id, worker)),
        answer: m => resolve(answered(m)),
        fail: (error, limit) => resolve(failed(error, limit)),
      })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const all = [...this.assigned.keys()]
    for (const timer of this.timers.values()) clearTimeout(timer)
    const jobs = [...[...this.assigned.values()].flat(), ...this.queue]
    this.assigned.clear()
    this.timers.clear()
    this.queue.length = 0
    for (const job of jobs) job.fail('the PDF reader has stopped', false)
    await Promise.all(all.map(w => w.terminate()))
  }

  private spawn(): void {
    const built = builtFromSource()
    const worker = new Worker(built ?? (fromSource ? BOOT : WORKER), {
      eval: fromSource && !built,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.megabytes, maxYoungGenerationSizeMb: 64 },
    })
    this.size++
    worker.unref()
    worker.on('message', (m: WorkerAnswer | { ready: true }) => {
      if ('ready' in m) {
        this.assigned.set(worker, [])
        this.pump()
        return
      }
      const jobs = this.assigned.get(worker)
      if (jobs?.[0]?.id !== m.id) return
      const job = jobs.shift() as Job
      clearTimeout(this.timers.get(worker))
      this.timers.delete(worker)
      job.answer(m)
      if (jobs[0]) this.startClock(worker)
      this.pump()
    })
    worker.on('error', e => this.fail(worker, memoryError(e) ?? `the PDF cannot be read: ${e.message}`, true))
    worker.on('exit', () => this.fail(worker, 'the PDF reader stopped while reading it', false))
  }

  private startClock(worker: Worker): void {
    const limit = this.limits.milliseconds
    const timer = setTimeout(
      () => this.fail(worker, `reading the PDF took longer than ${limit / 1000} s, the limit`, true),
      limit,
    )
    this.timers.set(worker, timer)
  }

  /** A worker that failed mid-job answers that job, gives back the next one it was sent, and is replaced. */
  private fail(worker: Worker, error: string, limit: boolean): void {
    const jobs = this.assigned.get(worker)
    if (!jobs) return
    this.assigned.delete(worker)
    this.size--
    clearTimeout(this.timers.get(worker))
    this.timers.delete(worker)
    const [current, ...unread] = jobs
    this.queue.unshift(...unread)
    current?.fail(error, limit)
    void worker.terminate()
    this.pump()
  }

  /** Each job to a worker with none, else to a new worker (up to the pool's size), else as the next of a busy one. */
  private pump(): void {
    while (!this.closed && this.queue.length) {
      const free = [...this.assigned].find(([, jobs]) => jobs.length === 0)
      const starting = this.size - this.assigned.size
      if (!free && this.size < this.workers && starting < this.queue.length) {
        // A new worker joins the others when it says it is ready.
        this.spawn()
        continue
      }
      const [worker, jobs] = free ?? [...this.assigned].find(([, jobs]) => jobs.length === 1) ?? []
      if (!worker || !jobs) break
      const job = this.queue.shift() as Job
      jobs.push(job)
      if (jobs.length === 1) this.startClock(worker)
      worker.ref()
      job.send(worker)
    }
    for (const [worker, jobs] of this.assigned) if (jobs.length === 0) worker.unref()
  }
}

function memoryError(e: Error & { code?: string }): string | undefined {
  return e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading the PDF needs more memory than the limit allows' : undefined
}

let shared: PdfPool | undefined
let readers: number | undefined
/** How many threads the process's pool reads on (PDF_READERS); it takes effect when the pool is first made. */
export function setPdfReaders(n: number | undefined): void {
  readers = n
}
/** The process's pool, made on first use. */
export function pdfPool(): PdfPool {
  shared ??= new PdfPool(readers)
  return shared
}
