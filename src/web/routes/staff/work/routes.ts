import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import {
  addRecommendation,
  moveAssessment,
  readAssessment,
  removeRecommendation,
  signAssessment,
  startCorrection,
  updateDetails,
} from '../../../../app/assessments.js'
import { factualCheckOf } from '../../../../app/comments.js'
import { evidenceAdvice } from '../../../../app/evidence.js'
import {
  type Assessment,
  areaTitle,
  availableTransitions,
  canEdit,
  evaluateRules,
  ForbiddenError,
  getFramework,
  maySign,
  printsProgress,
  RATING_RULE_SETS,
  STATUSES,
  ValidationError,
} from '../../../../domain/index.js'
import { sendError } from '../../../errors.js'
import {
  authorityNames,
  commentRows,
  gradeDisplay,
  minute,
  printedGrade,
  recommendationRow,
  summary,
} from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { blockingLines, rulesPanel } from '../editor.js'
import { fieldText, NO_VERSION, Version } from '../form.js'
import { auditChanges } from './audit-presenter.js'
import { describeAudit, detailRows, movedNotice, NOTICES } from './presenter.js'
import { checkRecommendation, recommendationForm, signatureForm } from './schemas.js'

/**
 * /staff/assessments/:id: the work on an assessment — its details, judgements, rules, recommendations, signatures,
 * comments and audit trail — and the changes made from it: recommendations, signing, moving on, corrections.
 */
