import { type Request, type Response, Router } from 'express'
import { readAssessment } from '../../../../../app/assessments.js'
import { addEvidence } from '../../../../../app/evidence.js'
import {
  type Assessment,
  EVIDENCE_KIND_LABELS,
  type EvidenceKind,
  evidenceSettings,
  getFramework,
  MAX_EVIDENCE_FILE_BYTES,
  makeEvidence,
} from '../../../../../domain/index.js'
import { sendError } from '../../../../errors.js'
import { type FieldProblem, summaryOf, textFields } from '../../../../form.js'
import { authorityNames } from '../../../../presenters.js'
import { checkCsrf, signedIn } from '../../../../security.js'
import { renderPage } from '../../../../views.js'
import { areaCheckboxes, evidenceBase, kindLinks } from '../presenter.js'
import {
  CHOOSE_KIND,
  chosenAreas,
  EVIDENCE_FIELDS,
  evidenceInput,
  evidenceUpload,
  kindOf,
  problemsOf,
} from '../schemas.js'

/** /staff/assessments/:id/evidence/new: record an item of evidence of a kind, with a file, naming its judgements. */
export function newEvidenceRoutes(): Router {
  const router = Router()

  const newPage = async (
    req: Request,
    res: Response,
    a: Assessment,
    kind: EvidenceKind | null,
    values: Record<string, string>,
    problems: readonly FieldProblem[],
  ) => {
    const f = getFramework(a.frameworkId)
    const settings = evidenceSettings(f).caseAudit
    const names = authorityNames(await req.ctx.store.authorities.list())
    // Each problem links to its field's first input: the first aspect's first rating, the first judgement's box.
    const href = (field: string) =>
      field === 'findings' ? `#finding-${settings.aspects[0]?.id}` : field === 'areas' ? '#area' : `#${field}`
    renderPage(req, res, 'staff/evidence/new/view.njk', {
      title: kind ? `Record a ${EVIDENCE_KIND_LABELS[kind].toLowerCase()}` : 'Record evidence',
      ...summaryOf(problems, EVIDENCE_FIELDS, href),
      values,
      id: a.id,
      kind,
      kindLabel: kind ? EVIDENCE_KIND_LABELS[kind] : null,
      authorityName: names.get(a.authorityCode) ?? a.authorityCode,
      frameworkName: f.name,
      kinds: kindLinks(a.id),
      aspects: settings.aspects.map(x => ({
        id: `finding-${x.id}`,
        name: `finding:${x.id}`,
        label: x.label,
        items: [
          { value: '', text: 'Not audited', checked: !values[`finding:${x.id}`] },
          ...settings.scale.map(s => ({ value: s.id, text: s.label, checked: values[`finding:${x.id}`] === s.id })),
        ],
      })),
      areas: areaCheckboxes(f, a, chosenAreas(values)),
      maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024,
    })
  }

  router.get('/staff/assessments/:id/evidence/new', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
    await newPage(req, res, a, kindOf(req.query.kind), {}, [])
  })

  router.post('/staff/assessments/:id/evidence', evidenceUpload.single('file'), checkCsrf, async (req, res) => {
    const { actor, user } = signedIn(req)
    const body = textFields(req.body)
    const a = await readAssessment(req.ctx, actor, req.params.id as string)
    const kind = kindOf(body.kind)
    if (!kind) return sendError(req, res, 400, undefined, CHOOSE_KIND)
    const file = req.file && req.file.size > 0 ? req.file : undefined
    const f = getFramework(a.frameworkId)
    const { input, problems } = evidenceInput(f, kind, body)
    if (problems.length) {
      // The form's own problems come with all the domain finds in the rest of it, in one summary.
      try {
        makeEvidence(f, a, input, { id: req.ctx.newId(), by: actor.id, byName: user.name, at: req.ctx.now() })
      } catch (e) {
        const flagged = new Set(problems.map(p => p.field))
        problems.push(...problemsOf(e).filter(p => !flagged.has(p.field)))
      }
      res.status(400)
      return newPage(req, res, a, kind, body, problems)
    }
    try {
      const files = file
        ? [{ fileName: file.originalname, mediaType: file.mimetype, bytes: new Uint8Array(file.buffer) }]
        : []
      const item = await addEvidence(req.ctx, actor, user.name, a.id, input, files)
      res.redirect(303, `${evidenceBase(a.id)}/${item.id}?done=added`)
    } catch (e) {
      const found = problemsOf(e)
      res.status(400)
      await newPage(req, res, a, kind, body, found)
    }
  })

  return router
}
