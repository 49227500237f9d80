import type { Context } from '../app/assessments.js'
import type { Actor, User } from '../domain/index.js'
import type { Logger } from '../lib/logger.js'
import type { PdfPrinter } from '../render/pdf.js'
import type { Store } from '../store/store.js'

/** What the web service is built from; tests pass their own store, clock, limits and printer. */
export interface Services {
  store: Store
  logger: Logger
  now?: () => Date
  newId?: () => string
  /** Prints report PDFs; without Chromium, PDF requests get a message saying what to install. */
  printer: PdfPrinter
  /** Sign-in attempts allowed per address in 15 minutes. */
  signInLimit?: number
  /** Marks cookies Secure (production, behind HTTPS). */
  secureCookies?: boolean
  /** Express's "trust proxy": off unless the service is configured to sit behind a proxy it trusts. */
  trustProxy?: string | false
}

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user, or the owner of the API token presented; null for the public. */
      user: User | null
      actor: Actor | null
      /** The token that protects this user's (or visitor's) forms. */
      csrfToken: string
      /** Authenticated by an API token (no cookie, so no CSRF check). */
      viaToken: boolean
      ctx: Context
    }
  }
}