export function workRoutes(): Router {
  const router = Router()

  async function workPage(req: Request, res: Response, a: Assessment, extra: Record<string, unknown> = {}) {
    const f = getFramework(a.frameworkId)
    const actor = signedIn(req).actor
    const authorities = await req.ctx.store.authorities.list()
    const names = authorityNames(authorities)
    const audit = await req.ctx.store.audit.forAssessment(a.id)
    const people = await req.ctx.store.users.names(audit.map(e => e.actor))
    const comments = await req.ctx.store.comments.forAssessment(a.id)
    const today = req.ctx.now().toISOString().slice(0, 10)
    const moves = availableTransitions(a, actor).map(t => ({
      to: t.to,
      label: t.label,
      forward: STATUSES.indexOf(t.to) > STATUSES.indexOf(t.from),
    }))
    renderPage(req, res, 'staff/work/view.njk', {
      ...summary(a, names),
      title: `Work on ${f.name}: ${names.get(a.authorityCode) ?? a.authorityCode}`,
      editable: canEdit(a, actor),
      detailRows: detailRows(a),
      areas: f.areas.map(area => {
        const j = a.judgements.find(x => x.areaId === area.id)
        return {
          id: area.id,
          title: areaTitle(f, area.id),
          required: area.required,
          grade: area.grade,
          printed: printedGrade(f, j?.grade ?? null),
          display: gradeDisplay(f, j?.grade ?? null),
        }
      }),
      // Grading in turn starts at the first area still without a grade; "Save and continue" goes on from there.
      firstToGrade: f.areas.find(
        x => x.grade !== 'none' && (a.judgements.find(j => j.areaId === x.id)?.grade ?? null) === null,
      )?.id,
      rules: rulesPanel(f, [...evaluateRules(a, f), ...(await evidenceAdvice(req.ctx, a))]),
      recommendations: a.recommendations.map(r => recommendationRow(f, r, today, a.followsUp)),
      recommendationAreaItems: [
        { value: '', text: 'The assessment as a whole' },
        ...f.parts.map(p => ({ value: p.id, text: p.label })),
        ...f.areas.map(x => ({ value: x.id, text: areaTitle(f, x.id) })),
      ],
      timescaleItems: [
        { value: '', text: 'Choose a timescale' },
        ...f.timescales.map(t => ({ value: t.id, text: t.label })),
      ],
      // Progress on a recommendation is printed only under some timescales (an earlier inspection's, in a 2007 letter).
      progressTimescales: f.timescales.filter(t => printsProgress(f, t.id)).map(t => t.label),
      canSign: maySign(actor) && canEdit(a, actor),
      // A quality assurer corrects their own signature; the name is theirs as the service knows it.
      signature: a.signatories.find(p => p.name === signedIn(req).user.name) ?? null,
      canCorrect: a.status === 'published',
      ratingLink: RATING_RULE_SETS.some(r => r.framework === a.frameworkId)
        ? `/staff/assessments/${a.id}/rating`
        : null,
      moves,
      comments: commentRows(f, comments),
      audit: audit.map(e => ({
        at: `${minute(e.at)}:${e.at.slice(17, 19)}`,
        who: `${people.get(e.actor) ?? e.actor} (${e.actorRole})`,
        what: describeAudit(f, e.action, e.entityId),
        changes: auditChanges(f, e),
      })),
      notice:
        req.query.done === 'moved'
          ? movedNotice(a)
          : typeof req.query.done === 'string'
            ? NOTICES[req.query.done]
            : null,
      unanswered: a.status === 'factual-accuracy-check' ? (await factualCheckOf(req.ctx, a)).unanswered.length : 0,
      ...extra,
    })
  }

  router.get('/staff/assessments/:id', async (req, res) => {
    await workPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id))
  })

  /** Runs a change; a validation problem re-renders the work page with the error summary and status 400. */
  async function changeFromWorkPage(
    req: Request,
    res: Response,
    done: string,
    field: string,
    /** The change; a word it returns names what was done instead of `done`. */
    run: (version: number) => Promise<unknown>,
    explain: (e: ValidationError, a: Assessment) => readonly string[] = e => e.problems,
  ) {
    const version = Version.safeParse((req.body as Record<string, unknown> | undefined)?.version)
    if (!version.success) return sendError(req, res, 400, undefined, NO_VERSION)
    try {
      const outcome = await run(version.data)
      res.redirect(303, `/staff/assessments/${req.params.id}?done=${typeof outcome === 'string' ? outcome : done}`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      const a = await readAssessment(req.ctx, req.actor, req.params.id as string)
      res.status(400)
      await workPage(req, res, a, {
        errors: explain(e, a).map(p => ({ text: p, href: `#${field}` })),
        fieldErrors: { [field.replace('recommendation-', '')]: e.message },
        values: req.body,
      })
    }
  }

  router.post('/staff/assessments/:id/recommendations', async (req, res) => {
    const a = await readAssessment(req.ctx, req.actor, req.params.id)
    const form = recommendationForm(req.body, getFramework(a.frameworkId))
    return changeFromWorkPage(
      req,
      res,
      'recommendation',
      form.progressWrong ? 'recommendation-progress' : 'recommendation-text',
      async version => {
        checkRecommendation(form)
        await addRecommendation(req.ctx, signedIn(req).actor, req.params.id, version, {
          text: form.text,
          areaId: form.areaId || null,
          timescaleId: form.timescaleId,
          progress: form.progress || null,
        })
      },
    )
  })

  router.post('/staff/assessments/:id/recommendations/:rid/remove', (req, res) =>
    changeFromWorkPage(req, res, 'removed', 'recommendations', version =>
      removeRecommendation(req.ctx, signedIn(req).actor, req.params.id, version, req.params.rid),
    ),
  )

  // One form signs, corrects a signature or takes it back: each person's own only, the others' stay as they are.
  router.post('/staff/assessments/:id/sign', (req, res) =>
    changeFromWorkPage(req, res, 'signed', 'signatory-title', async version => {
      const actor = signedIn(req).actor
      const name = signedIn(req).user.name
      const a = await readAssessment(req.ctx, req.actor, req.params.id)
      if (fieldText(req.body, 'signature') === 'remove') {
        if (!maySign(actor)) throw new ForbiddenError('Only a quality assurer signs')
        const signatories = a.signatories.filter(p => p.name !== name)
        await updateDetails(req.ctx, actor, req.params.id, version, { signatories })
        return 'unsigned'
      }
      const person = signatureForm(req.body, name, getFramework(a.frameworkId))
      if (!a.signatories.some(p => p.name === name)) {
        await signAssessment(req.ctx, actor, req.params.id, version, person)
        return 'signed'
      }
      if (!maySign(actor)) throw new ForbiddenError('Only a quality assurer signs')
      const signatories = a.signatories.map(p => (p.name === name ? person : p))
      await updateDetails(req.ctx, actor, req.params.id, version, { signatories })
      return 'signature'
    }),
  )

  router.post('/staff/assessments/:id/move', (req, res) =>
    // Publishing goes through the check of what becomes public (the publish page).
    (req.body as Record<string, unknown> | undefined)?.to === 'published'
      ? res.redirect(303, `/staff/assessments/${req.params.id}/publish`)
      : changeFromWorkPage(
          req,
          res,
          'moved',
          'rules',
          version => {
            const to = z.enum(STATUSES).safeParse((req.body as Record<string, unknown>).to)
            if (!to.success) throw new ValidationError('Choose where to move the assessment')
            return moveAssessment(req.ctx, signedIn(req).actor, req.params.id, version, to.data)
          },
          // What stops the move, in the rules panel's words (areas still to grade as one line).
          (e, a) => {
            const lines = blockingLines(getFramework(a.frameworkId), evaluateRules(a, getFramework(a.frameworkId)))
            return lines.length ? lines : e.problems
          },
        ),
  )

  router.post('/staff/assessments/:id/correct', async (req, res) => {
    const c = await startCorrection(req.ctx, signedIn(req).actor, req.params.id)
    res.redirect(303, `/staff/assessments/${c.id}?done=correction`)
  })

  return router
}
