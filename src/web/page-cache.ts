import { createHash } from 'node:crypto'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Store } from '../store/store.js'

/** What a page was, once built: its body and the headers that describe it. */
interface Kept {
  body: Buffer
  headers: [string, string][]
  etag: string
  html: boolean
}

/** Headers a kept page must not carry to the next visitor, or that the response sets afresh each time. */
const NOT_KEPT = new Set(['set-cookie', 'etag', 'content-length', 'date', 'cache-control'])
const NONCE_MARK = '\u0000nonce\u0000'

/**
 * The public record as the public sees it, built once per state of the store and served from memory after that.
 *
 * Every change to the store writes an audit entry in its own transaction, and entries are written one at a time in
 * order, so the newest entry's id names the state of the whole store: a page built at one id is right until the
 * next. That id is read at most once every `stateTtlMs` (other processes' changes show within it); this process's
 * own changes show at once, by its count of commits. Pages also depend on the day (a recommendation becomes
 * overdue), so the date is part of the key. Only
 * visitors who are not signed in are served kept pages, and only pages that set no cookie and carry no form token;
 * the per-request script nonce is put back into each copy. Every page sent says how it may be cached, with an ETag
 * so a browser's copy is revalidated with a 304.
 */
export function pageCache(
  store: Store,
  now: () => Date,
  options: { limitBytes?: number; stateTtlMs?: number } = {},
): RequestHandler {
  const limitBytes = options.limitBytes ?? 64 * 1024 * 1024
  const ttl = options.stateTtlMs ?? 1000
  const kept = new Map<string, Kept>()
  let bytes = 0
  let read: { at: number; commits: number; id: Promise<string> } | undefined
  // Requests share one read of the state while it is fresh and this process has committed nothing since.
  const state = async () => {
    const commits = store.commits
    const at = Date.now()
    if (!read || read.commits !== commits || at - read.at >= ttl) {
      const id = store.audit.latestId()
      read = { at, commits, id }
      id.catch(() => {
        read = undefined
      })
    }
    return `${await read.id}.${commits}`
  }

  const keep = (key: string, page: Kept) => {
    const old = kept.get(key)
    if (old) bytes -= old.body.length
    kept.set(key, page)
    bytes += page.body.length
    for (const [k, v] of kept) {
      if (bytes <= limitBytes) break
      kept.delete(k)
      bytes -= v.body.length
    }
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.user || req.get('authorization')) {
      res.set('Cache-Control', 'private, no-store')
      return next()
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    res.set('Cache-Control', 'public, no-cache')
    const key = `${await state()}|${now().toISOString().slice(0, 10)}|${req.originalUrl}`
    const nonce = String(res.locals.cspNonce ?? '')
    const hit = kept.get(key)
    if (hit) {
      kept.delete(key)
      kept.set(key, hit)
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.setHeader('ETag', hit.etag)
      if (req.fresh) return res.status(304).end()
      const body = hit.html ? Buffer.from(hit.body.toString('utf8').replaceAll(NONCE_MARK, nonce)) : hit.body
      return res.status(200).end(req.method === 'HEAD' ? undefined : body)
    }
    const send = res.send.bind(res)
    res.send = (body?: unknown) => {
      if (typeof body === 'string' && !res.getHeader('content-type')) res.type('html')
      const buffer = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined
      if (buffer && req.method === 'GET' && res.statusCode === 200 && !res.getHeader('set-cookie')) {
        const type = String(res.getHeader('content-type') ?? '')
        const html = type.startsWith('text/html')
        const text = html ? buffer.toString('utf8') : ''
        if (!text.includes('name="_csrf"')) {
          const stored = html && nonce ? Buffer.from(text.replaceAll(nonce, NONCE_MARK)) : buffer
          const etag = `"${createHash('sha256').update(stored).digest('base64url').slice(0, 27)}"`
          const headers = Object.entries(res.getHeaders())
            .filter(([name]) => !NOT_KEPT.has(name))
            .map(([name, value]) => [name, String(value)] as [string, string])
          keep(key, { body: stored, headers, etag, html })
          res.setHeader('ETag', etag)
        }
      }
      return send(body)
    }
    next()
  }
}
