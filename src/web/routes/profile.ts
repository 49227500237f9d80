import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { readAssessment } from '../../app/assessments.js'
import { DATA_KINDS, type DataImport, type DataKind, importData } from '../../app/data-import.js'
import {
  draftRatingNarrative,
  loadProfile,
  profileYearOf,
  profileYears,
  suggestForAssessment,
  whatIfReport,
} from '../../app/profile.js'
import {
  BANDING,
  BANDS,
  BLOCK_LABELS,
  BLOCKS,
  BUILT_IN_RULES,
  canEdit,
  comparisonWords,
  getFramework,
  isBand,
  NotFoundError,
  PERFORMANCE_WORDS,
  RATING_NOTE,
  RATING_RULE_SETS,
  ValidationError,
} from '../../domain/index.js'
import { barChart } from '../charts.js'
import { sendError } from '../errors.js'
import { authorityNames, gradeDisplay, minute, printedGrade } from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

const num = (x: number | null) => (x === null ? '—' : (Math.round(x * 10) / 10).toLocaleString('en-GB'))
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(100 * x)}%`)
const Year = z.coerce.number().int().min(2000).max(2100)
export const MAX_DATA_BYTES = 50 * 1024 * 1024

const gradeLabel = (frameworkId: string, grade: number | null) => printedGrade(getFramework(frameworkId), grade)

/** The performance profile's pages: an authority's profile, the rating and its reasons, what-if, data imports. */
export function profileRoutes() {
  const router = Router()

  router.get('/authorities/:code/profile', async (req, res) => {
    const authority = /^E\d{8}$/.test(req.params.code)
      ? await req.ctx.store.authorities.get(req.params.code)
      : undefined
    if (!authority) throw new NotFoundError(`No authority ${req.params.code}`)
    const years = await profileYears(req.ctx)
    const asked = req.query.year === undefined ? undefined : Year.safeParse(req.query.year)
    if (asked && !asked.success) return sendError(req, res, 400, undefined, 'Enter a year from 2000 to 2100, like 2009')
    const year = asked?.data ?? years[0]
    const base = {
      title: `${authority.name}: performance profile${year ? ` ${year}` : ''}`,
      authority,
      year,
      yearItems: years.map(y => ({ value: String(y), text: String(y), selected: y === year })),
    }
    if (!year) return renderPage(req, res, 'profile.njk', { ...base, empty: true })
    const { profile: p, synthetic, empty } = await loadProfile(req.ctx, authority.code, year)
    if (empty) return renderPage(req, res, 'profile.njk', { ...base, empty: true, synthetic })
    const blocks = BLOCKS.map(block => {
      const rows = p.indicators.filter(c => c.indicator.block === block)
      return {
        id: block,
        label: BLOCK_LABELS[block],
        chart: barChart(
          [
            ...BANDS.map(b => ({ label: PERFORMANCE_WORDS[b], n: rows.filter(c => c.vsNeighbours === b).length })),
            { label: 'not banded', n: rows.filter(c => !isBand(c.vsNeighbours)).length },
          ].map(({ label, n }) => ({ label, value: n, text: String(n) })),
          `${BLOCK_LABELS[block]}: indicators by performance against similar areas`,
        ),
        rows: rows.map(c => ({
          code: c.indicator.code,
          name: c.indicator.measure ? `${c.indicator.name}; ${c.indicator.measure}` : c.indicator.name,
          polarity: c.indicator.polarity === 'neither' ? 'context' : `${c.indicator.polarity} is better`,
          certainty: c.indicator.certainty,
          value: num(c.value),
          neighbours: num(c.neighbours),
          region: num(c.region),
          england: `${num(c.england)}${c.englandSource === 'published' ? ' (published)' : ''}`,
          vsNeighbours: comparisonWords(c.indicator.polarity, c.vsNeighbours),
          vsEngland: comparisonWords(c.indicator.polarity, c.vsEngland),
        })),
      }
    }).filter(b => b.rows.length > 0)
    renderPage(req, res, 'profile.njk', {
      ...base,
      synthetic,
      neighbourCount: p.neighbours.length,
      bandingNote: `Percentages are banded by percentage points (well above: ${BANDING.percentPoints.wellAbove} or more; above: ${BANDING.percentPoints.above} or more), other measures by the relative difference; fewer than ${BANDING.smallNumbers.minDenominator} children or settings are not banded. These cut-offs are ${BANDING.status}.`,
      settingsOverall: p.settingsOverall.count
        ? `${p.settingsOverall.goodOrBetter} of ${p.settingsOverall.count} inspected services and settings (${pct(p.settingsOverall.share)}) were judged good or better in their latest inspection.`
        : 'No settings outcomes are held.',
      settingsChart: barChart(
        p.settings.map(s => ({
          label: s.type.label,
          value: s.share ?? 0,
          text: s.share === null ? 'none' : pct(s.share),
        })),
        `${authority.name}: share of settings good or better, by type`,
      ),
      settings: p.settings.map(s => ({
        label: s.type.label,
        count: s.count,
        share: pct(s.share),
        neighbours: pct(s.neighbours),
        region: pct(s.region),
        england: pct(s.england),
        vsNeighbours: comparisonWords('higher', s.vsNeighbours),
        vsEngland: comparisonWords('higher', s.vsEngland),
      })),
      blocks,
      inspections: p.inspections.map(i =>
        i.kind === 'unannounced'
          ? `Unannounced inspection, ${i.date}: ${i.priorityActions === 1 ? '1 area' : `${i.priorityActions} areas`} for priority action`
          : `Safeguarding judged ${i.level ?? 'without a grade'}: ${i.source}`,
      ),
    })
  })

  const staff = requireRole('inspector', 'quality-assurer')

  async function ratingPage(req: Request, res: Response, id: string) {
    const a = await readAssessment(req.ctx, req.actor, id)
    const rules = RATING_RULE_SETS.find(r => r.framework === a.frameworkId)
    if (!rules) throw new NotFoundError(`${getFramework(a.frameworkId).name} is not rated from a performance profile`)
    const s = a.ratingSuggestion
    const j = a.judgements.find(x => x.areaId === rules.area)
    const dataYear = s?.dataYear ?? profileYearOf(a)
    const names = authorityNames(await req.ctx.store.authorities.list())
    const synthetic = await req.ctx.store.profile.syntheticIn(dataYear)
    renderPage(req, res, 'staff/rating.njk', {
      title: `The rating and its reasons – ${names.get(a.authorityCode) ?? a.authorityCode}`,
      id: a.id,
      version: a.version,
      areaId: rules.area,
      authorityCode: a.authorityCode,
      authorityName: names.get(a.authorityCode) ?? a.authorityCode,
      frameworkName: getFramework(a.frameworkId).name,
      editable: canEdit(a, signedIn(req).actor),
      synthetic,
      dataYear,
      rulesYear: s?.rulesYear ?? rules.year,
      note: RATING_NOTE,
      suggested: s ? gradeDisplay(getFramework(a.frameworkId), s.grade) : null,
      recorded: gradeDisplay(getFramework(a.frameworkId), j?.grade ?? null),
      rationale: j?.overrides.find(o => o.rule === BUILT_IN_RULES.profile)?.rationale ?? null,
      missing: s?.missing ?? [],
      steps: (s?.steps ?? []).map(step => ({
        ...step,
        change:
          step.before === step.after
            ? (gradeLabel(a.frameworkId, step.after) ?? '—')
            : `${gradeLabel(a.frameworkId, step.before) ?? 'none'} → ${gradeLabel(a.frameworkId, step.after) ?? 'none'}`,
      })),
      narrative: j?.narrative ? j.narrative.split(/\n{2,}/) : null,
      notice:
        req.query.done === 'suggest'
          ? 'The suggested rating has been worked out from the profile.'
          : req.query.done === 'draft'
            ? 'The narrative has been drafted from the profile. Edit it in the rating’s editor.'
            : null,
    })
  }

  router.get('/staff/assessments/:id/rating', staff, (req, res) => ratingPage(req, res, String(req.params.id)))

  const Version = z.object({ version: z.coerce.number().int().min(1) })
  for (const [action, run] of [
    ['suggest', suggestForAssessment],
    ['draft', draftRatingNarrative],
  ] as const)
    router.post(`/staff/assessments/:id/rating/${action}`, staff, async (req, res) => {
      const body = Version.safeParse(req.body)
      if (!body.success) return sendError(req, res, 400, undefined, 'The form did not say which version you changed')
      try {
        await run(req.ctx, signedIn(req).actor, String(req.params.id), body.data.version)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        res.status(400)
        return renderPage(req, res, 'error.njk', {
          title: 'The rating could not be worked out',
          paragraphs: [...e.problems],
        })
      }
      res.redirect(303, `/staff/assessments/${req.params.id}/rating?done=${action}`)
    })

  router.get('/staff/what-if', staff, async (req, res) => {
    const years = await profileYears(req.ctx)
    const q = req.query as Record<string, string | undefined>
    const rulesYear = q.rules ? Number(q.rules) : (RATING_RULE_SETS.at(-1)?.year ?? 2009)
    const rules = RATING_RULE_SETS.find(r => r.year === rulesYear) ?? RATING_RULE_SETS[0]
    const fields: Record<string, string> = {}
    let result = null
    if (q.data !== undefined) {
      const dataYear = Number(q.data)
      if (!years.includes(dataYear)) fields.data = 'Choose a year that profile data is held for'
      if (!rules?.rules.some(r => r.id === q.without)) fields.without = 'Choose the rule to switch off'
      if (Object.keys(fields).length === 0 && rules && q.without) {
        const r = await whatIfReport(req.ctx, dataYear, rules.year, q.without)
        const names = authorityNames(await req.ctx.store.authorities.list())
        result = {
          ...r,
          dataYear,
          rows: r.rows.map(x => ({
            code: x.authorityCode,
            name: names.get(x.authorityCode) ?? x.authorityCode,
            withRule: gradeDisplay(getFramework(rules.framework), x.withRule),
            without: gradeDisplay(getFramework(rules.framework), x.without),
          })),
        }
      } else res.status(400)
    }
    renderPage(req, res, 'staff/what-if.njk', {
      title: 'What if a rule were switched off?',
      ...formErrors(fields),
      dataItems: years.map(y => ({ value: String(y), text: String(y), selected: String(y) === q.data })),
      rulesItems: RATING_RULE_SETS.map(s => ({
        value: String(s.year),
        text: String(s.year),
        selected: s.year === rules?.year,
      })),
      ruleItems: [
        { value: '', text: 'Choose a rule' },
        ...(rules?.rules ?? []).map(r => ({
          value: r.id,
          text: `${r.label} (${r.status})`,
          selected: r.id === q.without,
        })),
      ],
      result,
    })
  })

  const admin = requireRole('administrator')
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DATA_BYTES, files: 1, fields: 5 } })

  async function dataPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const datasets = await req.ctx.store.profile.datasets()
    renderPage(req, res, 'admin/data.njk', {
      title: 'Profile data',
      kindItems: [{ value: '', text: 'Choose the kind' }, ...DATA_KINDS.map(k => ({ value: k, text: k }))],
      datasets: datasets.map(d => ({ ...d, importedAt: minute(d.importedAt) })),
      ...extra,
    })
  }

  router.get('/admin/data', admin, (req, res) => dataPage(req, res))

  router.post('/admin/data', admin, upload.single('file'), checkCsrf, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | string[]>
    const kind = String(body.kind ?? '')
    const options = ([] as string[]).concat(body.options ?? [])
    const fields: Record<string, string> = {}
    if (!DATA_KINDS.includes(kind as DataKind)) fields.kind = 'Choose the kind of data'
    if (!req.file || req.file.size === 0) fields.file = req.file ? 'The selected file is empty' : 'Select a CSV file'
    if (Object.keys(fields).length || !req.file) {
      res.status(400)
      return dataPage(req, res, formErrors(fields))
    }
    let r: DataImport
    try {
      r = await importData(req.ctx, signedIn(req).actor, kind as DataKind, req.file.buffer.toString('utf8'), {
        fileName: req.file.originalname,
        skipBadRows: options.includes('skip'),
        dryRun: options.includes('dry-run'),
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      return dataPage(req, res, formErrors({ file: e.message }))
    }
    if (r.errors.length && !r.skipped) res.status(400)
    await dataPage(req, res, {
      result: {
        summary:
          r.errors.length && !r.skipped
            ? `Nothing was imported: ${r.errors.length} of the ${r.rows} rows are bad.`
            : `${r.dryRun ? 'The file is good: it would import' : 'Imported'} ${r.imported} of ${r.rows} rows${r.skipped ? `, skipping ${r.skipped} bad ones` : ''}${r.replaced ? `, replacing ${r.replaced} held before` : ''}.`,
        errors: r.errors,
      },
    })
  })

  return router
}
