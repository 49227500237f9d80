import type { Browser } from 'playwright-core'
import { DomainError } from '../domain/index.js'
import { CHROMIUM, chromiumInstalled, launchChromium } from '../lib/chromium.js'

/** PDF needs Chromium; without it HTML and text still work and PDF requests get this message. */
export class PdfUnavailableError extends DomainError {
  constructor(path: string) {
    super(
      'invalid',
      `PDF output needs Chromium at ${path}; install it with "apt-get install -y chromium". HTML and text output work without it.`,
    )
  }
}

/** Prints HTML to A4 PDFs with selectable text, reusing one browser for a whole batch. */
export class PdfPrinter {
  private browser: Promise<Browser> | undefined

  constructor(private readonly chromiumPath = CHROMIUM) {}

  async print(html: string): Promise<Buffer> {
    if (!chromiumInstalled(this.chromiumPath)) throw new PdfUnavailableError(this.chromiumPath)
    this.browser ??= launchChromium(this.chromiumPath)
    const browser = await this.browser.catch(e => {
      this.browser = undefined
      throw e
    })
    // A long-running service outlives a browser that crashed: start another.
    if (!browser.isConnected()) {
      this.browser = undefined
      return this.print(html)
    }
    const page = await browser.newPage()
    try {
      await page.setContent(html, { waitUntil: 'load' })
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
      })
    } finally {
      await page.close()
    }
  }

  async close(): Promise<void> {
    const browser = this.browser
    this.browser = undefined
    if (browser) await (await browser).close()
  }
}
