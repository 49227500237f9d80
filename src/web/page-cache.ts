import { createHash } from 'node:crypto'
import { serialize } from 'node:v8'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { within } from '../lib/within.js'
import type { Store } from '../store/store.js'

/** One store read a page was built from: which repository method, with what, and a digest of what it answered. */
interface Read {
  repository: string
  method: string
  args: unknown[]
  digest: string
}

/** What a page was, once built: its bytes (split where the nonce goes) and the headers that describe it. */
interface Kept {
  parts: Buffer[]
  length: number
  headers: [string, string][]
  etag: string
  /** The state of the store the page is known to be right at. */
  state: string
  /** The reads it was built from, to check it against a later state; null when any change to the store may change it. */
  reads: Read[] | null
  /** A check of the reads under way, for the state it is made at: requests at that state share it. */
  checking?: { state: string; same: Promise<boolean> }
}

/** Headers a kept page must not carry to the next visitor, or that the response sets afresh each time. */
// The security policy names each response's own script nonce: a copy keeps the one its request was given.
const NOT_KEPT = new Set(['set-cookie', 'etag', 'content-length', 'date', 'cache-control', 'content-security-policy'])

/**
 * Pages checked against what they read rather than rebuilt at every change: a report page and its downloads, which
 * read only their own assessment, its editions, its documents, its authority and the follow-ups that name it.
 */
const CHECKED_BY_READS = /^\/assessments\/[^/?]+(\/(report\.txt|assessment\.json|judgements\.csv))?(\?|$)/

/** Repository methods that only read; a page that calls anything else is never checked by its reads. */
const READ_METHODS = new Set([
  'get',
  'find',
  'list',
  'count',
  'visibility',
  'editions',
  'forAssessment',
  'forAssessments',
  'heldOriginals',
  'linkedTo',
  'history',
])

const digestOf = (value: unknown) => createHash('sha256').update(serialize(value)).digest('base64url')

/** A copy or a digest, or undefined for a value that cannot be copied (a function, say): then the page is not checked. */
const attempt =
  <T>(f: (value: unknown) => T) =>
  (value: unknown): T | undefined => {
    try {
      return f(value)
    } catch {
      return undefined
    }
  }
const copied = attempt(value => structuredClone(value) as unknown[])
const digested = attempt(digestOf)

/**
 * The store as a page sees it while being built, noting each read and a digest of its answer; anything other than
 * a listed read through a repository makes the page one that any change may change (`reads` becomes null).
 */
function recording(store: Store): { store: Store; reads: () => Read[] | null } {
  let reads: Read[] | null = []
  const repositories = new Map<string, unknown>()
  const proxy = new Proxy(store, {
    get(target, name) {
      const repository: unknown = Reflect.get(target, name)
      if (typeof name !== 'string' || typeof repository !== 'object' || repository === null) {
        reads = null
        return typeof repository === 'function' ? repository.bind(target) : repository
      }
      if (!repositories.has(name))
        repositories.set(
          name,
          new Proxy(repository, {
            get(repo, method) {
              const fn: unknown = Reflect.get(repo, method)
              if (typeof fn !== 'function') return fn
              if (typeof method !== 'string' || !READ_METHODS.has(method)) {
                reads = null
                return fn.bind(repo)
              }
              return async (...args: unknown[]) => {
                const kept = copied(args)
                const answer = await fn.apply(repo, args)
                // Digested before the page can change the answer in place.
                const digest = kept === undefined ? undefined : digested(answer)
                if (kept === undefined || digest === undefined) reads = null
                else reads?.push({ repository: name, method, args: kept, digest })
                return answer
              }
            },
          }),
        )
      return repositories.get(name)
    },
  })
  return { store: proxy, reads: () => reads }
}

/** Whether every read a page was built from answers the same now. */
async function sameReads(store: Store, reads: readonly Read[]): Promise<boolean> {
  const answers = await Promise.all(
    reads.map(async r => {
      const repository = (store as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[
        r.repository
      ]
      const fn = repository?.[r.method]
      return fn ? digestOf(await fn.apply(repository, structuredClone(r.args))) : undefined
    }),
  )
  return answers.every((d, i) => d === reads[i]?.digest)
}

/** The body split at each place the nonce was, so that a copy for another request is its parts and its nonce. */
function split(body: Buffer, nonce: string): Buffer[] {
  if (!nonce) return [body]
  const mark = Buffer.from(nonce)
  const parts: Buffer[] = []
  let from = 0
  for (let at = body.indexOf(mark); at !== -1; at = body.indexOf(mark, from)) {
    parts.push(body.subarray(from, at))
    from = at + mark.length
  }
  parts.push(body.subarray(from))
  return parts
}

function joined(parts: readonly Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0] as Buffer
  const mark = Buffer.from(nonce)
  const pieces: Buffer[] = []
  parts.forEach((p, i) => {
    if (i > 0) pieces.push(mark)
    pieces.push(p)
  })
  return Buffer.concat(pieces)
}

