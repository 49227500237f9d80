import type { NextFunction, Request, Response } from 'express'
import { DomainError, ValidationError } from '../domain/index.js'
import type { Logger } from '../lib/logger.js'
import { PrintingBusyError } from './report-pdfs.js'
import { renderPage } from './views.js'

const STATUS: Record<DomainError['code'], number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  immutable: 409,
}

const TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  401: 'Not signed in',
  403: 'You cannot do this',
  404: 'Page not found',
  409: 'The assessment has changed',
  413: 'The file or form is too large',
  415: 'Unsupported content type',
  428: 'Say which version you changed',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
}

/** An error as problem+json (RFC 9457) for the API, as a GOV.UK error page for people. */
export function sendError(
  req: Request,
  res: Response,
  status: number,
  title = TITLES[status] ?? 'Error',
  detail?: string,
  problems?: readonly string[],
): void {
  if (res.headersSent) return
  if (req.path.startsWith('/api/')) {
    res
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title,
          status,
          ...(detail ? { detail } : {}),
          ...(problems && problems.length > 0 ? { problems } : {}),
        }),
      )
    return
  }
  res.status(status)
  try {
    renderPage(req, res, 'error.njk', {
      title,
      paragraphs: [detail, ...(problems ?? []).filter(p => p !== detail)].filter(Boolean),
    })
  } catch {
    // The error page itself failed: say as much as is safe, in plain text.
    res.type('text').send(title)
  }
}

export function notFound(req: Request, res: Response): void {
  sendError(req, res, 404, 'Page not found', 'If you typed the web address, check it is correct.')
}

/** Domain errors keep their message (written for the user); anything else is logged and hidden. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof DomainError) {
      const problems = err instanceof ValidationError ? err.problems : undefined
      sendError(req, res, STATUS[err.code], undefined, err.message, problems)
      return
    }
    if (err instanceof PrintingBusyError) {
      res.set('Retry-After', '30')
      sendError(req, res, 503, undefined, err.message)
      return
    }
    const e = err as { status?: number; type?: string; code?: string; name?: string; field?: string }
    if (e.name === 'MulterError' && e.code !== 'LIMIT_FILE_SIZE')
      sendError(req, res, 400, undefined, MULTIPART[e.code ?? ''] ?? 'The upload is not a form this service accepts')
    else if (e.status === 413 || e.code === 'LIMIT_FILE_SIZE')
      sendError(req, res, 413, undefined, 'The request is larger than this service accepts')
    else if (e.status === 400 && e.type === 'entity.parse.failed')
      sendError(req, res, 400, undefined, 'The request body is not valid JSON')
    else if (e.status !== undefined && e.status >= 400 && e.status < 500) sendError(req, res, e.status)
    else {
      logger.error({ err, method: req.method, path: req.path }, 'request failed')
      sendError(req, res, 500, undefined, 'Try again later.')
    }
  }
}

/** What a refused multipart upload was, in words. */
const MULTIPART: Record<string, string> = {
  LIMIT_FILE_COUNT: 'Send one file at a time',
  LIMIT_UNEXPECTED_FILE: 'Send one file, in the form’s file field',
  LIMIT_FIELD_COUNT: 'The upload has more fields than its form',
  LIMIT_PART_COUNT: 'The upload has more parts than its form',
}

/** A form field sent twice is refused: every form here has one value per field (uploads are read by multer). */
export function refuseRepeatedFields(req: Request, res: Response, next: NextFunction): void {
  const repeated =
    req.is('application/x-www-form-urlencoded') && req.body && typeof req.body === 'object'
      ? Object.entries(req.body as Record<string, unknown>).find(([, v]) => Array.isArray(v))?.[0]
      : undefined
  if (repeated) {
    sendError(req, res, 400, undefined, `The form field ${repeated} was sent more than once`)
    return
  }
  next()
}

/** NUL, or half of a surrogate pair: characters no text column can store, so a request carrying one is refused. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The first field of a request (its query or body) whose text cannot be stored, by its name. */
function unstorableField(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unstorableField(v, `${path}[${i}]`)
      if (found) return found
    }
    return undefined
  }
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const found = unstorableField(v, path ? `${path}.${k}` : k)
      if (found) return found
    }
  return undefined
}

/** Refuses, with 400 naming the field, a request whose text holds a character that cannot be stored. */
export function refuseUnstorableText(req: Request, res: Response, next: NextFunction): void {
  const field = unstorableField(req.query, 'query') ?? unstorableField(req.body, 'body')
  if (field) {
    sendError(
      req,
      res,
      400,
      undefined,
      `${field} contains a character that cannot be stored (NUL or an unpaired surrogate)`,
    )
    return
  }
  next()
}
