import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

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

interface Job {
  id: number
  bytes: Uint8Array
  resolve: (o: PdfOutcome) => void
}

// From source (tests, the benchmark) the worker is TypeScript, loaded through tsx; built, it is plain JavaScript.
const fromSource = import.meta.url.endsWith('.ts')
const WORKER = new URL(fromSource ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url)
const BOOT = `import('tsx/esm/api').then(m => { m.register(); return import(${JSON.stringify(WORKER.href)}) })`

/**
 * Reads PDFs in worker threads, one per core by default, so that no PDF holds the event loop; each is limited in
 * pages, time and memory, and a worker that runs over is ended and replaced.
 */
export class PdfPool {
  private readonly idle: Worker[] = []
  private readonly queue: Job[] = []
  private readonly running = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>()
  private size = 0
  private next = 1
  private closed = false

  constructor(
    private readonly workers = Math.max(1, availableParallelism()),
    readonly limits: PdfLimits = DEFAULT_PDF_LIMITS,
  ) {}

  read(bytes: Uint8Array): Promise<PdfOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the PDF reader has stopped', limit: false })
    return new Promise(resolve => {
      this.queue.push({ id: this.next++, bytes, resolve })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const all = [...this.idle, ...this.running.keys()]
    this.idle.length = 0
    for (const { job, timer } of this.running.values()) {
      clearTimeout(timer)
      job.resolve({ ok: false, error: 'the PDF reader has stopped', limit: false })
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
    worker.on(
      'message',
      (m: { ready?: true; id: number; ok: boolean; text?: string; error?: string; limit?: boolean }) => {
        if (m.ready) {
          this.idle.push(worker)
          this.pump()
          return
        }
        const current = this.running.get(worker)
        if (!current || current.job.id !== m.id) return
        clearTimeout(current.timer)
        this.running.delete(worker)
        current.job.resolve(
          m.ok
            ? { ok: true, text: m.text ?? '' }
            : { ok: false, error: m.error ?? 'unreadable', limit: m.limit === true },
        )
        this.idle.push(worker)
        this.pump()
      },
    )
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
      current.job.resolve({ ok: false, error, limit })
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
      worker.postMessage({ id: job.id, bytes: job.bytes, maxPages: this.limits.pages })
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
