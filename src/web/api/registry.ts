import type { Request, RequestHandler, Response, Router } from 'express'
import { z } from 'zod'
import type { Role } from '../../domain/index.js'
import { sendError } from '../errors.js'
import { requireRole } from '../security.js'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type AnyObject = z.ZodObject<z.ZodRawShape>

export interface Operation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method
  /** Express style, "/assessments/:id"; written "{id}" in the OpenAPI document. */
  path: string
  summary: string
  tag: string
  /** "public", or the roles that may call it. Whether a particular resource is visible is the app's decision. */
  access: 'public' | readonly Role[]
  params?: P
  query?: Q
  body?: B
  /** The body is a file (raw bytes) rather than JSON. */
  fileBody?: boolean
  /** The change must name the version it was based on, with If-Match. */
  ifMatch?: boolean
  responses: Record<number, { description: string; schema?: z.ZodType }>
  before?: RequestHandler[]
  handler: (
    req: Request,
    res: Response,
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; version: number },
  ) => Promise<void>
}

/** The query of a report sent as the body: its file name, and where it was published (kept with the original). */
export const ReportFileQuery = z.object({
  fileName: z.string().min(1).max(255).default('upload'),
  sourceUrl: z
    .url({ protocol: /^https?$/, error: 'must be the http or https address the report was published at' })
    .max(2000)
    .optional()
    .describe('Where the report came from (Ofsted’s address of it), shown with the original'),
})

/** An ETag for an assessment's version, and the version an If-Match header names. */
export const etag = (version: number) => `"v${version}"`
function versionFrom(ifMatch: string | undefined): number | undefined | null {
  if (!ifMatch) return undefined
  const m = /^(?:W\/)?"v(\d+)"$/.exec(ifMatch.trim())
  return m ? Number(m[1]) : null
}

const problem = (issues: z.core.$ZodIssue[], where: string) =>
  issues.map(i => `${where}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`)

/**
 * The API's operations, each registered on the router and described in the OpenAPI document from the same zod
 * schemas that validate its requests.
 */
export class Api {
  readonly operations: Operation<AnyObject, AnyObject, z.ZodType>[] = []

  constructor(
    private readonly router: Router,
    private readonly prefix: string,
  ) {}

  add<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(op: Operation<P, Q, B>): void {
    this.operations.push(op as unknown as Operation<AnyObject, AnyObject, z.ZodType>)
    const gate: RequestHandler[] = op.access === 'public' ? [] : [requireRole(...op.access)]
    this.router[op.method](`${this.prefix}${op.path}`, ...gate, ...(op.before ?? []), async (req, res) => {
      const problems: string[] = []
      const parse = <S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) => {
        if (!schema) return {}
        const r = schema.safeParse(value)
        if (!r.success) problems.push(...problem(r.error.issues, where))
        return r.success ? r.data : undefined
      }
      // A JSON body sent as anything else would be read as no body at all: refused, not taken as an empty change.
      if (op.body && !op.fileBody && !req.is('application/json'))
        return sendError(req, res, 415, undefined, 'Send the request body as application/json')
      const params = parse(op.params, req.params, 'path')
      const query = parse(op.query, req.query, 'query')
      const body = op.fileBody ? req.body : parse(op.body, req.body ?? {}, 'body')
      if (problems.length) return sendError(req, res, 400, 'The request is not valid', problems[0], problems)
      let version = 0
      if (op.ifMatch) {
        const v = versionFrom(req.get('if-match'))
        if (v === undefined)
          return sendError(req, res, 428, undefined, 'Send If-Match with the ETag of the version you changed')
        if (v === null) return sendError(req, res, 400, undefined, 'If-Match must be an ETag this API gave, like "v3"')
        version = v
      }
      await op.handler(req, res, { params, query, body, version } as never)
    })
  }

  /** The OpenAPI 3.1 document. */
  openApi(info: { title: string; version: string; description: string }) {
    const json = (schema: z.ZodType) => {
      const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >
      return rest
    }
    const paths: Record<string, Record<string, unknown>> = {}
    for (const op of this.operations) {
      const path = `${this.prefix}${op.path}`.replace(/:(\w+)/g, '{$1}')
      const parameters = [
        ...Object.entries(op.params?.shape ?? {}).map(([name, s]) => ({
          name,
          in: 'path',
          required: true,
          schema: json(s as z.ZodType),
        })),
        ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({
          name,
          in: 'query',
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema: json(s as z.ZodType),
        })),
        ...(op.ifMatch
          ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', example: '"v3"' } }]
          : []),
      ]
      const responses: Record<string, unknown> = {}
      for (const [status, r] of Object.entries(op.responses))
        responses[status] = {
          description: r.description,
          ...(r.schema ? { content: { 'application/json': { schema: json(r.schema) } } } : {}),
        }
      for (const [status, description] of Object.entries(COMMON_ERRORS(op)))
        responses[status] ??= { description, content: { 'application/problem+json': { schema: PROBLEM } } }
      paths[path] ??= {}
      ;(paths[path] as Record<string, unknown>)[op.method] = {
        summary: op.summary,
        tags: [op.tag],
        operationId: `${op.method}${path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
        ...(op.access === 'public' ? { security: [] } : { 'x-roles': op.access }),
        ...(parameters.length ? { parameters } : {}),
        ...(op.body && !op.fileBody
          ? { requestBody: { required: true, content: { 'application/json': { schema: json(op.body) } } } }
          : {}),
        ...(op.fileBody
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/pdf': { schema: { type: 'string', format: 'binary' } },
                  'text/plain': { schema: { type: 'string' } },
                  'text/html': { schema: { type: 'string' } },
                },
              },
            }
          : {}),
        responses,
      }
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token created by an administrator' },
          session: { type: 'apiKey', in: 'cookie', name: 'inspectorate_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
      paths,
    }
  }
}

const PROBLEM = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    problems: { type: 'array', items: { type: 'string' } },
  },
  required: ['title', 'status'],
}

function COMMON_ERRORS(op: Operation<AnyObject, AnyObject, z.ZodType>): Record<number, string> {
  return {
    400: 'The request is not valid; problems lists each',
    ...(op.access === 'public'
      ? {}
      : { 401: 'Not signed in, or the token is not valid', 403: 'The role may not do this' }),
    ...(op.params ? { 404: 'Not found, or not visible to the caller' } : {}),
    ...(op.ifMatch ? { 409: 'The resource changed since the version named', 428: 'If-Match is missing' } : {}),
  }
}
