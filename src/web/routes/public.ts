import { type Router as ExpressRouter, type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { readAssessment } from '../../app/assessments.js'
import { addComment, GENERAL_SECTION } from '../../app/comments.js'
import { authorityOverview, type Distribution, nationalOverview, searchAssessments } from '../../app/queries.js'
import { followUpCounts, recordRecommendationUpdate, trackedRecommendations } from '../../app/recommendations.js'
import {
  type Assessment,
  areaTitle,
  canComment,
  describeScale,
  FRAMEWORKS,
  getFramework,
  gradeLabel,
  isStaff,
  LEVELS,
  levelLabel,
  mayConfirm,
  pointForLevel,
  pointsBestFirst,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  RecommendationStatusSchema,
  STATUS_LABELS,
  STATUSES,
  ValidationError,
} from '../../domain/index.js'
import { toHtmlBody } from '../../render/document.js'
import { buildDocument, renderHtml, renderText } from '../../render/render.js'
import type { AssessmentSummary } from '../../store/assessments.js'
import { distributionChart, inspectionChanges, timelineChart } from '../charts.js'
import type { Services } from '../context.js'
import { notFound, sendError } from '../errors.js'
import {
  authorityChoices,
  authorityNames,
  commentRows,
  downloadQuery,
  followsUpText,
  inspectionTypeOf,
  judgementRows,
  judgementsCsv,
  levelTag,
  minute,
  mixedFrameworksNote,
  nationalTables,
  pageOf,
  paginationFor,
  plural,
  printedWithLevel,
  recommendationRow,
  reportContents,
  summary,
  trackingRow,
} from '../presenters.js'
import { ReportPdfs } from '../report-pdfs.js'
import { requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(v => (v === '' || v === undefined ? undefined : v), schema.optional())

export const SearchQuerySchema = z.object({
  authority: optional(z.string().regex(/^E\d{8}$/, 'Choose an authority from the list')),
  framework: optional(z.enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]], 'Choose a framework from the list')),
  year: optional(
    z.coerce
      .number('Enter the year as four digits, like 2008')
      .int('Enter the year as four digits, like 2008')
      .min(2000, 'Enter a year from 2000 onwards')
      .max(2100, 'Enter a year before 2100'),
  ),
  level: optional(z.enum(LEVELS, 'Choose a judgement from the list')),
  status: optional(z.enum(STATUSES, 'Choose a status from the list')),
  page: optional(z.coerce.number().int().min(1, 'The page must be 1 or more').max(100_000)).default(1),
})

export const PAGE_SIZE = 20

export const pageNumber = (list: string) =>
  optional(
    z.coerce
      .number(`Enter the page of ${list} as a number, like 2`)
      .int(`Enter the page of ${list} as a whole number, like 2`)
      .min(1, `The page of ${list} must be 1 or more`)
      .max(100_000, `The page of ${list} must be 100000 or less`),
  ).default(1)

/** An authority page's lists, each paged on its own; a page past a list's end shows its last. */
export const AuthorityPagesSchema = z.object({
  page: pageNumber('published assessments'),
  recommendationsPage: pageNumber('recommendations'),
})

const selectItems = (
  empty: string,
  options: readonly { value: string; text: string }[],
  selected: string | undefined,
) => [{ value: '', text: empty }, ...options.map(o => ({ ...o, selected: o.value === selected }))]

/** An authority page's query: its filter and pages, leaving out what is the default (page 1, every status). */
function authorityQuery(values: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const key of ['status', 'page', 'recommendationsPage', 'done']) {
    const v = values[key]
    if ((typeof v === 'string' || typeof v === 'number') && v !== '' && String(v) !== '1') q.set(key, String(v))
  }
  return q.size ? `?${q}` : ''
}

