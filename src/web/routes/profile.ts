import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { readAssessment } from '../../app/assessments.js'
import { DATA_KINDS, type DataImport, type DataKind, importData } from '../../app/data-import.js'
import {
  draftRatingNarrative,
  profileYearOf,
  profileYears,
  suggestForAssessment,
  whatIfReport,
} from '../../app/profile.js'
import {
  BUILT_IN_RULES,
  canEdit,
  getFramework,
  NotFoundError,
  RATING_NOTE,
  RATING_RULE_SETS,
  ValidationError,
} from '../../domain/index.js'
import { sendError } from '../errors.js'
import { authorityNames, gradeDisplay, minute, printedGrade } from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

export const MAX_DATA_BYTES = 50 * 1024 * 1024

const gradeLabel = (frameworkId: string, grade: number | null) => printedGrade(getFramework(frameworkId), grade)

/** The performance profile's pages: an authority's profile, the rating and its reasons, what-if, data imports. */
export function profileRoutes() {
  const router = Router()

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
