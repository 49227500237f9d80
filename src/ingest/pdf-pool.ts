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
  | { kind: 'pdf'; id: number; bytes: Uint8Array; maxPages: number }
  | {
      kind: 'document'
      id: number
      name: string
      bytes: Uint8Array
      maxPages: number
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
  send: (worker: Worker) => void
  answer: (m: WorkerAnswer) => void
  fail: (error: string, limit: boolean) => void
}

// From source (tests, the benchmark) the worker is TypeScript, loaded through tsx; built, it is plain JavaScript.
const fromSource = import.meta.url.endsWith('.ts')
const WORKER = new URL(fromSource ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url)
const BOOT = `import('tsx/esm/api').then(m => { m.register(); return import(${JSON.stringify(WORKER.href)}) })`

/**
 * Reads PDFs in worker threads, one per core by default, so that no PDF holds the event loop; each is limited in
 * pages, time and memory, and a worker that runs over is ended and replaced. A PDF can be extracted there too (its
 * framework, dates, people, grades, content), so that reading a batch leaves only storing to the main thread.
 */
export class PdfPool {
  private readonly idle: Worker[] = []
  private readonly queue: Job[] = []
  private readonly running = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>()
  private size = 0
  private next = 1
  private closed = false
  /** A number for each list of authorities, and the one each worker last had. */
  private readonly keys = new WeakMap<readonly Authority[], number>()
  private readonly had = new WeakMap<Worker, number>()

  constructor(
    private readonly workers = Math.max(1, availableParallelism()),
    readonly limits: PdfLimits = DEFAULT_PDF_LIMITS,
  ) {}

  read(bytes: Uint8Array): Promise<PdfOutcome> {
    const failed = (error: string, limit: boolean): PdfOutcome => ({ ok: false, error, limit })
    return this.submit(
      id => ({ kind: 'pdf', id, bytes, maxPages: this.limits.pages }),
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
      (id, worker) => {
        const list = this.had.get(worker) === k ? undefined : authorities
        this.had.set(worker, k)
        return { kind: 'document', id, name, bytes, maxPages: this.limits.pages, authorities: { key: k, list } }
      },
      failed,
      m => ('reading' in m ? m.reading : failed(m.ok ? 'the PDF reader answered out of turn' : m.error)),
    )
  }

  private submit<T>(
    request: (id: number, worker: Worker) => WorkerRequest,
    failed: (error: string, limit: boolean) => T,
    answered: (m: WorkerAnswer) => T,
  ): Promise<T> {
    if (this.closed) return Promise.resolve(failed('the PDF reader has stopped', false))
    return new Promise(resolve => {
      const id = this.next++
      this.queue.push({
        id,
        send: worker => worker.postMessage(request(id, worker)),
        answer: m => resolve(answered(m)),
        fail: (error, limit) => resolve(failed(error, limit)),
      })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const all = [...this.idle, ...this.running.keys()]
    this.idle.length = 0
    for (const { job, timer } of this.running.values()) {
      clearTimeout(timer)
      job.fail('the PDF reader has stopped', false)
    }
    this.running.clear()
    await Promise.all(all.map(w => w.terminate()))
  }

  private spawn(): void {
    const worker = new Worker(fromSource ? BOOT : WORKER, {
      eval: fromSource,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.megabytes, maxYoungGenerationSizeMb: 64 },
    })
    this.size++
    worker.unref()
    worker.on('message', (m: WorkerAnswer | { ready: true }) => {
      if ('ready' in m) {
        this.idle.push(worker)
        this.pump()
        return
      }
      const current = this.running.get(worker)
      if (!current || current.job.id !== m.id) return
      clearTimeout(current.timer)
      this.running.delete(worker)
      current.job.answer(m)
      this.idle.push(worker)
      this.pump()
    })
    worker.on('error', e => this.fail(worker, memoryError(e) ?? `the PDF cannot be read: ${e.message}`, true))
    worker.on('exit', () => this.fail(worker, 'the PDF reader stopped while reading it', false))
  }

  /** A worker that failed mid-job answers its job and is replaced by a new one. */
  private fail(worker: Worker, error: string, limit: boolean): void {
    const current = this.running.get(worker)
    const idleAt = this.idle.indexOf(worker)
    if (idleAt >= 0) this.idle.splice(idleAt, 1)
    if (!current && idleAt < 0) return
    this.size--
    if (current) {
      clearTimeout(current.timer)
      this.running.delete(worker)
      current.job.fail(error, limit)
    }
    void worker.terminate()
    this.pump()
  }

  private pump(): void {
    while (!this.closed && this.queue.length) {
      const worker = this.idle.pop()
      if (!worker) {
        // A new worker joins the idle ones when it says it is ready.
        if (this.size < this.workers && this.size - this.running.size < this.queue.length) this.spawn()
        return
      }
      const job = this.queue.shift() as Job
      const timer = setTimeout(
        () =>
          this.fail(worker, `reading the PDF took longer than ${this.limits.milliseconds / 1000} s, the limit`, true),
        this.limits.milliseconds,
      )
      this.running.set(worker, { job, timer })
      worker.ref()
      job.send(worker)
    }
    for (const w of this.idle) w.unref()
  }
}

function memoryError(e: Error & { code?: string }): string | undefined {
  return e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'reading the PDF needs more memory than the limit allows' : undefined
}

let shared: PdfPool | undefined
/** The process's pool, made on first use. */
export function pdfPool(): PdfPool {
  shared ??= new PdfPool()
  return shared
}