/** The public side: search, authority pages, reports and downloads, the national overview; sign in and out. */
export function publicRoutes(services: Services): ExpressRouter {
  const pdfs = new ReportPdfs(services.printer)
  const router = Router()

  router.get('/', async (req, res) => {
    const parsed = SearchQuerySchema.safeParse(req.query)
    const values = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
    const q = parsed.success ? parsed.data : { page: 1 }
    const fields = parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map(i => [String(i.path[0]), i.message]))
    const [authorities, results] = await Promise.all([
      req.ctx.store.authorities.list(),
      parsed.success
        ? searchAssessments(req.ctx, req.actor, {
            authorityCode: q.authority,
            frameworkId: q.framework,
            year: q.year,
            level: q.level,
            status: q.status,
            page: q.page,
            pageSize: PAGE_SIZE,
          })
        : Promise.resolve({ total: 0, items: [], page: 1, pageSize: PAGE_SIZE, pages: 1 }),
    ])
    const choices = authorityChoices(authorities)
    // Lists tell apart two councils of one name as the choices do.
    const names = new Map(choices.map(c => [c.value, c.text]))
    // Whether anything is published at all: an empty store's home page says how to load reports instead.
    const held = results.total > 0 || (await searchAssessments(req.ctx, null, { page: 1, pageSize: 1 })).total > 0
    const chosen = q.authority ? choices.find(c => c.value === q.authority) : undefined
    const link = (page: number) => {
      const p = new URLSearchParams(values)
      p.set('page', String(page))
      return `/?${p.toString()}`
    }
    const pagination = paginationFor(results.page, results.pages, link)
    if (!parsed.success) res.status(400)
    renderPage(req, res, 'home.njk', {
      title:
        results.page > 1
          ? `Search published assessments (page ${results.page} of ${results.pages})`
          : 'Search published assessments',
      heading: 'Children’s services assessments and inspections',
      action: '/',
      values,
      ...formErrors(fields),
      authorityItems: selectItems('Any authority', choices, q.authority),
      held,
      chosenAuthority: chosen ? { code: chosen.value, name: chosen.text } : null,
      downloadQuery: downloadQuery(values),
      frameworkItems: selectItems(
        'Any framework',
        FRAMEWORKS.map(f => ({ value: f.id, text: `${f.name} (${f.year})` })),
        q.framework,
      ),
      levelItems: selectItems(
        'Any judgement',
        LEVELS.map(l => ({ value: l, text: levelLabel(l) })),
        q.level,
      ),
      statusItems: isStaff(req.actor)
        ? selectItems(
            'Any status',
            STATUSES.map(s => ({ value: s, text: STATUS_LABELS[s] })),
            q.status,
          )
        : null,
      results: { ...results, items: results.items.map(a => summary(a, names)) },
      mixedNote: mixedFrameworksNote(results.items.map(a => a.frameworkId)),
      pagination,
    })
  })

  /** An authority's page; with `form`, a staff confirmation that failed, given back beside its recommendation. */
  async function authorityPage(
    req: Request,
    res: Response,
    code: string,
    form: { key: string; status: string; note: string; laterAssessmentId: string; error: string } | null = null,
  ) {
    const pages = AuthorityPagesSchema.safeParse(req.query)
    if (!pages.success) return sendError(req, res, 400, undefined, pages.error.issues[0]?.message)
    const overview = await authorityOverview(req.ctx, code)
    const names = authorityNames([overview.authority])
    const latest = overview.assessments[0]
    const headlineOf = (a: AssessmentSummary | undefined) =>
      a ? summary(a, names).headlines.map(h => ({ part: h.part, display: h.display })) : null
    const comparedFramework = latest ? getFramework(latest.frameworkId) : null
    const e = overview.england
    const england = e
      ? `${LEVELS.filter(l => pointForLevel(e.framework.scale, l) || e.counts[l])
          .map(l => `${levelLabel(l)} ${e.counts[l]}`)
          .join(', ')} (of ${plural(e.total, 'published judgement')} of ${e.label.toLowerCase()})`
      : null
    const status = RecommendationStatusSchema.optional().catch(undefined).parse(req.query.status)
    const tracked = await trackedRecommendations(req.ctx, req.actor, overview.authority.code, status ? { status } : {})
    const listed = pageOf(overview.assessments, pages.data.page, PAGE_SIZE)
    const shownRecommendations = pageOf(tracked, pages.data.recommendationsPage, PAGE_SIZE)
    // The page's own address with one thing changed, so that each list's paging keeps the other's page and the filter.
    const here = { status: status ?? '', page: listed.page, recommendationsPage: shownRecommendations.page }
    const queryWith = (change: Partial<typeof here>) => authorityQuery({ ...here, ...change })
    const base = `/authorities/${overview.authority.code}`
    const followUps = await followUpCounts(
      req.ctx,
      listed.items.map(a => a.id),
    )
    const today = req.ctx.now().toISOString().slice(0, 10)
    const first = listed.page === 1 && shownRecommendations.page === 1
    const timeline = overview.timeline.map(p => ({
      ...p,
      inspection: p.framework.name,
      display: printedWithLevel(p),
    }))
    renderPage(req, res, 'authority.njk', {
      title: first
        ? overview.authority.name
        : `${overview.authority.name} (published assessments page ${listed.page}, recommendations page ${shownRecommendations.page})`,
      authority: overview.authority,
      first,
      firstHref: base,
      chart: first ? timelineChart(timeline, `Headline judgements of ${overview.authority.name} over time`) : null,
      chartNotes: first ? inspectionChanges(timeline) : [],
      timelineNote: mixedFrameworksNote(overview.timeline.map(p => p.framework.id)),
      assessmentsTotal: listed.total,
      assessments: listed.items.map(a => ({
        ...summary(a, names),
        followsUp: followsUpText(followUps.get(a.id)),
      })),
      assessmentsPagination: paginationFor(
        listed.page,
        listed.pages,
        n => `${base}${queryWith({ page: n })}#assessments`,
        'Pages of published assessments',
      ),
      recommendationsTotal: shownRecommendations.total,
      recommendationsPagination: paginationFor(
        shownRecommendations.page,
        shownRecommendations.pages,
        n => `${base}${queryWith({ recommendationsPage: n })}#recommendations`,
        'Pages of recommendations',
      ),
      assessmentsPage: listed.page,
      assessmentsPages: listed.pages,
      recommendationsPage: shownRecommendations.page,
      recommendationsPages: shownRecommendations.pages,
      recommendations: shownRecommendations.items.map(t => {
        const f = getFramework(t.assessment.frameworkId)
        return {
          ...recommendationRow(f, t.recommendation, today, t.assessment.followsUp),
          ...trackingRow(t),
          assessmentId: t.assessment.id,
          report: `${f.name} (${summary(t.assessment, names).dateText ?? 'not dated'})`,
          formId: `${t.assessment.id}-${t.recommendation.id}`,
          // Back to this page of the list, with its filter, once the confirmation is recorded.
          action: `${base}/recommendations/${t.assessment.id}/${encodeURIComponent(t.recommendation.id)}${queryWith({})}`,
          form: form?.key === `${t.assessment.id}/${t.recommendation.id}` ? form : null,
        }
      }),
      recommendationStatus: status ?? '',
      recommendationStatuses: RECOMMENDATION_STATUSES.map(x => ({ value: x, text: RECOMMENDATION_STATUS_LABELS[x] })),
      comparedFramework: comparedFramework?.name ?? null,
      self: { date: latest ? summary(latest, names).date : null, headlines: headlineOf(latest) },
      neighbours: overview.neighbours.map(n => ({
        code: n.authority.code,
        name: n.authority.name,
        date: n.latest ? summary(n.latest, names).date : null,
        headlines: headlineOf(n.latest ?? undefined),
      })),
      england,
      confirming: mayConfirm(req.actor),
      compareHref: `/compare?${[overview.authority.code, ...overview.neighbours.slice(0, 3).map(n => n.authority.code)]
        .map(c => `codes=${c}`)
        .join('&')}`,
      ...(form
        ? {
            errors: [
              {
                text: form.error,
                href: `#confirm-${form.laterAssessmentId ? 'later' : 'status'}-${form.key.replace('/', '-')}`,
              },
            ],
          }
        : {}),
    })
  }

  router.get('/authorities/:code', async (req, res) => {
    if (!/^E\d{8}$/.test(req.params.code)) return notFound(req, res)
    await authorityPage(req, res, req.params.code)
  })

  /** Inspectors and quality assurers confirm a recommendation met, not met or superseded, or open it again. */
  router.post(
    '/authorities/:code/recommendations/:assessmentId/:recommendationId',
    requireRole('inspector', 'quality-assurer'),
    async (req, res) => {
      const { code, assessmentId, recommendationId } = req.params as {
        code: string
        assessmentId: string
        recommendationId: string
      }
      if (!/^E\d{8}$/.test(code)) return notFound(req, res)
      const body = z
        .object({
          status: z.string().default(''),
          note: z.string().default(''),
          laterAssessmentId: z.string().default(''),
        })
        .parse(req.body ?? {})
      const key = `${assessmentId}/${recommendationId}`
      const status = RecommendationStatusSchema.safeParse(body.status)
      if (!status.success) {
        res.status(400)
        return authorityPage(req, res, code, { key, ...body, error: 'Choose a status' })
      }
      const seen = await req.ctx.store.assessments.visibility(assessmentId)
      if (!seen || seen.authorityCode !== code) return notFound(req, res)
      try {
        await recordRecommendationUpdate(
          req.ctx,
          signedIn(req).actor,
          signedIn(req).user.name,
          assessmentId,
          recommendationId,
          { status: status.data, note: body.note, laterAssessmentId: body.laterAssessmentId || null },
        )
        res.redirect(303, `/authorities/${code}${authorityQuery({ ...req.query, done: 'confirmed' })}#recommendations`)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        res.status(400)
        await authorityPage(req, res, code, { key, ...body, error: e.message })
      }
    },
  )

  /** The documents a report was read from, each with its original where it is held. */
  async function publishedDocuments(req: Request, a: Assessment) {
    const documents = await req.ctx.store.documents.forAssessment(a.id)
    const held = await req.ctx.store.documents.heldOriginals(documents.map(d => d.hash))
    return documents.map(d => ({
      fileName: d.fileName,
      format: d.format.toUpperCase(),
      size: d.bytes < 1024 * 1024 ? `${Math.ceil(d.bytes / 1024)} KB` : `${(d.bytes / 1024 / 1024).toFixed(1)} MB`,
      hash: d.hash,
      sourceUrl: d.sourceUrl,
      href: held.has(d.hash) ? `/assessments/${a.id}/documents/${d.hash}` : null,
    }))
  }

  /** The assessment's page; a comment that failed comes back in its section's form with the error. */
  async function assessmentPage(
    req: Request,
    res: Response,
    a: Assessment,
    failed?: { section: string; text: string; error: string },
  ) {
    const f = getFramework(a.frameworkId)
    const authority = await req.ctx.store.authorities.get(a.authorityCode)
    const names = authorityNames(authority ? [authority] : [])
    let reportHtml = ''
    let contents: ReturnType<typeof reportContents> = []
    let missing: string[] = []
    try {
      const doc = buildDocument(a, f, authority?.name ?? a.authorityCode)
      reportHtml = toHtmlBody(doc, 1)
      contents = reportContents(doc, f)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      missing = [...e.problems]
    }
    const editions = await req.ctx.store.assessments.editions(a.id)
    const chain = editions.filter(e => e.id === a.id || e.status === 'published' || isStaff(req.actor))
    const staffView = isStaff(req.actor)
    const commenting = canComment(a, req.actor)
    const comments = staffView || commenting ? await req.ctx.store.comments.forAssessment(a.id) : null
    const visibleComments = commenting ? comments?.filter(c => c.authorId === req.actor?.id) : comments
    const sections = commenting
      ? commentSections(f).map(x => (x.id === failed?.section ? { ...x, value: failed.text, error: failed.error } : x))
      : null
    const target = sections?.find(x => x.error)
    const s = summary(a, names)
    renderPage(req, res, 'assessment.njk', {
      ...s,
      title: `${f.name}: ${s.authorityName}${s.dateText ? ` (${s.dateText})` : ''}`,
      dateFromFileName: !a.dates.letter && a.provenance['dates.published']?.kind === 'file-name',
      frameworkName: f.name,
      inspectionType: inspectionTypeOf(f, a),
      authority: authority ?? { code: a.authorityCode, name: a.authorityCode },
      origin: a.origin,
      renderable: missing.length === 0,
      reportHtml,
      contents,
      missing,
      judgements: judgementRows(a),
      workLink: staffView ? `/staff/assessments/${a.id}` : null,
      supersededBy: editions.find(e => e.supersedes === a.id && e.status === 'published')?.id ?? null,
      followsUp: a.status === 'published' ? followsUpText((await followUpCounts(req.ctx, [a.id])).get(a.id)) : null,
      editions: chain.map(e => ({
        ...e,
        statusLabel: STATUS_LABELS[e.status],
        updatedAt: minute(e.updatedAt),
      })),
      documents: a.origin === 'ingested' ? await publishedDocuments(req, a) : [],
      comments: visibleComments ? commentRows(f, visibleComments) : null,
      commentSections: sections,
      errors: failed ? [{ text: failed.error, href: target ? `#comment-${target.key}` : '#main-content' }] : [],
      notice: req.query.done === 'comment' ? 'Your comment has been sent to the inspection team.' : null,
    })
  }

  router.get('/assessments/:id', async (req, res) => {
    await assessmentPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id))
  })

  router.post('/assessments/:id/comments', async (req, res) => {
    const body = z.object({ section: z.string().default(''), text: z.string().default('') }).parse(req.body ?? {})
    if (!req.actor || req.actor.role !== 'authority-officer') return notFound(req, res)
    try {
      await addComment(req.ctx, req.actor, req.user?.name ?? req.actor.id, req.params.id, body)
      res.redirect(303, `/assessments/${req.params.id}?done=comment#comments`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await assessmentPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id), {
        ...body,
        error: e.message,
      })
    }
  })

  router.get('/assessments/:id/report.:format', async (req, res) => {
    const format = req.params.format
    if (format !== 'pdf' && format !== 'txt') return notFound(req, res)
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const f = getFramework(a.frameworkId)
    const name = (await req.ctx.store.authorities.get(a.authorityCode))?.name ?? a.authorityCode
    const file = `${f.id}-${a.authorityCode}-${a.id.slice(0, 8)}${a.status === 'published' ? '' : '-draft'}`
    if (format === 'txt') {
      const text = renderText(a, f, name)
      res.attachment(`${file}.txt`).type('text/plain; charset=utf-8').send(text)
      return
    }
    const pdf = await pdfs.pdf(a, () => renderHtml(a, f, name), req.ctx.store.reportPdfs)
    res.attachment(`${file}.pdf`).type('application/pdf').send(pdf)
  })

  /** The report as published: the bytes that were read, exactly, under the name they were given. */
  router.get('/assessments/:id/documents/:hash', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const d = (await req.ctx.store.documents.forAssessment(a.id)).find(x => x.hash === req.params.hash)
    const bytes = d && (await req.ctx.store.documents.original(d.hash))
    if (!d || !bytes) return notFound(req, res)
    // A saved web page is offered as a file to keep, never shown as a page of this site.
    res
      .attachment(d.fileName)
      .type(
        d.format === 'pdf'
          ? 'application/pdf'
          : d.format === 'html'
            ? 'text/html; charset=utf-8'
            : 'text/plain; charset=utf-8',
      )
      .set('Content-Security-Policy', "sandbox; default-src 'none'")
      .set('Digest', `sha-256=${Buffer.from(d.hash, 'hex').toString('base64')}`)
      .send(Buffer.from(bytes))
  })

  router.get('/assessments/:id/assessment.json', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    res.attachment(`assessment-${a.id}.json`).json(a)
  })

  router.get('/assessments/:id/judgements.csv', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const authority = await req.ctx.store.authorities.get(a.authorityCode)
    if (!authority) return notFound(req, res)
    res.attachment(`judgements-${a.id}.csv`).type('text/csv; charset=utf-8').send(judgementsCsv(a, authority))
  })

  router.get('/national', async (req, res) => {
    const groups = await nationalOverview(req.ctx)
    renderPage(req, res, 'national.njk', {
      title: 'National overview',
      tables: nationalTables(groups),
      groups: groups.map((g: Distribution) => {
        // The levels of this framework's scale (and any other a judgement was recorded at), each with its grade.
        const levels = LEVELS.filter(l => pointForLevel(g.framework.scale, l) || g.counts[l])
        return {
          framework: g.framework.name,
          year: g.year,
          label: g.label,
          total: g.total,
          totalText: plural(g.total, 'judgement'),
          chart: distributionChart(g.counts, `${g.framework.name}, ${g.year ?? 'year not known'}: ${g.label}`, levels),
          rows: levels.map(l => {
            const point = pointForLevel(g.framework.scale, l)
            return {
              level: l,
              display: { printed: point ? gradeLabel(g.framework.scale, point.value) : null, tag: levelTag(l) },
              count: g.counts[l],
              share: `${g.total ? Math.round((100 * g.counts[l]) / g.total) : 0}%`,
            }
          }),
        }
      }),
    })
  })

  router.get('/contact', (req, res) => {
    renderPage(req, res, 'contact.njk', { title: 'Report a problem' })
  })

  router.get('/frameworks', (req, res) => {
    renderPage(req, res, 'frameworks.njk', {
      title: 'Assessment frameworks',
      frameworks: FRAMEWORKS.map(f => ({
        id: f.id,
        name: f.name,
        year: f.year,
        scaleDescription: `Scale: ${describeScale(f.scale)}.`,
        points: pointsBestFirst(f.scale),
        areas: f.areas.map(a => ({ title: areaTitle(f, a.id), grade: a.grade })),
        timescales: f.timescales,
      })),
    })
  })

  return router
}

function commentSections(f: ReturnType<typeof getFramework>) {
  return [
    { id: GENERAL_SECTION, key: 'general', title: 'the report as a whole', value: '', error: null as string | null },
    ...f.areas.map(a => ({
      id: a.id,
      key: a.id.replaceAll('.', '-'),
      title: areaTitle(f, a.id),
      value: '',
      error: null as string | null,
    })),
  ]
}