/**
 * The public record as the public sees it, built once per state of the store and served from memory after that.
 *
 * Every change to the store writes an audit entry in its own transaction, and entries are written one at a time in
 * order, so the newest entry's id names the state of the whole store: a page built at one id is right until the
 * next. That id is read at most once every `stateTtlMs` (other processes' changes show within it); this process's
 * own changes show at once, by its count of commits. A report page is not rebuilt at every change: at a new state
 * its reads are made again (without the rendering) and, if each answers as before, the kept copy is right at the
 * new state too. Pages also depend on the day (a recommendation becomes overdue), so the date is part of the key.
 * Only visitors who are not signed in are served kept pages, and only pages that set no cookie and carry no form
 * token; the per-request script nonce is put back into each copy. Every page sent says how it may be cached, with
 * an ETag so a browser's copy is revalidated with a 304; `X-Page-Cache` says whether the copy was kept (`hit`),
 * checked against its reads (`checked`) or built.
 */
export function pageCache(
  store: Store,
  now: () => Date,
  options: { limitBytes?: number; stateTtlMs?: number; buildWaitMs?: number } = {},
): RequestHandler {
  const limitBytes = options.limitBytes ?? 64 * 1024 * 1024
  // How long a request waits for another's build of the same page before it builds the page itself.
  const buildWaitMs = options.buildWaitMs ?? 10_000
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
    if (old) bytes -= old.length
    kept.set(key, page)
    bytes += page.length
    for (const [k, v] of kept) {
      if (bytes <= limitBytes) break
      kept.delete(k)
      bytes -= v.length
    }
  }

  /** The kept copy if it is right at this state: kept at it, or built from reads that answer the same now. */
  const current = async (key: string, at: string): Promise<{ page: Kept; how: 'hit' | 'checked' } | undefined> => {
    const page = kept.get(key)
    if (!page) return undefined
    if (page.state === at) return { page, how: 'hit' }
    if (!page.reads) return undefined
    if (page.checking?.state !== at) page.checking = { state: at, same: sameReads(store, page.reads) }
    const same = await page.checking.same
    if (!same || kept.get(key) !== page) return undefined
    // A check made at an older state than one already under way must not move the page back.
    if (page.checking.state === at) page.state = at
    return { page, how: 'checked' }
  }

  /** The pages being built, by key and state: requests that come meanwhile wait for the one build. */
  const building = new Map<string, Promise<void>>()

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.user || req.get('authorization')) {
      res.set('Cache-Control', 'private, no-store')
      return next()
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    res.set('Cache-Control', 'public, no-cache')
    const at = await state()
    const key = `${now().toISOString().slice(0, 10)}|${req.originalUrl}`
    const nonce = String(res.locals.cspNonce ?? '')
    const serve = (found: { page: Kept; how: 'hit' | 'checked' }) => {
      const hit = found.page
      kept.delete(key)
      kept.set(key, hit)
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.setHeader('ETag', hit.etag)
      res.setHeader('X-Page-Cache', found.how)
      if (req.fresh) return res.status(304).end()
      return res.status(200).end(req.method === 'HEAD' ? undefined : joined(hit.parts, nonce))
    }
    const found = await current(key, at)
    if (found) return serve(found)
    const build = `${key}|${at}`
    const pending = building.get(build)
    if (pending) {
      // Built meanwhile, and kept: served as a kept page is. A page not kept (an error, a cookie), or a build that
      // takes too long, is built again for this request.
      await within(pending, buildWaitMs, () => undefined)
      const built = await current(key, at)
      if (built) return serve(built)
    } else {
      let done = () => {}
      const mine = new Promise<void>(resolve => {
        done = resolve
      })
      building.set(build, mine)
      const settle = () => {
        if (building.get(build) === mine) building.delete(build)
        done()
      }
      res.once('finish', settle).once('close', settle)
    }
    const checked = CHECKED_BY_READS.test(req.originalUrl) ? recording(req.ctx.store) : undefined
    if (checked) req.ctx = { ...req.ctx, store: checked.store }
    const send = res.send.bind(res)
    res.send = (body?: unknown) => {
      if (typeof body === 'string' && !res.getHeader('content-type')) res.type('html')
      const buffer = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined
      if (buffer && req.method === 'GET' && res.statusCode === 200 && !res.getHeader('set-cookie')) {
        const html = String(res.getHeader('content-type') ?? '').startsWith('text/html')
        if (!(html && buffer.includes('name="_csrf"'))) {
          const parts = html ? split(buffer, nonce) : [buffer]
          const digest = createHash('sha256')
          for (const p of parts) digest.update(p).update('\u0000')
          const etag = `"${digest.digest('base64url').slice(0, 27)}"`
          const headers = Object.entries(res.getHeaders())
            .filter(([name]) => !NOT_KEPT.has(name))
            .map(([name, value]) => [name, String(value)] as [string, string])
          keep(key, { parts, length: buffer.length, headers, etag, state: at, reads: checked?.reads() ?? null })
          res.setHeader('ETag', etag)
        }
      }
      res.setHeader('X-Page-Cache', 'built')
      return send(body)
    }
    next()
  }
}
