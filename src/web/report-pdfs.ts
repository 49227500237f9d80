import type { Assessment } from '../domain/index.js'
import type { PdfPrinter } from '../render/pdf.js'
import type { ReportPdfRepository } from '../store/report-pdfs.js'

/** Too many PDFs are being printed already: the request is refused at once, to be tried again shortly. */
export class PrintingBusyError extends Error {
  readonly status = 503
}

/**
 * PDFs of reports, printed through a bounded queue: a few at a time, a limited number waiting, the rest refused
 * with 503. A published assessment never changes, so its PDF is printed once and kept, in the store and in memory
 * (for the most recent ones);
 * requests for one already being printed wait for that printing.
 */
export class ReportPdfs {
  private readonly cache = new Map<string, Buffer>()
  private readonly printing = new Map<string, Promise<Buffer>>()
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly printer: PdfPrinter,
    private readonly limits = { atOnce: 2, waiting: 16, kept: 100 },
  ) {}

  /** A published edition's PDF comes from memory, else from the store (where print jobs keep them), else is printed. */
  async pdf(a: Assessment, html: () => string, stored?: ReportPdfRepository): Promise<Buffer> {
    const key = `${a.id}:${a.version}`
    const published = a.status === 'published'
    const kept = published ? (this.cache.get(key) ?? (await stored?.get(a.id, a.version))) : undefined
    if (kept) {
      this.keep(key, kept)
      return kept
    }
    const shared = this.printing.get(key)
    if (shared) return shared
    const job = this.print(html).then(async pdf => {
      if (published) {
        this.keep(key, pdf)
        await stored?.keep(a.id, a.version, pdf, new Date())
      }
      return pdf
    })
    this.printing.set(key, job)
    try {
      return await job
    } finally {
      this.printing.delete(key)
    }
  }

  private keep(key: string, pdf: Buffer): void {
    this.cache.set(key, pdf)
    if (this.cache.size > this.limits.kept) this.cache.delete(this.cache.keys().next().value as string)
  }

  private async print(html: () => string): Promise<Buffer> {
    if (this.running >= this.limits.atOnce) {
      if (this.waiting.length >= this.limits.waiting)
        throw new PrintingBusyError('Too many reports are being printed as PDF just now; try again in a minute')
      await new Promise<void>(resolve => this.waiting.push(resolve))
    }
    this.running++
    try {
      return Buffer.from(await this.printer.print(html()))
    } finally {
      this.running--
      this.waiting.shift()?.()
    }
  }
}
